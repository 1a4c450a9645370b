package io.dbrefresh.scripts;

import io.dbrefresh.execution.StepInput;

/**
 * Starts the worker that runs the scripts, without waiting for it: on AWS an asynchronous
 * Lambda invocation (so a run may take the worker's whole 15 minutes while the state
 * machine polls), in a local run a background thread.
 */
@FunctionalInterface
public interface ScriptRunLauncher {

    /** Names the worker Lambda function; when unset, runs happen in this process. */
    String FUNCTION_ENV = "DBREFRESH_SCRIPT_RUNNER_FUNCTION";

    void launch(StepInput in);
}
