package io.dbrefresh.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * moto does not offer RDS {@code DescribeAccountAttributes} (it answers an HTTP 500 page): this
 * answers that one call as AWS does, with the manual snapshot quota a test sets (and 2 of 40 DB
 * instances), and records the name of every operation sent through it. Until a quota is set the
 * call goes to the emulator as it is.
 */
public final class AccountQuotas implements ExecutionInterceptor {

    private final List<String> operations = new CopyOnWriteArrayList<>();
    private volatile String body;

    /** From now on the account reports {@code used} of {@code max} manual snapshots. */
    public void manualSnapshots(int used, int max) {
        body = """
                <DescribeAccountAttributesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                  <DescribeAccountAttributesResult>
                    <AccountQuotas>
                      <AccountQuota><AccountQuotaName>DBInstances</AccountQuotaName><Used>2</Used><Max>40</Max></AccountQuota>
                      <AccountQuota><AccountQuotaName>ManualSnapshots</AccountQuotaName><Used>%d</Used><Max>%d</Max></AccountQuota>
                    </AccountQuotas>
                  </DescribeAccountAttributesResult>
                  <ResponseMetadata><RequestId>quota-1</RequestId></ResponseMetadata>
                </DescribeAccountAttributesResponse>
                """.formatted(used, max);
    }

    /** Every operation sent through this interceptor, by name, in order. */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        return answered(attributes) ? context.httpResponse().toBuilder().statusCode(200).statusText("OK").build()
                : context.httpResponse();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        return answered(attributes) ? Optional.of(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                : context.responseBody();
    }

    private boolean answered(ExecutionAttributes attributes) {
        return body != null && "DescribeAccountAttributes".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }
}
