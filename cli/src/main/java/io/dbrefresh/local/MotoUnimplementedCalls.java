package io.dbrefresh.local;

import java.util.Locale;
import java.util.Set;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * moto answers a call it does not implement with its web server's HTTP 500 page, which the SDK
 * takes for a passing fault and retries three times with back-off: about 0.4 s of waiting per
 * call, and every pre-flight makes two such calls. For the calls moto 5 is known not to have,
 * that answer is final, so it is given as what it means, 501 Not Implemented, which the SDK does
 * not retry and which pre-flight reads as it read the 500 page (the endpoint does not offer the
 * call: the check it serves is left out). Any other answer, and these calls once a moto
 * implements them, pass as they came.
 */
final class MotoUnimplementedCalls implements ExecutionInterceptor {

    /** Service and operation, as the SDK names them, of the calls moto 5.2 answers with its 500 page. */
    static final Set<String> NOT_IN_MOTO = Set.of("rds:DescribeAccountAttributes", "rds:DescribeDBEngineVersions",
            "ssm:DescribeInstanceInformation");

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        SdkHttpResponse response = context.httpResponse();
        if (response.statusCode() != 500) {
            return response;
        }
        String call = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)).toLowerCase(Locale.ROOT)
                + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        boolean webServerPage = response.firstMatchingHeader("Content-Type").map(t -> t.startsWith("text/html")).orElse(false);
        return NOT_IN_MOTO.contains(call) && webServerPage
                ? response.toBuilder().statusCode(501).statusText("Not Implemented").build()
                : response;
    }
}
