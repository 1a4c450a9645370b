package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** What a failed AWS call becomes on the terminal: at most two lines, and whose fault it is. */
class AwsFailureTest {

    @Test
    void expiredCredentials_sayHowToRenewThem_andAreTheEnvironmentsFault() {
        SfnException expired = (SfnException) SfnException.builder().statusCode(400).message("The security token included in the request is expired")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ExpiredTokenException").build()).build();

        AwsFailure failure = AwsFailure.of("dbrefresh status", expired, null, 1);

        assertThat(failure.exitCode()).isEqualTo(2);
        assertThat(failure.lines()).hasSize(2);
        assertThat(String.join("\n", failure.lines())).contains("ExpiredTokenException").contains("AWS_PROFILE")
                .contains("aws configure").contains("aws sso login").doesNotContain("--local");
    }

    @Test
    void anUnreachableEndpoint_isOneLine_namingTheNetworkAndTheEndpoint() {
        SdkClientException down = SdkClientException.create("Unable to execute HTTP request: Connect to 127.0.0.1:1 failed: Connection refused\nmore");

        AwsFailure failure = AwsFailure.of("dbrefresh history", down, null, 1);

        assertThat(failure.exitCode()).isEqualTo(2);
        assertThat(failure.lines()).singleElement().asString().contains("cannot reach AWS").contains("Connection refused")
                .contains("--endpoint-url").doesNotContain("more");
    }

    @Test
    void anyOtherFailure_keepsTheCommandsOwnExitCode() {
        SfnException denied = (SfnException) SfnException.builder().statusCode(400).message("not allowed")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build();

        AwsFailure failure = AwsFailure.of("dbrefresh start", denied, "./dbrefresh run --local f.json", 1);

        assertThat(failure.exitCode()).isEqualTo(1);
        assertThat(failure.lines()).singleElement().asString().startsWith("dbrefresh start: ").contains("not allowed");
    }
}
