package io.dbrefresh.preflight;

import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Whether the endpoint offers a call at all. AWS offers every call pre-flight makes; an endpoint
 * that only speaks part of the AWS APIs may not (moto has no DescribeAccountAttributes, no
 * DescribeDBEngineVersions and no SSM DescribeInstanceInformation, and answers them with an HTTP
 * 500 page that is no AWS error). The check such a call serves is left out there, so a local
 * rehearsal is not refused for what its emulator cannot say; an AWS error (throttling, access
 * denied, an internal error with its code) is still raised as it came.
 */
final class Offered {

    /** The codes AWS and compatible endpoints give an operation they do not know. */
    private static final Set<String> UNKNOWN_OPERATION = Set.of("InvalidAction", "UnknownOperationException",
            "UnknownOperation", "NotImplemented", "NotImplementedException");

    private Offered() {
    }

    /** True when {@code e} says the endpoint does not offer the call, rather than that the call failed. */
    static boolean notOffered(SdkException e) {
        if (e instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
            if (code != null && UNKNOWN_OPERATION.contains(code)) {
                return true;
            }
            return aws.statusCode() >= 500 && (code == null || code.isBlank());
        }
        return e instanceof SdkServiceException service && service.statusCode() == 501;
    }
}
