package io.dbrefresh.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

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
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * The fleet state machine as deployed ({@code statemachine/fleet.asl.json}) run by the local engine,
 * with its Tasks answered by {@link FleetTasks}: children scripted to succeed or fail, the
 * history row and the message captured at the SDK clients. The refreshes themselves run for
 * real in the end-to-end test; this one holds the definition's own logic: isolation, the
 * tolerance between waves, the concurrency bound, the one row and the one message.
 */
class FleetDefinitionLocalTest {

    private static final Path ASL = EngineDirectory.findHome().resolve(LocalFleet.FLEET_DEFINITION);
    private static final String TABLE = "dbrefresh-history";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:dbrefresh-notifications";

    private final LocalEngine engine = new LocalEngine(EngineDirectory.locate(), Duration.ofMinutes(2));
    private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    private final SnsClient sns = mock(SnsClient.class);
    private final List<String> started = new CopyOnWriteArrayList<>();
    /** Clients for an endpoint nothing listens on: the tests' fleets ask AWS nothing beyond the captured clients. */
    private static final StepEnvironment OFFLINE = new StepEnvironment(AwsClients.forEndpoint(URI.create("http://127.0.0.1:9"),
            Region.US_EAST_1, "testing", "testing", null), Clock.systemUTC(), 0, null, null);

    @Test
    void fleetDefinition_passesAslValidator() {
        assertThat(new AslValidator().validate(ASL)).isEmpty();
    }

    @Test
    void aFailedRefresh_isIsolated_theOthersRun_andWithinTheToleranceTheFleetSucceeds_withOneRowAndOneMessage() throws Exception {
        ExecutionResult run = run(1, 2, Set.of("b"), List.of(List.of("a", "b"), List.of("c")));

        assertThat(run.status()).as(run.error() + ": " + run.cause()).isEqualTo("SUCCEEDED");
        assertThat(started).containsExactlyInAnyOrder("a", "b", "c");
        Map<String, JsonNode> row = row();
        assertThat(row.get("dbinstance").path("S").asText()).isEqualTo("fleet#nightly");
        assertThat(row.get("fleetstatus").path("S").asText()).isEqualTo("SUCCEEDED");
        assertThat(row).as("the by-status index is the targets' history").doesNotContainKey("status");
        assertThat(row.get("failedcount").path("N").asText()).isEqualTo("1");
        assertThat(row.get("targetcount").path("N").asText()).isEqualTo("3");
        JsonNode targets = Json.MAPPER.readTree(row.get("targets").path("S").asText());
        assertThat(statusOf(targets)).containsExactlyInAnyOrderEntriesOf(Map.of("a", "SUCCEEDED", "b", "FAILED", "c", "SUCCEEDED"));
        // the child's failure fails its Task as on AWS (States.TaskFailed, the child's description as the cause); the result
        // keeps the child's own error and the first line of its message
        assertThat(find(targets, "b").path("error").asText()).isEqualTo("RestoreFailedException: injected");
        assertThat(find(targets, "a").path("execution").asText()).as("the child's name, from its description").isEqualTo("child-a");
        assertThat(row.get("reason").path("S").asText()).isEqualTo("1 of 3 refreshes failed (tolerance 1): "
                + "[{\"target\":\"b\",\"status\":\"FAILED\",\"error\":\"RestoreFailedException: injected\"}]");
        PublishRequest message = message();
        assertThat(message.topicArn()).isEqualTo(TOPIC);
        assertThat(message.subject()).isEqualTo("dbrefresh fleet nightly SUCCEEDED");
        assertThat(message.message()).contains("1 of 3 refreshes failed (tolerance 1): ")
                .contains("\"target\":\"b\",\"status\":\"FAILED\",\"error\":\"RestoreFailedException: injected\"")
                .doesNotContain("stackTrace").doesNotContain("States.TaskFailed");
    }

    @Test
    void aRefreshWhoseStoredFileCannotBeRead_failsAlone_toldInOneLine_andNoChildStarts() throws Exception {
        ObjectNode input = Json.MAPPER.createObjectNode();
        input.putObject("fleet").put("name", "nightly").put("tolerance", 1).put("size", 2).put("bucket", "fleet-bucket");
        input.put("maxConcurrency", 2);
        ArrayNode wave = input.putArray("waves").addArray();
        wave.addObject().put("target", "a").putObject("input").put("target", "a");
        // a key outside the fleet's prefix is refused before any call to S3
        wave.addObject().put("target", "b").put("key", "elsewhere/b.json");

        ExecutionResult run = run(input, in -> child(in, Set.of()));

        assertThat(run.status()).as(run.error() + ": " + run.cause()).isEqualTo("SUCCEEDED");
        assertThat(started).containsExactly("a");
        JsonNode targets = Json.MAPPER.readTree(row().get("targets").path("S").asText());
        assertThat(find(targets, "b").path("status").asText()).isEqualTo("FAILED");
        assertThat(find(targets, "b").path("error").asText())
                .startsWith("AlignmentException: a stored refresh file is named by a bucket and a key under fleet-files/");
    }

    @Test
    void beyondTheTolerance_noLaterWaveStarts_itsRefreshesAreNotStarted_andTheFleetFails() throws Exception {
        ExecutionResult run = run(0, 2, Set.of("b"), List.of(List.of("a", "b"), List.of("c"), List.of("d", "e")));

        assertThat(run.status()).as(run.engineLog()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo(LocalFleet.TOLERANCE_EXCEEDED);
        assertThat(started).as("the later waves").containsExactlyInAnyOrder("a", "b");
        Map<String, JsonNode> row = row();
        assertThat(row.get("fleetstatus").path("S").asText()).isEqualTo("FAILED");
        assertThat(row.get("failedcount").path("N").asText()).as("not started is not failed").isEqualTo("1");
        assertThat(row.get("targetcount").path("N").asText()).isEqualTo("5");
        assertThat(statusOf(Json.MAPPER.readTree(row.get("targets").path("S").asText()))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "a", "SUCCEEDED", "b", "FAILED", "c", "NOT_STARTED", "d", "NOT_STARTED", "e", "NOT_STARTED"));
        assertThat(message().subject()).isEqualTo("dbrefresh fleet nightly FAILED");
    }

    @Test
    void aFailureInTheLastWave_beyondTheTolerance_failsTheFleet_withNothingLeftToSkip() throws Exception {
        ExecutionResult run = run(0, 2, Set.of("c"), List.of(List.of("a", "b"), List.of("c")));

        assertThat(run.error()).as(run.engineLog()).isEqualTo(LocalFleet.TOLERANCE_EXCEEDED);
        assertThat(started).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(row().get("targetcount").path("N").asText()).isEqualTo("3");
    }

    @Test
    void anAlignedFleet_isAlignedByItsFirstStep_whenItRuns_eachChildGettingItsFileRewrittenToTheCommonTime() throws Exception {
        Map<String, JsonNode> inputs = new ConcurrentHashMap<>();
        ObjectNode input = Json.MAPPER.createObjectNode();
        input.putObject("fleet").put("name", "nightly").put("tolerance", 0).put("size", 2).put("align", true)
                .put("alignTo", "2026-11-24T02:00:00Z");
        input.put("maxConcurrency", 2);
        ArrayNode wave = input.putArray("waves").addArray();
        for (String file : List.of("rds-latestpoint.json", "aurora-latestpoint.json")) {
            JsonNode refreshFile = Json.MAPPER.readTree(EngineDirectory.findHome().resolve("refresh-files").resolve(file).toFile());
            JsonNode restore = refreshFile.path("restore");
            wave.addObject().put("target", restore.path("target").asText(restore.path("targetcluster").asText()))
                    .set("input", refreshFile);
        }

        ExecutionResult run = run(input, json -> {
            JsonNode file = Json.MAPPER.readTree(json);
            String target = file.path("restore").path("target").asText(file.path("restore").path("targetcluster").asText());
            inputs.put(target, file);
            return child("{\"target\": \"" + target + "\"}", Set.of());
        });

        assertThat(run.status()).as(run.error() + ": " + run.cause()).isEqualTo("SUCCEEDED");
        assertThat(inputs).hasSize(2).allSatisfy((target, file) -> {
            assertThat(file.path("restore").path("restoretype").asText()).isEqualTo("restorepoint");
            assertThat(file.path("restore").path("restoretime").asText()).isEqualTo("2026-11-24T02:00:00Z");
        });
    }

    @Test
    void aWave_runsAtMostTheFleetsConcurrencyAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        FleetTasks.Children slow = input -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return child(input, Set.of());
        };

        ExecutionResult run = run(0, 2, slow, List.of(List.of("a", "b", "c", "d", "e")));

        assertThat(run.status()).as(run.error() + ": " + run.cause()).isEqualTo("SUCCEEDED");
        assertThat(started).hasSize(5);
        assertThat(most.get()).isEqualTo(2);
    }

    private ExecutionResult run(int tolerance, int concurrency, Set<String> failing, List<List<String>> waves) throws Exception {
        return run(tolerance, concurrency, input -> child(input, failing), waves);
    }

    private ExecutionResult run(int tolerance, int concurrency, FleetTasks.Children children, List<List<String>> waves)
            throws Exception {
        ObjectNode input = Json.MAPPER.createObjectNode();
        input.putObject("fleet").put("name", "nightly").put("tolerance", tolerance).put("size", 5);
        input.put("maxConcurrency", concurrency);
        ArrayNode all = input.putArray("waves");
        for (List<String> wave : waves) {
            ArrayNode items = all.addArray();
            wave.forEach(t -> items.addObject().put("target", t).putObject("input").put("target", t));
        }
        return run(input, children);
    }

    private ExecutionResult run(ObjectNode input, FleetTasks.Children children) throws Exception {
        when(sns.publish(any(PublishRequest.class))).thenReturn(PublishResponse.builder().messageId("m-1").build());
        String definition = Definitions.substitute(Files.readString(ASL), Map.of("RefreshStateMachineArn",
                LocalFleet.REFRESH_STATE_MACHINE_ARN, "HistoryTableName", TABLE, "TopicArn", TOPIC,
                StepRegistry.ALIGN_FLEET.placeholder(), LocalExecution.functionArn(StepRegistry.ALIGN_FLEET)));
        FleetTasks tasks = new FleetTasks(LocalFleet.REFRESH_STATE_MACHINE_ARN, children, dynamoDb, sns, OFFLINE);
        return engine.run(definition, input.toString(), "fleet-1", LocalFleet.FLEET_EXECUTION_ARN_PREFIX + "fleet-1", tasks, null);
    }

    private FleetTasks.Child child(String input, Set<String> failing) {
        String target;
        try {
            target = Json.MAPPER.readTree(input).path("target").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        started.add(target);
        Instant now = Instant.now();
        String name = "child-" + target;
        return failing.contains(target)
                ? new FleetTasks.Child(LocalExecution.executionArn(name), name, "FAILED", now, now, null,
                        "io.dbrefresh.execution.RestoreFailedException", "{\"errorMessage\":\"injected\"}")
                : new FleetTasks.Child(LocalExecution.executionArn(name), name, "SUCCEEDED", now, now, "{\"done\":true}", null, null);
    }

    private Map<String, JsonNode> row() {
        ArgumentCaptor<PutItemRequest> put = ArgumentCaptor.forClass(PutItemRequest.class);
        verify(dynamoDb, times(1)).putItem(put.capture());
        assertThat(put.getValue().tableName()).isEqualTo(TABLE);
        Map<String, JsonNode> row = new ConcurrentHashMap<>();
        put.getValue().item().forEach((k, v) -> row.put(k, v.s() != null
                ? Json.MAPPER.createObjectNode().put("S", v.s()) : Json.MAPPER.createObjectNode().put("N", v.n())));
        return row;
    }

    private PublishRequest message() {
        ArgumentCaptor<PublishRequest> publish = ArgumentCaptor.forClass(PublishRequest.class);
        verify(sns, times(1)).publish(publish.capture());
        return publish.getValue();
    }

    private static Map<String, String> statusOf(JsonNode targets) {
        Map<String, String> byTarget = new ConcurrentHashMap<>();
        targets.forEach(t -> byTarget.put(t.path("target").asText(), t.path("status").asText()));
        return byTarget;
    }

    private static JsonNode find(JsonNode targets, String target) {
        for (JsonNode t : targets) {
            if (target.equals(t.path("target").asText())) {
                return t;
            }
        }
        throw new AssertionError("no result for " + target + " in " + targets);
    }
}
