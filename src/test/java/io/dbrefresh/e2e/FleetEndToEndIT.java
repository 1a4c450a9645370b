package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.cli.DbRefresh;
import io.dbrefresh.fleet.Fleet;
import io.dbrefresh.fleet.FleetFiles;
import io.dbrefresh.fleet.FleetResult;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.local.EmulatedAccount;
import io.dbrefresh.local.EmulatedData;
import io.dbrefresh.local.EngineDirectory;
import io.dbrefresh.local.LocalFleet;
import io.dbrefresh.local.LocalRefresh;
import io.dbrefresh.local.TimingOverrides;
import io.dbrefresh.refreshfile.Json;
import picocli.CommandLine;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A fleet of six refreshes of two applications (app1: three RDS for MySQL copies of one
 * source; app2: three Aurora MySQL copies of one cluster), aligned, three at a time, one
 * failure tolerated, in the local engine with the fleet state machine the CDK app deploys
 * running the real refresh state machine per file as child executions, its refresh files stored
 * in S3 as for a fleet too large for one execution's state (each read, and aligned, by its own
 * iteration of the Map); app1's test copy fails
 * at its restore. The others complete, all aligned to the same time; the failed target keeps
 * its old data; the summary, the fleet's one history row and its one message name each result; the freshness report calls the failed one stale
 * and exits non-zero.
 */
class FleetEndToEndIT {

    private static final Path FLEET = EngineDirectory.findHome().resolve("src/test/resources/e2e/fleet/fleet.json");
    private static final String FAILING = "mysqlinstt";
    private static final List<String> OTHERS = List.of("mysqlinstd", "mysqlinstq", "aumysclud", "aumysclut", "aumysclus");

    @Test
    void aFleetOfSixWithOneInjectedFailure_completesTheOthersAlignedToOneTime_andKeepsTheFailedTargetsOldData() throws Exception {
        FleetResult read = FleetFiles.read(FLEET);
        assertThat(read.errors()).isEmpty();
        Fleet fleet = read.fleet();
        assertThat(fleet.members()).hasSize(6);

        StringWriter printed = new StringWriter();
        AtomicReference<String> freshness = new AtomicReference<>();
        AtomicReference<Integer> freshnessExit = new AtomicReference<>();
        AtomicReference<String> queue = new AtomicReference<>();
        AtomicReference<List<JsonNode>> messages = new AtomicReference<>();
        AtomicReference<List<Map<String, AttributeValue>>> fleetRows = new AtomicReference<>();
        AtomicReference<List<String>> storedKeys = new AtomicReference<>();
        LocalFleet.Options options = new LocalFleet.Options(new FailRestoreOf(FAILING + "temp"),
                (aws, data) -> {
                    keepMarker(data);
                    queue.set(listenToTheDeploymentsTopic(aws));
                },
                (aws, data) -> {
                    messages.set(fleetMessages(aws, queue.get()));
                    storedKeys.set(aws.s3().listObjectsV2(b -> b.bucket(LocalFleet.FLEET_FILES_BUCKET)).contents().stream()
                            .map(o -> o.key()).toList());
                    HistoryTable history = new HistoryTable(aws.dynamoDb());
                    for (String status : List.of("SUCCEEDED", "FAILED")) {
                        assertThat(history.byStatus(LocalRefresh.LOCAL_HISTORY_TABLE, status, null, 0))
                                .as("a target's history by status").isNotEmpty().noneMatch(r -> r.dbInstance().startsWith("fleet#"));
                    }
                    fleetRows.set(aws.dynamoDb().query(q -> q.tableName(LocalRefresh.LOCAL_HISTORY_TABLE)
                            .keyConditionExpression("dbinstance = :f")
                            .expressionAttributeValues(Map.of(":f", AttributeValue.fromS("fleet#e2e-two-apps")))).items());
                    assertThat(marker(data)).as("the failed target's old data").isEqualTo("old data of mysqlinstt");
                    assertThat(aws.rds().listTagsForResource(b -> b.resourceName(aws.rds().describeDBInstances(d -> d.dbInstanceIdentifier(FAILING))
                            .dbInstances().get(0).dbInstanceArn())).tagList()).containsAll(EmulatedAccount.TARGET_TAGS);
                    URI endpoint = aws.endpoint("dynamodb").orElseThrow();
                    StringWriter out = new StringWriter();
                    CommandLine cli = DbRefresh.commandLine();
                    cli.setOut(new PrintWriter(out, true));
                    cli.setErr(new PrintWriter(out, true));
                    freshnessExit.set(cli.execute("history", "--fleet", FLEET.toString(), "--fresh", "--endpoint-url", endpoint.toString(),
                            "--table", LocalRefresh.LOCAL_HISTORY_TABLE));
                    freshness.set(out.toString());
                }, TimingOverrides.NONE).storingFiles();

        LocalFleet.Summary summary = new LocalFleet(new PrintWriter(printed, true), EngineDirectory.findHome()).run(fleet, options);

        assertThat(summary.status()).as(printed.toString()).isEqualTo("SUCCEEDED");
        assertThat(summary.of(FAILING).outcome()).isEqualTo(LocalFleet.Outcome.FAILED);
        assertThat(summary.of(FAILING).detail()).contains("perform-restore").contains("injected");
        Instant common = summary.commonTime();
        assertThat(common).isNotNull();
        for (String target : OTHERS) {
            assertThat(summary.of(target).outcome()).as(target).isEqualTo(LocalFleet.Outcome.SUCCEEDED);
            assertThat(summary.of(target).alignedTo()).as(target + " aligned to").isEqualTo(common);
        }
        String out = printed.toString();
        assertThat(out).contains("Fleet summary: e2e-two-apps SUCCEEDED").contains("5 succeeded, 1 failed, 0 not started");
        for (String target : OTHERS) {
            assertThat(out).containsPattern("(?m)^  " + target + " +app[12] +\\w+ +SUCCEEDED +" + common + " ");
        }
        assertThat(out).containsPattern("(?m)^  " + FAILING + " +app1 +test +FAILED +.*perform-restore");

        // the fleet state machine's own summary: one history row and one message, every target with its result
        assertThat(out).contains("fleet execution fleet-").contains(LocalFleet.FLEET_DEFINITION);
        assertThat(fleetRows.get()).singleElement().satisfies(row -> {
            assertThat(row.get("fleetstatus").s()).isEqualTo("SUCCEEDED");
            assertThat(row.get("failedcount").n()).isEqualTo("1");
            assertThat(row.get("targetcount").n()).isEqualTo("6");
            assertThat(row.get("execution").s()).contains(":execution:dbrefresh-fleet:fleet-");
            assertThat(resultsOf(row.get("targets").s())).containsEntry(FAILING, "FAILED")
                    .containsAllEntriesOf(OTHERS.stream().collect(Collectors.toMap(t -> t, t -> "SUCCEEDED")));
            // the failed target's cause in one line: its error's name and message, no stack trace, no refresh file
            assertThat(row.get("reason").s()).startsWith("1 of 6 refreshes failed (tolerance 1): [{\"target\":\"" + FAILING
                    + "\",\"status\":\"FAILED\",\"error\":\"").contains("injected").doesNotContain("stackTrace")
                    .doesNotContain("restoretype");
        });
        // the files went through S3, as start --fleet sends a fleet too large for one execution's state
        assertThat(storedKeys.get()).hasSize(6).allMatch(k -> k.startsWith("fleet-files/fleet-") && k.endsWith(".json"));
        assertThat(out).contains("stored 6 refresh files in s3://" + LocalFleet.FLEET_FILES_BUCKET + "/fleet-files/fleet-");
        assertThat(messages.get()).singleElement().satisfies(m -> {
            assertThat(m.path("Subject").asText()).isEqualTo("dbrefresh fleet e2e-two-apps SUCCEEDED");
            assertThat(m.path("Message").asText()).contains("1 of 6 refreshes failed (tolerance 1)")
                    .contains("{\"target\":\"" + FAILING + "\",\"status\":\"FAILED\"");
            OTHERS.forEach(t -> assertThat(m.path("Message").asText()).contains("{\"target\":\"" + t + "\",\"status\":\"SUCCEEDED\""));
        });

        assertThat(freshnessExit.get()).as(freshness.get()).isEqualTo(1);
        assertThat(freshness.get()).contains("fleet e2e-two-apps: 5 of 6 fresh; freshness target 1d")
                .containsPattern("(?m)^  " + FAILING + " .* no +stale: the last refresh FAILED at perform-restore");
        for (String target : OTHERS) {
            assertThat(freshness.get()).containsPattern("(?m)^  " + target + " .*" + common + " .* yes +fresh: within 1d");
        }
    }

    /** A queue on the deployment's topic, where the fleet state machine publishes its one message (SNS envelope kept). */
    private static String listenToTheDeploymentsTopic(AwsClients aws) {
        try (SqsClient sqs = sqs(aws)) {
            String url = sqs.createQueue(b -> b.queueName("fleet-e2e-messages")).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            String topic = aws.sns().listTopics().topics().stream().map(t -> t.topicArn())
                    .filter(t -> t.endsWith(":" + LocalFleet.TOPIC_NAME)).findFirst().orElseThrow();
            aws.sns().subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn));
            return url;
        }
    }

    /** The messages of the fleet (not of its refreshes) on the deployment's topic. */
    private static List<JsonNode> fleetMessages(AwsClients aws, String url) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        try (SqsClient sqs = sqs(aws)) {
            List<Message> batch;
            do {
                batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                for (Message m : batch) {
                    JsonNode envelope = Json.MAPPER.readTree(m.body());
                    if (envelope.path("Subject").asText().startsWith("dbrefresh fleet ")) {
                        found.add(envelope);
                    }
                }
            } while (!batch.isEmpty());
        }
        return found;
    }

    private static SqsClient sqs(AwsClients aws) {
        return SqsClient.builder().httpClient(aws.httpClient()).region(aws.region()).credentialsProvider(aws.credentials())
                .endpointOverride(aws.endpoint(SqsClient.SERVICE_NAME).orElseThrow()).build();
    }

    private static Map<String, String> resultsOf(String targets) throws Exception {
        Map<String, String> byTarget = new LinkedHashMap<>();
        Json.MAPPER.readTree(targets).forEach(t -> byTarget.put(t.path("target").asText(), t.path("status").asText()));
        return byTarget;
    }

    /** The failing target's old database gets a row the refresh must not lose. */
    private static void keepMarker(List<EmulatedData> data) throws Exception {
        EmulatedData d = dataOf(data);
        try (Connection c = d.server().connect(d.backing(FAILING).orElseThrow().database()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE keepme (v VARCHAR(40))");
            s.execute("INSERT INTO keepme VALUES ('old data of mysqlinstt')");
        }
    }

    private static String marker(List<EmulatedData> data) throws Exception {
        EmulatedData d = dataOf(data);
        try (Connection c = d.server().connect(d.backing(FAILING).orElseThrow().database()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT v FROM keepme")) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static EmulatedData dataOf(List<EmulatedData> data) {
        return data.stream().filter(d -> d.backing(FAILING).isPresent()).findFirst().orElseThrow();
    }

    /** The restore of one copy is refused by RDS (a request error no retry cures). */
    static final class FailRestoreOf implements ExecutionInterceptor {
        private final String temp;

        FailRestoreOf(String temp) {
            this.temp = temp;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof RestoreDbInstanceToPointInTimeRequest r && temp.equals(r.targetDBInstanceIdentifier())) {
                throw RdsException.builder().statusCode(400).message("restore refused (injected)")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidParameterCombination")
                                .errorMessage("restore refused (injected)").serviceName("Rds").build()).build();
            }
        }
    }
}
