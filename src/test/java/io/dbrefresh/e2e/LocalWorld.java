package io.dbrefresh.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.local.EmulatedAccount;
import io.dbrefresh.local.EmulatedWorld;
import io.dbrefresh.local.EngineDirectory;
import io.dbrefresh.local.ExecutionEvent;
import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.local.ExecutionStop;
import io.dbrefresh.local.LocalExecution;
import io.dbrefresh.local.TimingOverrides;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One end-to-end run: moto reset and seeded from a refresh file, the real state machine in
 * the local engine, the real handlers in-process; afterwards the emulated world to assert on.
 * The world is the local runs' own ({@link EmulatedWorld}), over the tests' shared emulator;
 * this adds the fixtures and records what the run did.
 */
final class LocalWorld implements AutoCloseable {

    static final String TABLE = "dbrefresh-history-e2e";

    final String refreshFile;
    final RefreshPlan plan;
    final AwsClients aws;
    final EmulatedAccount account;
    final List<ExecutionEvent> events = Collections.synchronizedList(new ArrayList<>());
    final List<String> taskTraffic = Collections.synchronizedList(new ArrayList<>());
    private final EmulatedWorld world;

    private LocalWorld(String refreshFile, RefreshPlan plan, EmulatedWorld world) {
        this.refreshFile = refreshFile;
        this.plan = plan;
        this.world = world;
        this.aws = world.aws();
        this.account = world.account();
    }

    /** Resets moto and seeds it for the fixture {@code e2e/<name>}. */
    static LocalWorld seeded(String fixture, ExecutionInterceptor interceptor) {
        return seededWith(fixture(fixture), interceptor);
    }

    /** Resets moto and seeds it for a refresh file given as text (a fixture a test altered). */
    static LocalWorld seededWith(String json, ExecutionInterceptor interceptor) {
        RefreshFileResult read = RefreshFiles.read(json);
        if (!read.valid()) {
            throw new IllegalArgumentException("refresh file is invalid: " + read.errors());
        }
        Emulators.reset();
        LocalWorld world = new LocalWorld(json, read.plan(), EmulatedWorld.over(Emulators.clients(interceptor), TABLE));
        world.world.seed(read.plan(), null);
        return world;
    }

    static String fixture(String name) {
        try (var in = LocalWorld.class.getResourceAsStream("/e2e/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture e2e/" + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ExecutionResult run(String executionName) {
        return run(executionName, TimingOverrides.NONE, e -> { });
    }

    /**
     * A run of another refresh file in this world (seeded for the first): what it names that the
     * world lacks is missing, as it would be in an account. Many runs then share one seeded world.
     */
    ExecutionResult runFile(String json, String executionName) {
        LocalExecution execution = world.execution(EngineDirectory.findHome(),
                (state, function, input, output) -> taskTraffic.add(state + "\n" + input + "\n" + output));
        return execution.run(json, executionName, events::add, TimingOverrides.NONE);
    }

    /** A run with shortened Retry intervals; {@code onEvent} sees each state as it is entered or left. */
    ExecutionResult run(String executionName, TimingOverrides overrides, java.util.function.Consumer<ExecutionEvent> onEvent) {
        LocalExecution execution = world.execution(EngineDirectory.findHome(),
                (state, function, input, output) -> taskTraffic.add(state + "\n" + input + "\n" + output));
        return execution.run(refreshFile, executionName, e -> {
            events.add(e);
            onEvent.accept(e);
        }, overrides);
    }

    /**
     * As {@link #run(String, TimingOverrides, java.util.function.Consumer)}, and {@code onTask} sees
     * each Task's state, input and answer (or exception) when its handler returns, before the
     * engine moves on: unlike the events, a point in the run a test can act on without a race.
     */
    ExecutionResult run(String executionName, TimingOverrides overrides, java.util.function.Consumer<ExecutionEvent> onEvent,
                        LocalExecution.TaskObserver onTask) {
        LocalExecution execution = world.execution(EngineDirectory.findHome(), (state, function, input, output) -> {
            taskTraffic.add(state + "\n" + input + "\n" + output);
            onTask.onTask(state, function, input, output);
        });
        return execution.run(refreshFile, executionName, e -> {
            events.add(e);
            onEvent.accept(e);
        }, overrides);
    }

    /**
     * A run that {@code stop} can stop (StopExecution), bounded to {@code timeoutSeconds} when
     * not null; {@code onTask} sees each Task as above. A run that ends outside its recovery path
     * is then recovered by the same code the deployment's EventBridge rule starts on AWS:
     * {@link #endedRecovery} says what it did.
     */
    ExecutionResult run(String executionName, ExecutionStop stop, Integer timeoutSeconds, LocalExecution.TaskObserver onTask) {
        // a bounded run waits a second between checks, so its bound ends it before a step's poll limit does
        StepEnvironment env = world.environment(timeoutSeconds == null ? 0 : 1);
        LocalExecution execution = world.execution(EngineDirectory.findHome(), env, (state, function, input, output) -> {
            taskTraffic.add(state + "\n" + input + "\n" + output);
            onTask.onTask(state, function, input, output);
        });
        if (timeoutSeconds != null) {
            execution.executionTimeout(timeoutSeconds);
        }
        ExecutionResult result = execution.run(refreshFile, executionName, events::add, TimingOverrides.NONE, stop);
        endedRecovery = execution.endedRecovery().orElse(null);
        return result;
    }

    /** What the recovery of the last run that ended outside its recovery path did; null when none ran. */
    io.dbrefresh.steps.EndedExecutionRecovery.Outcome endedRecovery;

    /** Every Task retries at once: the backoff is the definition's business, the outcome is the test's. */
    static TimingOverrides fastRetries() {
        try {
            Path asl = EngineDirectory.findHome().resolve("statemachine").resolve("refresh.asl.json");
            com.fasterxml.jackson.databind.JsonNode states = io.dbrefresh.refreshfile.Json.MAPPER.readTree(Files.readString(asl)).get("States");
            Map<String, java.time.Duration> retries = new java.util.HashMap<>();
            states.fields().forEachRemaining(e -> {
                if ("Task".equals(e.getValue().path("Type").asText())) {
                    retries.put(e.getKey(), java.time.Duration.ofMillis(10));
                }
            });
            return new TimingOverrides(Map.of(), retries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Map<String, AttributeValue>> historyRows() {
        String table = plan.tableName() != null ? plan.tableName() : TABLE;
        return aws.dynamoDb().query(b -> b.tableName(table).keyConditionExpression("dbinstance = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(plan.target())))).items();
    }

    long count(String type, String state) {
        synchronized (events) {
            return events.stream().filter(e -> type.equals(e.type()) && state.equals(e.state())).count();
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        world.close();
    }
}
