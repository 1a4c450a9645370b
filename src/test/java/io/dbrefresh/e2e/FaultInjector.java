package io.dbrefresh.e2e;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.rds.model.RdsException;

/**
 * Makes one AWS call fail: the operation (e.g. {@code StopDBInstance}) on one resource (the
 * request's DB instance or cluster identifier, or any when null). The failure is raised before the call
 * is sent (or, for a lost response, after the call went through), so the SDK's own retries never
 * see it: it stands for a fault that outlived them.
 *
 * A resource ending in {@code *} is a prefix: an old target renamed away ({@code <target>-old-<minute>}) has a name
 * only the run knows.
 *
 * @param times how many calls fail before the rest go through (Integer.MAX_VALUE: all)
 */
final class FaultInjector implements ExecutionInterceptor {

    enum Kind {
        /** AWS throttling that outlived the SDK's retries. */
        THROTTLING,
        /** A 500 from the service. */
        SERVER_ERROR,
        /** The handler fails with something that is not an AWS answer (a broken connection). */
        HANDLER_EXCEPTION,
        /** The call went through, its answer was lost (the connection broke after the request was sent). */
        RESPONSE_LOST
    }

    private final String operation;
    private final String resource;
    private final Kind kind;
    private final AtomicInteger remaining;
    private final AtomicInteger injected = new AtomicInteger();
    private final Predicate<SdkRequest> only;
    private volatile boolean armed;

    FaultInjector(String operation, String resource, Kind kind, int times) {
        this(operation, resource, r -> true, kind, times);
    }

    /** @param only of the calls to the resource, the ones that fail (a step's own call among others of the same operation) */
    FaultInjector(String operation, String resource, Predicate<SdkRequest> only, Kind kind, int times) {
        this.operation = operation;
        this.resource = resource;
        this.only = only;
        this.kind = kind;
        this.remaining = new AtomicInteger(times);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (kind != Kind.RESPONSE_LOST) {
            fail(context, attributes);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (kind == Kind.RESPONSE_LOST) {
            fail(context, attributes);
        }
    }

    private void fail(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!armed || !operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)) || !matches(context.request())
                || !only.test(context.request())) {
            return;
        }
        if (remaining.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) <= 0) {
            return;
        }
        injected.incrementAndGet();
        throw switch (kind) {
            case THROTTLING -> RdsException.builder().statusCode(400).message("Rate exceeded (injected)")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").errorMessage("Rate exceeded (injected)")
                            .serviceName("Rds").build()).build();
            case SERVER_ERROR -> RdsException.builder().statusCode(500).message("internal failure (injected)")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalFailure").errorMessage("internal failure (injected)")
                            .serviceName("Rds").build()).build();
            case HANDLER_EXCEPTION -> SdkClientException.create("connection reset (injected)");
            case RESPONSE_LOST -> SdkClientException.create("connection reset after the request was sent (injected)");
        };
    }

    private boolean matches(SdkRequest request) {
        if (resource == null) {
            // the history row and the message of the success path; the lock's RUNNING row and the
            // failure path's record and message must go through
            if (request instanceof software.amazon.awssdk.services.dynamodb.model.PutItemRequest put) {
                var status = put.item().get("status");
                return status != null && "SUCCEEDED".equals(status.s());
            }
            if (request instanceof software.amazon.awssdk.services.sns.model.PublishRequest publish) {
                return publish.subject() != null && publish.subject().contains("refreshed from");
            }
            return true;
        }
        // a DB instance or cluster; or a table (the lock), a secret (rotation), a bucket (the scripts' reports)
        for (String field : new String[] {"DBInstanceIdentifier", "ResourceName", "TargetDBInstanceIdentifier", "DBClusterIdentifier",
                "TableName", "SecretId", "Bucket"}) {
            String value = request.getValueForField(field, String.class).orElse(null);
            if (value != null && (value.equals(resource) || value.endsWith(":db:" + resource) || value.endsWith(":cluster:" + resource)
                    || resource.endsWith("*") && value.startsWith(resource.substring(0, resource.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** From now on the fault fires: seeding and the steps before the faulty one go through untouched. */
    void arm() {
        armed = true;
    }

    int injected() {
        return injected.get();
    }
}
