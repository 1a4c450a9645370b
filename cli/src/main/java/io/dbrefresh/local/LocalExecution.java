package io.dbrefresh.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dbrefresh.execution.StepEnvironment;
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
            return Definitions.substitute(Files.readString(definitionFile), arns);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state machine definition " + definitionFile, e);
        }
    }

    public ExecutionResult run(String inputJson, String executionName, ExecutionListener listener) {
        return run(inputJson, executionName, listener, TimingOverrides.NONE);
    }

    /** A run with shortened waits or Retry intervals (tests that retry on purpose). */
    public ExecutionResult run(String inputJson, String executionName, ExecutionListener listener, TimingOverrides overrides) {
        return engine.run(definition(), inputJson, executionName, executionArn(executionName), this::invoke, listener, overrides);
    }

    private String invoke(String state, String resource, String input) throws Exception {
        String name = resource.substring(resource.lastIndexOf(":function:dbrefresh-") + ":function:dbrefresh-".length());
        StepFunction function = StepRegistry.byName(name)
                .orElseThrow(() -> new IllegalStateException("no step function named " + name + " (state " + state + ")"));
        StepHandler<?, ?> handler = handlers.computeIfAbsent(name, n -> function.instantiate(env));
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
