package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The standard AWS environment decides where the CLI's calls go, unless an option says otherwise. */
class AwsOptionsTest {

    @Test
    void awsEndpointUrlAndRegion_sendEveryCallThereWithTheDefaultCredentialChain() {
        var clients = new AwsOptions().clients(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5000", "AWS_REGION", "eu-west-1"));

        assertThat(clients.endpoint()).contains(URI.create("http://127.0.0.1:5000"));
        assertThat(clients.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(clients.credentials()).isInstanceOf(DefaultCredentialsProvider.class);
    }

    @Test
    void endpointUrlOption_winsOverTheEnvironment() {
        AwsOptions options = new AwsOptions();
        options.endpoint = URI.create("http://127.0.0.1:6000");

        var clients = options.clients(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"));

        assertThat(clients.endpoint()).contains(URI.create("http://127.0.0.1:6000"));
    }

    @Test
    void noEndpoint_talksToAwsInTheEnvironmentsRegion() {
        AwsOptions options = new AwsOptions();
        options.region = "eu-central-1";

        var clients = options.clients(Map.of());

        assertThat(clients.endpoint()).isEmpty();
        assertThat(clients.region()).isEqualTo(Region.EU_CENTRAL_1);
    }
}
