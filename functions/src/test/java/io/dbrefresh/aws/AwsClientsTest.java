package io.dbrefresh.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.sns.SnsClient;

class AwsClientsTest {

    private static final URI MOTO = URI.create("http://127.0.0.1:5000");
    private static final URI LOCALSTACK = URI.create("http://127.0.0.1:4566");

    @Test
    void oneEndpoint_servesEveryClient() {
        AwsClients aws = AwsClients.forEndpoint(MOTO, Region.US_EAST_1, "testing", "testing", null);

        assertThat(aws.rds().serviceClientConfiguration().endpointOverride()).contains(MOTO);
        assertThat(aws.dynamoDb().serviceClientConfiguration().endpointOverride()).contains(MOTO);
        assertThat(aws.sns().serviceClientConfiguration().endpointOverride()).contains(MOTO);
        assertThat(aws.endpoint("sqs")).contains(MOTO);
    }

    @Test
    void serviceEndpoints_sendTheirServicesElsewhere_andTheRestToTheDefault() {
        AwsClients aws = AwsClients.forEndpoints(MOTO,
                Map.of(DynamoDbClient.SERVICE_NAME, LOCALSTACK, SnsClient.SERVICE_NAME, LOCALSTACK, "sqs", LOCALSTACK),
                Region.US_EAST_1, "123456789012", "testing", null);

        assertThat(aws.rds().serviceClientConfiguration().endpointOverride()).contains(MOTO);
        assertThat(aws.dynamoDb().serviceClientConfiguration().endpointOverride()).contains(LOCALSTACK);
        assertThat(aws.sns().serviceClientConfiguration().endpointOverride()).contains(LOCALSTACK);
        assertThat(aws.endpoint("sqs")).contains(LOCALSTACK);
        assertThat(aws.endpoint(RdsClient.SERVICE_NAME)).contains(MOTO);
        assertThat(aws.endpoint("ec2")).contains(MOTO);
    }
}
