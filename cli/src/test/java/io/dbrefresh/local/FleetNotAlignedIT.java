package io.dbrefresh.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.steps.StepRegistry;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * A fleet that cannot be aligned, run through the deployed fleet state machine
 * ({@code statemachine/fleet.asl.json}) in the local engine, its first step ({@code AlignFleet})
 * asking moto's RDS for real: no refresh starts, and the fleet still ends with its one history row
 * (fleetstatus FAILED, the reason, every target NOT_STARTED) and its one message, then fails with
 * the alignment's own error. The row and the message are captured at the SDK clients.
 */
class FleetNotAlignedIT {

    private static final Path HOME = EngineDirectory.findHome();
    private static final String TABLE = "dbrefresh-history";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:dbrefresh-notifications";
    private static final String ALIGNMENT_EXCEPTION = "io.dbrefresh.fleet.AlignmentException";

    private static MotoServer moto;
    private static AwsClients aws;

    private final LocalEngine engine = new LocalEngine(EngineDirectory.locate(), Duration.ofMinutes(2));
    private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    private final SnsClient sns = mock(SnsClient.class);
    private final List<String> started = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        aws = AwsClients.forEndpoint(moto.endpoint(), Region.US_EAST_1, "testing", "testing", null);
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    @BeforeEach
    void emptyAccount() {
        moto.reset();
    }

    @Test
    void aMissingSource_startsNoRefresh_andTheFleetStillWritesItsOneFailedRowAndSendsItsOneMessage() throws Exception {
        // the account has the Aurora source but not mysqlinstp, the RDS source of rds-latestpoint.json
        aws.rds().createDBCluster(b -> b.dbClusterIdentifier("aumysclup").engine("aurora-mysql").masterUsername("admin")
                .masterUserPassword("not-a-secret-1"));

        ExecutionResult run = run(null, List.of(List.of("aurora-latestpoint.json"), List.of("rds-latestpoint.json")));

        assertThat(run.status()).as(run.engineLog()).isEqualTo("FAILED");
        assertThat(run.error()).as("the alignment's own error ends the fleet").isEqualTo(ALIGNMENT_EXCEPTION);
        assertThat(run.cause()).contains("source mysqlinstp (of mysqlinstd) does not exist");
        assertThat(started).as("no refresh starts").isEmpty();
        Map<String, AttributeValue> row = row();
        assertThat(row.get("dbinstance").s()).isEqualTo("fleet#nightly");
        assertThat(row.get("fleetstatus").s()).isEqualTo("FAILED");
        assertThat(row.get("failedcount").n()).as("nothing failed: nothing ran").isEqualTo("0");
        assertThat(row.get("targetcount").n()).isEqualTo("2");
        assertThat(statusOf(row)).containsExactlyInAnyOrderEntriesOf(Map.of("aumysclud", "NOT_STARTED", "mysqlinstd", "NOT_STARTED"));
        // the alignment's error in one line: its name and message, not the Lambda error document with its stack trace
        assertThat(row.get("reason").s()).startsWith("the fleet could not be aligned, so no refresh started: AlignmentException: "
                + "source mysqlinstp (of mysqlinstd) does not exist").doesNotContain("stackTrace").doesNotContain("errorMessage");
        PublishRequest message = message();
        assertThat(message.topicArn()).isEqualTo(TOPIC);
        assertThat(message.subject()).isEqualTo("dbrefresh fleet nightly FAILED");
        assertThat(message.message()).contains("the fleet could not be aligned").contains("mysqlinstp")
                .contains("\"target\":\"mysqlinstd\",\"status\":\"NOT_STARTED\"")
                .contains("\"target\":\"aumysclud\",\"status\":\"NOT_STARTED\"");
    }

    @Test
    void aSnapshotSourceWithNoSnapshotAtOrBeforeTheCommonTime_startsNoRefresh_andTheFleetSaysWhy() throws Exception {
        // pginstp's only snapshot is taken now, after the fleet's given time
        aws.rds().createDBInstance(b -> b.dbInstanceIdentifier("pginstp").engine("postgres").dbInstanceClass("db.t3.micro")
                .allocatedStorage(20).masterUsername("postgres").masterUserPassword("not-a-secret-1"));
        aws.rds().createDBSnapshot(b -> b.dbInstanceIdentifier("pginstp").dbSnapshotIdentifier("pginstp-now"));

        ExecutionResult run = run("2026-01-01T00:00:00Z", List.of(List.of("rds-fromsnapshot.json")));

        assertThat(run.error()).as(run.engineLog()).isEqualTo(ALIGNMENT_EXCEPTION);
        assertThat(started).isEmpty();
        Map<String, AttributeValue> row = row();
        assertThat(row.get("fleetstatus").s()).isEqualTo("FAILED");
        assertThat(statusOf(row)).containsExactlyEntriesOf(Map.of("pginstd", "NOT_STARTED"));
        assertThat(row.get("reason").s()).contains("source pginstp (of pginstd) has no available snapshot taken at or before 2026-01-01T00:00:00Z");
        assertThat(message().message()).contains("has no available snapshot taken at or before 2026-01-01T00:00:00Z");
    }

    @Test
    void anAlignedFleetWhoseSourcesExist_runsItsRefreshes_andItsRowGivesTheTallyAsItsReason() throws Exception {
        aws.rds().createDBInstance(b -> b.dbInstanceIdentifier("mysqlinstp").engine("mysql").dbInstanceClass("db.t3.micro")
                .allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1"));

        ExecutionResult run = run(null, List.of(List.of("rds-latestpoint.json")));

        assertThat(run.status()).as(run.engineLog()).isEqualTo("SUCCEEDED");
        assertThat(started).containsExactly("mysqlinstd");
        Map<String, AttributeValue> row = row();
        assertThat(row.get("fleetstatus").s()).isEqualTo("SUCCEEDED");
        assertThat(row.get("reason").s()).isEqualTo("0 of 1 refreshes failed (tolerance 0)");
    }

    private ExecutionResult run(String alignTo, List<List<String>> waves) throws Exception {
        ObjectNode input = Json.MAPPER.createObjectNode();
        ObjectNode fleet = input.putObject("fleet").put("name", "nightly").put("tolerance", 0).put("align", true);
        if (alignTo != null) {
            fleet.put("alignTo", alignTo);
        }
        input.put("maxConcurrency", 2);
        ArrayNode all = input.putArray("waves");
        int size = 0;
        for (List<String> wave : waves) {
            ArrayNode items = all.addArray();
            for (String file : wave) {
                JsonNode refreshFile = Json.MAPPER.readTree(HOME.resolve("refresh-files").resolve(file).toFile());
                JsonNode restore = refreshFile.path("restore");
                items.addObject().put("target", restore.path("target").asText(restore.path("targetcluster").asText()))
                        .set("input", refreshFile);
                size++;
            }
        }
        fleet.put("size", size);
        when(sns.publish(any(PublishRequest.class))).thenReturn(PublishResponse.builder().messageId("m-1").build());
        String definition = Definitions.substitute(Files.readString(HOME.resolve(LocalFleet.FLEET_DEFINITION)), Map.of(
                "RefreshStateMachineArn", LocalFleet.REFRESH_STATE_MACHINE_ARN, "HistoryTableName", TABLE, "TopicArn", TOPIC,
                StepRegistry.ALIGN_FLEET.placeholder(), LocalExecution.functionArn(StepRegistry.ALIGN_FLEET)));
        StepEnvironment env = new StepEnvironment(aws, Clock.systemUTC(), 0, null, null);
        FleetTasks tasks = new FleetTasks(LocalFleet.REFRESH_STATE_MACHINE_ARN, this::child, dynamoDb, sns, env);
        return engine.run(definition, input.toString(), "fleet-1", LocalFleet.FLEET_EXECUTION_ARN_PREFIX + "fleet-1", tasks, null);
    }

    private FleetTasks.Child child(String input) throws Exception {
        JsonNode restore = Json.MAPPER.readTree(input).path("restore");
        String target = restore.path("target").asText(restore.path("targetcluster").asText());
        started.add(target);
        Instant now = Instant.now();
        return new FleetTasks.Child(LocalExecution.executionArn("child-" + target), "child-" + target, "SUCCEEDED", now, now,
                "{}", null, null);
    }

    private Map<String, AttributeValue> row() {
        ArgumentCaptor<PutItemRequest> put = ArgumentCaptor.forClass(PutItemRequest.class);
        verify(dynamoDb, times(1)).putItem(put.capture());
        assertThat(put.getValue().tableName()).isEqualTo(TABLE);
        return put.getValue().item();
    }

    private PublishRequest message() {
        ArgumentCaptor<PublishRequest> publish = ArgumentCaptor.forClass(PublishRequest.class);
        verify(sns, times(1)).publish(publish.capture());
        return publish.getValue();
    }

    private static Map<String, String> statusOf(Map<String, AttributeValue> row) throws Exception {
        Map<String, String> byTarget = new LinkedHashMap<>();
        Json.MAPPER.readTree(row.get("targets").s()).forEach(t -> byTarget.put(t.path("target").asText(), t.path("status").asText()));
        return byTarget;
    }
}
