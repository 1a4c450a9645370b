package io.dbrefresh.local;

import static io.dbrefresh.local.ScriptedFunctions.JSON;
import static io.dbrefresh.local.ScriptedFunctions.fails;
import static io.dbrefresh.local.ScriptedFunctions.returns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbrefresh.local.ScriptedFunctions.Answer;
import io.dbrefresh.local.ScriptedFunctions.Call;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalEngineTest {

    static final String START = "arn:aws:lambda:us-east-1:123456789012:function:dbrefresh-StartRestore";
    static final String CHECK = "arn:aws:lambda:us-east-1:123456789012:function:dbrefresh-CheckRestore";
    static final String RECOVER = "arn:aws:lambda:us-east-1:123456789012:function:dbrefresh-Recover";
    static final String EXECUTION_NAME = "app-dev-2025-06-01";
    static final String EXECUTION_ARN = "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:" + EXECUTION_NAME;

    static final Answer STARTED = returns("{\"jobId\":\"restore-1\",\"waitSeconds\":0}");
    static final Answer RECOVERED = returns("{\"recovered\":true}");

    /** Where this test's engine records the definitions it accepted: its own, so that no earlier run's record counts. */
    @TempDir
    Path acceptedRecords;

    /** Well under the default, so that a wait that is not shortened fails the test rather than stalling it. */
    private LocalEngine engine;

    @BeforeEach
    void engineWithItsOwnRecords() {
        engine = new LocalEngine(EngineDirectory.locate(), Duration.ofMinutes(1), acceptedRecords);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void run_pollsUntilCheckReportsDone_andSucceedsWithResultsBesideTheInput(int polls) throws Exception {
        ScriptedFunctions functions = new ScriptedFunctions().on(START, STARTED).on(CHECK, doneAfter(polls));

        ExecutionResult result = run(functions);

        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(functions.callsTo(CHECK)).hasSize(polls);
        assertThat(JSON.readTree(result.output())).isEqualTo(JSON.readTree("""
                {"plan": {"restore": true, "restoreType": "snapshot", "target": "app-dev", "source": "app-prod"},
                 "results": {
                   "mode": {"mode": "snapshot", "source": "fixture"},
                   "restore": {"jobId": "restore-1", "status": "SUCCEEDED", "waitSeconds": 0, "polls": %d}}}
                """.formatted(polls)));
        List<String> expected = new ArrayList<>(List.of("ShouldRestore", "WhichRestoreType", "RecordRestoreMode",
                "StartRestore"));
        IntStream.range(0, polls).forEach(i -> expected.addAll(List.of("WaitForRestore", "CheckRestore", "IsRestoreDone")));
        expected.add("RefreshDone");
        assertThat(statesEntered(result)).containsExactlyElementsOf(expected);
        assertThat(result.events().getFirst().type()).isEqualTo("ExecutionStarted");
        assertThat(result.events().getLast().type()).isEqualTo("ExecutionSucceeded");
        assertThat(result.events().getLast().output()).isEqualTo(result.output());
    }

    @Test
    void run_afterPrestart_succeedsAsWithoutIt_andSoDoesTheRunAfterIt() throws Exception {
        ScriptedFunctions functions = new ScriptedFunctions().on(START, STARTED).on(CHECK, doneAfter(2));
        engine.prestart();
        // a second prestart keeps the runner already waiting
        engine.prestart();

        ExecutionResult first = run(functions);
        // the runner started ahead was used up by the first run: a second run on it would find its stdin closed
        ExecutionResult second = run(new ScriptedFunctions().on(START, STARTED).on(CHECK, doneAfter(1)));

        assertThat(first.status()).isEqualTo("SUCCEEDED");
        assertThat(functions.callsTo(CHECK)).hasSize(2);
        assertThat(statesEntered(first)).startsWith("ShouldRestore", "WhichRestoreType", "RecordRestoreMode", "StartRestore")
                .endsWith("RefreshDone");
        assertThat(second.status()).isEqualTo("SUCCEEDED");
    }

    @Test
    void run_stoppedWhileAStepIsPolled_endsAborted_withTheStatesItEnteredAndTheirInputs() {
        ExecutionStop stop = new ExecutionStop();
        // the check never reports done: only the stop can end this run
        ScriptedFunctions functions = new ScriptedFunctions().on(START, STARTED).on(CHECK, doneAfter(1_000_000));

        ExecutionResult result = engine.run(restoreJob(), input(), EXECUTION_NAME, EXECUTION_ARN, functions, event -> {
            if ("StateEntered".equals(event.type()) && "CheckRestore".equals(event.state())) {
                stop.stop();
            }
        }, TimingOverrides.NONE, stop);

        assertThat(result.status()).isEqualTo("ABORTED");
        assertThat(functions.callsTo(RECOVER)).as("a stopped execution runs no Catch").isEmpty();
        assertThat(statesEntered(result)).contains("StartRestore", "WaitForRestore", "CheckRestore");
        assertThat(events(result, "StateEntered")).filteredOn(e -> "CheckRestore".equals(e.state())).first()
                .satisfies(e -> assertThat(e.input()).contains("\"restore-1\""));
    }

    @Test
    void run_givesTaskItsInputAfterParameters_withExecutionIdAndNameFromTheContextObject() throws Exception {
        ScriptedFunctions functions = new ScriptedFunctions().on(START, STARTED).on(CHECK, doneAfter(1));

        run(functions);

        Call start = functions.callsTo(START).getFirst();
        assertThat(start.state()).isEqualTo("StartRestore");
        assertThat(start.resource()).isEqualTo("arn:aws:states:::lambda:invoke");
        assertThat(start.input()).isEqualTo(JSON.readTree("""
                {"FunctionName": "%s",
                 "Payload": {"plan": {"restore": true, "restoreType": "snapshot", "target": "app-dev", "source": "app-prod"},
                             "execution": "%s"}}
                """.formatted(START, EXECUTION_ARN)));
        assertThat(functions.callsTo(CHECK).getFirst().payload().path("executionName").asText()).isEqualTo(EXECUTION_NAME);
    }

    @Test
    void run_retriesAJavaExceptionMatchedByItsFullyQualifiedName() {
        ScriptedFunctions functions = new ScriptedFunctions()
                .on(START, fails(new TransientStartException("snapshot is still being copied")), STARTED)
                .on(CHECK, doneAfter(1));

        ExecutionResult result = run(functions);

        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(functions.callsTo(START)).hasSize(2);
        assertThat(events(result, "StateFailed")).singleElement().satisfies(failed -> {
            assertThat(failed.state()).isEqualTo("StartRestore");
            assertThat(failed.error()).isEqualTo("io.dbrefresh.local.TransientStartException");
        });
        assertThat(events(result, "StateRetried")).extracting(ExecutionEvent::state).containsExactly("StartRestore");
    }

    @Test
    void run_stopsRetryingAfterMaxAttempts_thenCatches() {
        ScriptedFunctions functions = new ScriptedFunctions()
                .on(START, fails(new TransientStartException("snapshot is still being copied")))
                .on(RECOVER, RECOVERED);

        ExecutionResult result = run(functions);

        assertThat(functions.callsTo(START)).as("first call and MaxAttempts 2 retries").hasSize(3);
        assertThat(functions.callsTo(RECOVER)).hasSize(1);
        assertThat(result.status()).isEqualTo("FAILED");
        assertThat(result.error()).isEqualTo("io.dbrefresh.local.TransientStartException");
    }

    @Test
    void run_retriesLambdaThrottling_reportedAsAServiceError() {
        ScriptedFunctions functions = new ScriptedFunctions()
                .on(START, fails(new IntegrationFailure("Lambda.TooManyRequestsException", "Rate Exceeded.")),
                        fails(new IntegrationFailure("Lambda.TooManyRequestsException", "Rate Exceeded.")),
                        STARTED)
                .on(CHECK, doneAfter(1));
        TimingOverrides fastRetries = new TimingOverrides(Map.of(),
                Map.of("StartRestore", Duration.ofMillis(10)));

        ExecutionResult result = run(input(), functions, fastRetries);

        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(functions.callsTo(START)).hasSize(3);
        assertThat(events(result, "StateFailed")).extracting(ExecutionEvent::error, ExecutionEvent::cause)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("Lambda.TooManyRequestsException", "Rate Exceeded."));
    }

    @Test
    void run_catchPutsErrorAndLambdaCauseAtResultPath_thenRecoversAndFails() throws Exception {
        ScriptedFunctions functions = new ScriptedFunctions()
                .on(START, STARTED)
                .on(CHECK, fails(new RestoreCheckFailedException("app-dev is incompatible-restore")))
                .on(RECOVER, RECOVERED);
        String expectedCause = "{\"errorMessage\":\"app-dev is incompatible-restore\","
                + "\"errorType\":\"io.dbrefresh.local.RestoreCheckFailedException\",\"stackTrace\":[]}";

        ExecutionResult result = run(functions);

        assertThat(functions.callsTo(CHECK)).as("no Retry names this error").hasSize(1);
        Call recover = functions.callsTo(RECOVER).getFirst();
        assertThat(recover.payload().path("error")).isEqualTo(JSON.readTree("""
                {"Error": "io.dbrefresh.local.RestoreCheckFailedException", "Cause": %s}
                """.formatted(JSON.writeValueAsString(expectedCause))));
        assertThat(recover.payload().path("execution").asText()).isEqualTo(EXECUTION_ARN);
        assertThat(result.status()).isEqualTo("FAILED");
        assertThat(result.error()).isEqualTo("io.dbrefresh.local.RestoreCheckFailedException");
        assertThat(result.cause()).isEqualTo(expectedCause);
        assertThat(result.output()).isNull();
        assertThat(stateEvents(result)).endsWith(
                "StateEntered CheckRestore", "StateFailed CheckRestore", "StateCaught CheckRestore",
                "StateExited CheckRestore", "StateEntered Recover", "StateExited Recover",
                "StateEntered RefreshFailed", "StateFailed RefreshFailed", "ExecutionFailed");
        ExecutionEvent recovered = events(result, "StateExited").stream()
                .filter(event -> event.state().equals("Recover")).findFirst().orElseThrow();
        assertThat(JSON.readTree(recovered.output()).path("results").path("recovery")).isEqualTo(JSON.readTree("""
                {"recovered": true, "statusCode": 200, "executedVersion": "$LATEST"}
                """));
    }

    @Test
    void run_checkReportingFailed_leavesTheLoopForRecovery_withAnErrorBuiltByStatesFormat() throws Exception {
        ScriptedFunctions functions = new ScriptedFunctions()
                .on(START, STARTED)
                .on(CHECK, returns("{\"jobId\":\"restore-1\",\"status\":\"FAILED\",\"waitSeconds\":0,\"polls\":1}"))
                .on(RECOVER, RECOVERED);

        ExecutionResult result = run(functions);

        assertThat(functions.callsTo(RECOVER).getFirst().payload().path("error")).isEqualTo(JSON.readTree("""
                {"Error": "RestoreFailed", "Cause": "restore ended in status FAILED"}
                """));
        assertThat(result.status()).isEqualTo("FAILED");
        assertThat(result.error()).isEqualTo("RestoreFailed");
        assertThat(result.cause()).isEqualTo("restore ended in status FAILED");
        assertThat(statesEntered(result)).endsWith("IsRestoreDone", "RestoreDidNotFinish", "Recover", "RefreshFailed");
    }

    @Test
    void run_choiceOnFalseBoolean_succeedsWithTheInputAndCallsNothing() throws Exception {
        ScriptedFunctions functions = new ScriptedFunctions();
        String input = """
                {"plan": {"restore": false, "restoreType": "snapshot"}}
                """;

        ExecutionResult result = run(input, functions, TimingOverrides.NONE);

        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(JSON.readTree(result.output())).isEqualTo(JSON.readTree(input));
        assertThat(statesEntered(result)).containsExactly("ShouldRestore", "NothingToDo");
        assertThat(functions.calls()).isEmpty();
    }

    @Test
    void run_choiceOnUnknownString_endsInTheFailStatesErrorAndCause() {
        ScriptedFunctions functions = new ScriptedFunctions();

        ExecutionResult result = run("""
                {"plan": {"restore": true, "restoreType": "point-in-time"}}
                """, functions, TimingOverrides.NONE);

        assertThat(result.status()).isEqualTo("FAILED");
        assertThat(result.error()).isEqualTo("UnsupportedRestoreType");
        assertThat(result.cause()).isEqualTo("this fixture only restores from a snapshot");
        assertThat(statesEntered(result)).containsExactly("ShouldRestore", "WhichRestoreType", "UnsupportedRestoreType");
        assertThat(functions.calls()).isEmpty();
    }

    @Test
    void run_waitTakesItsSecondsFromThePath() {
        ScriptedFunctions functions = new ScriptedFunctions()
                .on(START, returns("{\"jobId\":\"restore-1\",\"waitSeconds\":2}"))
                .on(CHECK, doneAfter(1));

        ExecutionResult result = run(functions);

        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(waited(result, "WaitForRestore")).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));
    }

    @Test
    void run_waitOverrideReplacesTheWaitStatesDuration() {
        ScriptedFunctions functions = new ScriptedFunctions()
                .on(START, returns("{\"jobId\":\"restore-1\",\"waitSeconds\":600}"))
                .on(CHECK, doneAfter(1));
        TimingOverrides noWait = new TimingOverrides(Map.of("WaitForRestore", Duration.ZERO), Map.of());

        ExecutionResult result = run(input(), functions, noWait);

        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(waited(result, "WaitForRestore")).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void run_taskOutlivingItsTimeoutSeconds_failsWithStatesTimeout_whichTaskFailedDoesNotRetry() {
        String slow = "arn:aws:lambda:us-east-1:123456789012:function:dbrefresh-Slow";
        ScriptedFunctions functions = new ScriptedFunctions().on(slow, payload -> {
            Thread.sleep(3000);
            return "{}";
        });
        String definition = Definitions.substitute(fixture("task-timeout.asl.json"), Map.of("SlowFunctionArn", slow));

        ExecutionResult result = engine.run(definition, "{}", EXECUTION_NAME, EXECUTION_ARN, functions,
                ExecutionListener.NONE);

        assertThat(functions.calls()).hasSize(1);
        assertThat(result.status()).isEqualTo("FAILED");
        assertThat(result.error()).isEqualTo("States.Timeout");
        assertThat(statesEntered(result)).containsExactly("SlowTask", "ReportTimeout");
    }

    @Test
    void run_answersParallelBranchesConcurrently_wrappingOnlyLambdaInvokeResults() throws Exception {
        String left = "arn:aws:lambda:us-east-1:123456789012:function:dbrefresh-Left";
        String right = "arn:aws:lambda:us-east-1:123456789012:function:dbrefresh-Right";
        CountDownLatch bothCalled = new CountDownLatch(2);
        Answer meetTheOther = payload -> {
            bothCalled.countDown();
            if (!bothCalled.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other branch was not called meanwhile");
            }
            return "{\"side\":\"" + payload.path("side").asText() + "\"}";
        };
        ScriptedFunctions functions = new ScriptedFunctions().on(left, meetTheOther).on(right, meetTheOther);
        String definition = Definitions.substitute(fixture("parallel-tasks.asl.json"),
                Map.of("LeftFunctionArn", left, "RightFunctionArn", right));

        ExecutionResult result = engine.run(definition, "{}", EXECUTION_NAME, EXECUTION_ARN, functions,
                ExecutionListener.NONE);

        assertThat(result.status()).as(result.cause()).isEqualTo("SUCCEEDED");
        assertThat(JSON.readTree(result.output())).isEqualTo(JSON.readTree("""
                [{"side": "left", "statusCode": 200}, {"side": "right"}]
                """));
    }

    @Test
    void run_streamsEachEventToTheListenerWhileTheExecutionRuns() throws Exception {
        List<ExecutionEvent> heard = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch checkEntered = new CountDownLatch(1);
        AtomicBoolean heardBeforeAnswering = new AtomicBoolean();
        ScriptedFunctions functions = new ScriptedFunctions().on(START, STARTED).on(CHECK, doneAfter(1));
        TaskInvoker invoker = (state, resource, input) -> {
            if (state.equals("CheckRestore")) {
                // the event and this call travel on different channels: wait for the event, bounded
                heardBeforeAnswering.set(checkEntered.await(10, TimeUnit.SECONDS));
            }
            return functions.invoke(state, resource, input);
        };

        ExecutionResult result = engine.run(restoreJob(), input(), EXECUTION_NAME, EXECUTION_ARN, invoker, event -> {
            heard.add(event);
            if (event.type().equals("StateEntered") && event.state().equals("CheckRestore")) {
                checkEntered.countDown();
            }
        });

        assertThat(heardBeforeAnswering).as("the listener heard CheckRestore entered while its Task was running").isTrue();
        assertThat(heard).isEqualTo(result.events());
    }

    @Test
    void run_invalidJsonFromTheInvoker_failsTheExecutionPastItsCatch() {
        ScriptedFunctions functions = new ScriptedFunctions()
                .on(START, returns("restore-1 started"))
                .on(RECOVER, RECOVERED);

        ExecutionResult result = run(functions);

        assertThat(result.status()).isEqualTo("FAILED");
        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("StartRestore", "invalid JSON");
        assertThat(functions.callsTo(RECOVER)).isEmpty();
    }

    @Test
    void run_pastTheRunTimeout_stopsNodeAndReportsTimedOut() {
        LocalEngine impatient = new LocalEngine(EngineDirectory.locate(), Duration.ofSeconds(5));
        ScriptedFunctions functions = new ScriptedFunctions()
                .on(START, returns("{\"jobId\":\"restore-1\",\"waitSeconds\":600}"))
                .on(CHECK, doneAfter(1));
        long started = System.nanoTime();

        ExecutionResult result = impatient.run(restoreJob(), input(), EXECUTION_NAME, EXECUTION_ARN, functions,
                ExecutionListener.NONE);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(result.status()).isEqualTo("TIMED_OUT");
        assertThat(result.error()).isEqualTo("LocalEngine.RunTimeout");
        assertThat(functions.callsTo(CHECK)).isEmpty();
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void run_refusesADefinitionWithAnUnresolvedPlaceholder() {
        String raw = fixture("restore-job.asl.json");

        assertThatThrownBy(() -> engine.run(raw, input(), EXECUTION_NAME, EXECUTION_ARN, new ScriptedFunctions(),
                ExecutionListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${StartFunctionArn}")
                .hasMessageContaining("${CheckFunctionArn}")
                .hasMessageContaining("${RecoverFunctionArn}");
    }

    @Test
    void run_definitionTheEngineRejects_isALocalEngineException() {
        String noStart = "{\"StartAt\": \"Missing\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}";

        assertThatThrownBy(() -> engine.run(noStart, "{}", EXECUTION_NAME, EXECUTION_ARN, new ScriptedFunctions(),
                ExecutionListener.NONE))
                .isInstanceOf(LocalEngineException.class)
                .hasMessageContaining("Missing");
    }

    @Test
    void run_definitionTheEngineRejects_isRejectedAgainOnTheNextRun_neverRecordedAsAccepted() {
        String noStart = "{\"StartAt\": \"Elsewhere\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}";

        for (int run = 0; run < 2; run++) {
            assertThatThrownBy(() -> engine.run(noStart, "{}", EXECUTION_NAME, EXECUTION_ARN, new ScriptedFunctions(),
                    ExecutionListener.NONE))
                    .isInstanceOf(LocalEngineException.class)
                    .hasMessageContaining("Elsewhere");
        }
        assertThat(LocalEngine.accepted(noStart)).isFalse();
        assertThat(acceptedRecords).isEmptyDirectory();
    }

    @Test
    void run_ofADefinitionAcceptedInAnEarlierJvm_isNotValidatedAgain() {
        // one the validator refuses (a field Succeed does not have) and the interpreter runs all the same: its run
        // succeeds only if it is not validated; a text of its own, so that no run in this JVM met it before
        String refusedByValidation = "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\", \"Comment\": \""
                + java.util.UUID.randomUUID() + "\", \"Unknown\": 1}}}";
        assertThatThrownBy(() -> engine.run(refusedByValidation, "{}", EXECUTION_NAME, EXECUTION_ARN, new ScriptedFunctions(),
                ExecutionListener.NONE))
                .isInstanceOf(LocalEngineException.class)
                .hasMessageContaining("invalid");

        // what an earlier JVM's run leaves when the engine accepted this text
        engine.recordAccepted(refusedByValidation);
        ExecutionResult result = engine.run(refusedByValidation, "{\"kept\": 1}", EXECUTION_NAME, EXECUTION_ARN,
                new ScriptedFunctions(), ExecutionListener.NONE);

        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(result.output()).isEqualTo("{\"kept\":1}");
    }

    @Test
    void run_ofAnAcceptedDefinition_recordsItForLaterJvms_andAnEditedTextIsNotCovered() throws Exception {
        String definition = restoreJob().replace("\"StartAt\"", "\"Comment\": \"recorded " + java.util.UUID.randomUUID() + "\", \"StartAt\"");
        assertThat(acceptedRecords).isEmptyDirectory();

        engine.run(definition, input(), EXECUTION_NAME, EXECUTION_ARN,
                new ScriptedFunctions().on(START, STARTED).on(CHECK, doneAfter(1)), ExecutionListener.NONE);

        assertThat(engine.recordedAccepted(definition)).isTrue();
        assertThat(engine.recordedAccepted(definition.replace("recorded", "edited"))).isFalse();
        try (Stream<Path> records = Files.list(acceptedRecords)) {
            assertThat(records).hasSize(1);
        }
    }

    @Test
    void run_ofADefinitionAcceptedBefore_skipsValidatingIt_andRunsAsTheFirstRunDid() throws Exception {
        // a text of its own, so that no other test's run accepted it first
        String definition = restoreJob().replace("\"StartAt\"", "\"Comment\": \"accepted once\", \"StartAt\"");
        assertThat(LocalEngine.accepted(definition)).isFalse();

        ExecutionResult first = engine.run(definition, input(), EXECUTION_NAME, EXECUTION_ARN,
                new ScriptedFunctions().on(START, STARTED).on(CHECK, doneAfter(2)), ExecutionListener.NONE);
        assertThat(LocalEngine.accepted(definition)).isTrue();
        ExecutionResult second = engine.run(definition, input(), EXECUTION_NAME, EXECUTION_ARN,
                new ScriptedFunctions().on(START, STARTED).on(CHECK, doneAfter(2)), ExecutionListener.NONE);

        assertThat(first.status()).isEqualTo("SUCCEEDED");
        assertThat(second.status()).isEqualTo("SUCCEEDED");
        assertThat(JSON.readTree(second.output())).isEqualTo(JSON.readTree(first.output()));
        assertThat(statesEntered(second)).containsExactlyElementsOf(statesEntered(first));
    }

    /** A check that counts its polls in its own result and reports done on the given one. */
    static Answer doneAfter(int polls) {
        return payload -> {
            JsonNode job = payload.path("job");
            int poll = job.path("polls").asInt(0) + 1;
            ObjectNode answer = JSON.createObjectNode()
                    .put("jobId", job.path("jobId").asText())
                    .put("status", poll >= polls ? "SUCCEEDED" : "IN_PROGRESS")
                    .put("waitSeconds", 0)
                    .put("polls", poll);
            return answer.toString();
        };
    }

    private ExecutionResult run(ScriptedFunctions functions) {
        return run(input(), functions, TimingOverrides.NONE);
    }

    private ExecutionResult run(String input, TaskInvoker invoker, TimingOverrides overrides) {
        return engine.run(restoreJob(), input, EXECUTION_NAME, EXECUTION_ARN, invoker, ExecutionListener.NONE,
                overrides);
    }

    static String restoreJob() {
        return Definitions.substitute(fixture("restore-job.asl.json"),
                Map.of("StartFunctionArn", START, "CheckFunctionArn", CHECK, "RecoverFunctionArn", RECOVER));
    }

    static String input() {
        return fixture("snapshot-restore.input.json");
    }

    static String fixture(String name) {
        try (InputStream in = LocalEngineTest.class.getResourceAsStream("/engine/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ExecutionEvent> events(ExecutionResult result, String type) {
        return result.events().stream().filter(event -> event.type().equals(type)).toList();
    }

    private static List<String> statesEntered(ExecutionResult result) {
        return events(result, "StateEntered").stream().map(ExecutionEvent::state).toList();
    }

    private static List<String> stateEvents(ExecutionResult result) {
        return result.events().stream()
                .map(event -> event.state() == null ? event.type() : event.type() + " " + event.state())
                .toList();
    }

    /** How long the first visit of a Wait state lasted, by its entered and exited events. */
    private static Duration waited(ExecutionResult result, String state) {
        Stream<ExecutionEvent> ofState = result.events().stream().filter(event -> state.equals(event.state()));
        List<ExecutionEvent> visit = ofState.limit(2).toList();
        assertThat(visit).extracting(ExecutionEvent::type).containsExactly("StateEntered", "StateExited");
        return Duration.between(visit.get(0).timestamp(), visit.get(1).timestamp());
    }
}
