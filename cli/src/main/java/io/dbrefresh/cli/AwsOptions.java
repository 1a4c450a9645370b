package io.dbrefresh.cli;

import java.net.URI;

import io.dbrefresh.aws.AwsClients;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

/** The AWS account a command talks to: the environment's, or an emulator given by endpoint. */
final class AwsOptions {

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call to this endpoint (an emulator) instead of AWS.")
    URI endpoint;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: AWS_REGION, else us-east-1).")
    String region;

    AwsClients clients() {
        if (endpoint == null && region == null) {
            return AwsClients.fromEnvironment();
        }
        String r = region != null ? region : System.getenv().getOrDefault("AWS_REGION", "us-east-1");
        if (endpoint == null) {
            return AwsClients.forRegion(Region.of(r));
        }
        // an emulator accepts any key; the environment's are used when set so a shared emulator can tell callers apart
        return AwsClients.forEndpoint(endpoint, Region.of(r),
                System.getenv().getOrDefault("AWS_ACCESS_KEY_ID", "testing"),
                System.getenv().getOrDefault("AWS_SECRET_ACCESS_KEY", "testing"), null);
    }
}
