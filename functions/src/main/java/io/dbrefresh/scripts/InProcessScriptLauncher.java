package io.dbrefresh.scripts;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import io.dbrefresh.execution.StepInput;

/**
 * Runs the worker on a background thread of this process: a local run has no Lambda to
 * invoke, and the state machine's poll loop must still see IN_PROGRESS first.
 */
public final class InProcessScriptLauncher implements ScriptRunLauncher {

    private static final ExecutorService RUNNERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dbrefresh-script-runner");
        t.setDaemon(true);
        return t;
    });

    private final Consumer<StepInput> worker;

    public InProcessScriptLauncher(Consumer<StepInput> worker) {
        this.worker = worker;
    }

    @Override
    public void launch(StepInput in) {
        RUNNERS.execute(() -> worker.accept(in));
    }
}
