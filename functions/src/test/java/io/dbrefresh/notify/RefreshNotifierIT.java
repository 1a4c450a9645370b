package io.dbrefresh.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Both kinds of message through moto's SNS, read back through SQS subscriptions whose
 * filter policies select on the message attributes, as a team's subscription would.
 */
class RefreshNotifierIT {

    private static final Instant STARTED = Instant.parse("2026-03-01T02:00:00Z");

    private AwsClients aws;
    private SqsClient sqs;
    private String topic;
    private String failuresQueue;
    private String shopQaQueue;
    private String everythingQueue;

    @BeforeEach
    void topicWithFilteredSubscriptions() {
        Emulators.reset();
        aws = Emulators.clients();
        sqs = software.amazon.awssdk.services.sqs.SqsClient.builder().httpClient(aws.httpClient()).region(aws.region())
                .credentialsProvider(aws.credentials()).endpointOverride(aws.endpoint().orElseThrow()).build();
        topic = aws.sns().createTopic(b -> b.name("dbrefresh")).topicArn();
        failuresQueue = subscribed("failures", "{\"status\": [\"FAILED\"]}");
        shopQaQueue = subscribed("shop-qa", "{\"application\": [\"shop\"], \"environment\": [\"qa\"]}");
        everythingQueue = subscribed("everything", null);
    }

    @Test
    void aSuccessReachesTheApplicationsSubscriptionWithAReadableSubjectAndBody() throws Exception {
        new RefreshNotifier(aws.sns()).publish(topic, success("shopqa", "shop", "qa"));

        assertThat(messages(failuresQueue)).isEmpty();
        JsonNode m = messages(shopQaQueue).getFirst();
        assertThat(m.path("Subject").asText()).isEqualTo("dbrefresh SUCCEEDED: shopqa refreshed from shopprod");
        assertThat(m.path("Message").asText())
                .startsWith("shopqa (shop, qa) was refreshed from shopprod; its data is aligned to 2026-03-01T01:00:00Z.")
                .contains("Duration: 45m 00s", "Scripts: 2 scripts run, 0 failed", "  perform-restore: 10m 00s");
        assertThat(m.path("Message").asText().split("Scripts: ", -1)).as("the Scripts line once").hasSize(2);
        assertThat(m.path("MessageAttributes").path("status").path("Value").asText()).isEqualTo("SUCCEEDED");
        assertThat(m.path("MessageAttributes").path("application").path("Value").asText()).isEqualTo("shop");
        assertThat(m.path("MessageAttributes").path("environment").path("Value").asText()).isEqualTo("qa");
    }

    @Test
    void aFailureReachesTheFailureSubscriptionWithTheStepTheErrorAndTheStateLeft() throws Exception {
        new RefreshNotifier(aws.sns()).publish(topic, failure("billqa", "billing", "qa"));

        assertThat(messages(shopQaQueue)).isEmpty();
        JsonNode m = messages(failuresQueue).getFirst();
        assertThat(m.path("Subject").asText()).isEqualTo("dbrefresh FAILED: billqa refresh failed at perform-restore");
        assertThat(m.path("Message").asText())
                .startsWith("The refresh of billqa (billing, qa) from billprod failed at perform-restore: "
                        + "billqatemp is incompatible-restore. State left: started billqa again; deleted billqatemp.")
                .contains("Failed step: perform-restore", "Recovery: started billqa again; deleted billqatemp");
    }

    @Test
    void aSubscriptionForAnotherEnvironmentGetsNothing() throws Exception {
        new RefreshNotifier(aws.sns()).publish(topic, success("shopdev", "shop", "dev"));

        assertThat(messages(shopQaQueue)).isEmpty();
        assertThat(messages(everythingQueue)).hasSize(1);
    }

    @Test
    void aRowWithoutApplicationIsStillPublished() throws Exception {
        new RefreshNotifier(aws.sns()).publish(topic, success("loneqa", null, null));

        assertThat(messages(everythingQueue)).singleElement()
                .satisfies(m -> assertThat(m.path("MessageAttributes").has("application")).isFalse());
    }

    private String subscribed(String name, String filterPolicy) {
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        aws.sns().subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn)
                .attributes(filterPolicy == null ? Map.of() : Map.of("FilterPolicy", filterPolicy)));
        return url;
    }

    private List<JsonNode> messages(String queueUrl) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (var m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
            out.add(Json.MAPPER.readTree(m.body()));
        }
        return out;
    }

    private static RefreshRecord success(String db, String app, String env) {
        return new RefreshRecord(db, STARTED, app, env, "shopprod", "latestpoint", null, "SUCCEEDED",
                STARTED.plusSeconds(2700), "rds", "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:n1",
                STARTED.minusSeconds(3600), null, null, null, Map.of("perform-restore", 600L), "2 scripts run, 0 failed");
    }

    private static RefreshRecord failure(String db, String app, String env) {
        return new RefreshRecord(db, STARTED, app, env, "billprod", "latestpoint", null, "FAILED",
                STARTED.plusSeconds(900), "rds", "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:n2",
                null, "perform-restore", "billqatemp is incompatible-restore", "started billqa again; deleted billqatemp",
                Map.of(), null);
    }
}
