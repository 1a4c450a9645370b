package io.dbrefresh.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.steps.EndedExecutionRecovery;
import io.dbrefresh.steps.ExecutionTrail;
import io.dbrefresh.steps.StepFunction;
import io.dbrefresh.steps.StepHandler;
import io.dbrefresh.steps.StepRegistry;

/**
 * One execution of the real state machine definition in the local engine, each Task
 * answered in-process by the real handler that the step registry names for its function.
 * The handlers talk to whatever the {@link StepEnvironment}'s clients point at (moto).
 */
public final class LocalExecution {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = MotoServer.ACCOUNT_ID;

    private final LocalEngine engine;
    private final StepEnvironment env;
    private final Path definitionFile;
    private final Map<String, StepHandler<?, ?>> handlers = new ConcurrentHashMap<>();
    private final TaskObserver observer;
    private volatile Runnable beforeTask = () -> { };
    private volatile Integer executionTimeoutSeconds;
    private volatile EndedExecutionRecovery.Outcome endedRecovery;
    /** {@code $$.Execution.StartTime} as the Tasks got it: the history row's key, which the ended run's recovery rewrites. */
    private volatile Instant taskStartTime;

    /** Sees every Task's input and answer (tests use it to search what a run produced). */
    public interface TaskObserver {
        void onTask(String state, String function, String input, String output);
    }

    public LocalExecution(LocalEngine engine, StepEnvironment env, Path home, TaskObserver observer) {
        this.engine = engine;
        this.env = env;
        this.definitionFile = home.resolve("statemachine").resolve("refresh.asl.json");
        this.observer = observer;
    }

    /**
     * Runs {@code hook} before every Task's handler: a local run with data brings its
     * embedded databases in line with the emulated account there ({@link EmulatedData#sync()}).
     */
    public LocalExecution beforeEachTask(Runnable hook) {
        this.beforeTask = hook;
        return this;
    }

    /**
     * Bounds the whole execution to {@code seconds} instead of the definition's TimeoutSeconds
     * (tests of a timed-out run).
     */
    public LocalExecution executionTimeout(int seconds) {
        this.executionTimeoutSeconds = seconds;
        return this;
    }

    /**
     * What the recovery of the last run did when it ended outside its recovery path (stopped,
     * timed out, failed where no Catch reaches), as the deployment's EventBridge rule has it
     * done on AWS; empty when the run needed none.
     */
    public Optional<EndedExecutionRecovery.Outcome> endedRecovery() {
        return Optional.ofNullable(endedRecovery).filter(o -> o.skipped() == null);
    }

    /** The ARN a function has in the emulated account. */
    public static String functionArn(StepFunction f) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:dbrefresh-" + f.name();
    }

    public static String executionArn(String name) {
        return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":execution:dbrefresh-refresh:" + name;
    }

    /** The definition with every function placeholder replaced by its emulated ARN. */
    public String definition() {
        Map<String, String> arns = new LinkedHashMap<>();
        StepRegistry.all().forEach(f -> arns.put(f.placeholder(), functionArn(f)));
        try {
            String definition = Definitions.substitute(Files.readString(definitionFile), arns);
            if (executionTimeoutSeconds == null) {
                return definition;
            }
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(definition);
            root.put("TimeoutSeconds", executionTimeoutSeconds);
            return Json.MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state machine definition " + definitionFile, e);
        }
    }

    public ExecutionResult run(String inputJson, String executionName, ExecutionListener listener) {
        return run(inputJson, executionName, listener, TimingOverrides.NONE);
    }

    /** A run with shortened waits or Retry intervals (tests that retry on purpose). */
    public ExecutionResult run(String inputJson, String executionName, ExecutionListener listener, TimingOverrides overrides) {
        return run(inputJson, executionName, listener, overrides, null);
    }

    /**
     * A run that {@code stop} may stop (StopExecution). A run that ends outside its recovery
     * path is then recovered as the deployment's EventBridge rule recovers it on AWS, by the
     * same code, from the run's own history: see {@link #endedRecovery()}.
     */
    public ExecutionResult run(String inputJson, String executionName, ExecutionListener listener, TimingOverrides overrides,
                               ExecutionStop stop) {
        endedRecovery = null;
        taskStartTime = null;
        Instant started = Instant.now();
        ExecutionResult result = engine.run(definition(), inputJson, executionName, executionArn(executionName), this::invoke,
                listener, overrides, stop);
        if (!"SUCCEEDED".equals(result.status())) {
            endedRecovery = new EndedExecutionRecovery(env).recover(trail(result, executionName,
                    taskStartTime != null ? taskStartTime : started));
        }
        return result;
    }

    private static ExecutionTrail trail(ExecutionResult result, String executionName, Instant started) {
        List<ExecutionTrail.EnteredState> entered = new ArrayList<>();
        for (ExecutionEvent e : result.events()) {
            if ("StateEntered".equals(e.type()) && e.state() != null) {
                entered.add(new ExecutionTrail.EnteredState(e.state(), e.input()));
            }
        }
        return new ExecutionTrail(new ExecutionRef(executionArn(executionName), executionName, started), result.status(),
                result.error(), result.cause(), entered);
    }

    private String invoke(String state, String resource, String input) throws Exception {
        String name = resource.substring(resource.lastIndexOf(":function:dbrefresh-") + ":function:dbrefresh-".length());
        StepFunction function = StepRegistry.byName(name)
                .orElseThrow(() -> new IllegalStateException("no step function named " + name + " (state " + state + ")"));
        StepHandler<?, ?> handler = handlers.computeIfAbsent(name, n -> function.instantiate(env));
        if (taskStartTime == null) {
            JsonNode start = Json.MAPPER.readTree(input).path("execution").path("startTime");
            if (start.isTextual()) {
                taskStartTime = Instant.parse(start.asText());
            }
        }
        String output;
        try {
            beforeTask.run();
            output = handler.handle(input);
        } catch (Exception | Error e) {
            if (observer != null) {
                observer.onTask(state, name, input, e.getClass().getName() + ": " + e.getMessage());
            }
            throw e;
        }
        if (observer != null) {
            observer.onTask(state, name, input, output);
        }
        return output;
    }
}
