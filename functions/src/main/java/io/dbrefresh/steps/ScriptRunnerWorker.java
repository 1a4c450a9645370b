package io.dbrefresh.steps;

import java.time.Clock;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.scripts.RunReport;
import io.dbrefresh.scripts.ScriptRunRequest;
import io.dbrefresh.scripts.ScriptRunService;
import io.dbrefresh.scripts.ScriptRuns;

/**
 * The worker Lambda that runs the scripts, invoked asynchronously by {@link RunScripts}
 * with the same step input. It may use its whole timeout; its report in S3 is its answer
 * (the return value goes nowhere on an asynchronous invocation).
 */
public class ScriptRunnerWorker extends StepHandler<StepInput, RunReport> {

    private final ScriptRunService service;
    private final Clock clock;

    public ScriptRunnerWorker() {
        this(StepEnvironment.fromEnvironment());
    }

    public ScriptRunnerWorker(StepEnvironment env) {
        this(ScriptRuns.service(env), env.clock());
    }

    ScriptRunnerWorker(ScriptRunService service, Clock clock) {
        super(StepInput.class);
        this.service = service;
        this.clock = clock;
    }

    @Override
    protected RunReport handle(StepInput in) {
        return service.run(ScriptRunRequest.from(in),
                clock.instant().plusSeconds(StepRegistry.SCRIPT_RUNNER.timeoutSeconds()));
    }
}
