package io.dbrefresh.cli;

import java.net.URI;
import java.util.Map;

import io.dbrefresh.aws.AwsClients;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS account a command talks to: the standard AWS environment's ({@code AWS_PROFILE},
 * {@code AWS_REGION}, {@code AWS_ENDPOINT_URL}, the default credential chain), or an emulator
 * given by {@code --endpoint-url}.
 */
final class AwsOptions {

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call to this endpoint (an emulator) instead of AWS.")
    URI endpoint;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: AWS_REGION, else us-east-1).")
    String region;

    AwsClients clients() {
        return clients(System.getenv());
    }

    /** The clients for these options in this environment (a map, so that tests can give one). */
    AwsClients clients(Map<String, String> env) {
        String r = region != null ? region
                : env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        String standardEndpoint = env.get("AWS_ENDPOINT_URL");
        if (endpoint == null && standardEndpoint != null && !standardEndpoint.isBlank()) {
            return AwsClients.forEndpoint(URI.create(standardEndpoint.trim()), Region.of(r));
        }
        if (endpoint == null && region == null) {
            return AwsClients.fromEnvironment();
        }
        if (endpoint == null) {
            return AwsClients.forRegion(Region.of(r));
        }
        // an emulator accepts any key; the environment's are used when set so a shared emulator can tell callers apart
        return AwsClients.forEndpoint(endpoint, Region.of(r),
                env.getOrDefault("AWS_ACCESS_KEY_ID", "testing"),
                env.getOrDefault("AWS_SECRET_ACCESS_KEY", "testing"), null);
    }
}
