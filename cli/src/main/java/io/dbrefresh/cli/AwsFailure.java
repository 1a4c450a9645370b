package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An AWS call that failed, as at most two lines a user can act on. Without credentials the
 * SDK's message lists its whole provider chain (over a thousand characters) and no advice;
 * this says where credentials come from instead.
 *
 * @param lines    what to print, each already prefixed with the command's name
 * @param exitCode 2 when the environment is at fault (no credentials, refused credentials, AWS
 *                 unreachable), else the command's own code for a failed call
 */
public record AwsFailure(List<String> lines, int exitCode) {

    /** Error codes AWS answers with when the caller's credentials are expired, unknown or badly signed. */
    private static final Set<String> REFUSED_CREDENTIALS = Set.of("ExpiredToken", "ExpiredTokenException",
            "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch");

    static final String GIVE_CREDENTIALS = "set AWS_PROFILE to a profile, run 'aws configure', or 'aws sso login' for an SSO profile";

    /**
     * @param command    the command's name as the user typed it ("dbrefresh history")
     * @param localHint  what to run instead with no AWS account (a command with --local), or null where none exists
     * @param otherExit  the exit code for any other failed call
     */
    public static AwsFailure of(String command, SdkException e, String localHint, int otherExit) {
        String local = localHint == null ? "" : "; or, with no AWS account: " + localHint;
        String message = String.valueOf(e.getMessage());
        if (e instanceof SdkClientException && message.contains("Unable to load credentials")) {
            return new AwsFailure(List.of(
                    command + ": no AWS credentials found (environment, AWS_PROFILE, ~/.aws, SSO, instance role).",
                    command + ": " + GIVE_CREDENTIALS + local), 2);
        }
        if (e instanceof SdkClientException && message.contains("SSO") && message.toLowerCase().contains("expired")) {
            return new AwsFailure(List.of(command + ": the SSO session has expired: run 'aws sso login'" + local), 2);
        }
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null
                && REFUSED_CREDENTIALS.contains(s.awsErrorDetails().errorCode())) {
            return new AwsFailure(List.of(
                    command + ": AWS refused the credentials (" + s.awsErrorDetails().errorCode() + "): they are expired or wrong.",
                    command + ": " + GIVE_CREDENTIALS + local), 2);
        }
        if (e instanceof SdkClientException && message.startsWith("Unable to execute HTTP request")) {
            return new AwsFailure(List.of(command + ": cannot reach AWS: " + firstLine(message)
                    + " (check the network, AWS_REGION or --endpoint-url)"), 2);
        }
        return new AwsFailure(List.of(command + ": " + firstLine(message)), otherExit);
    }

    public int print(PrintWriter err) {
        lines.forEach(err::println);
        err.flush();
        return exitCode;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
