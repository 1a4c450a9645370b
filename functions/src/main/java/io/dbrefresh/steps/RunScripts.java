package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.scripts.ScriptRunStarter;

/**
 * runscripts: launches the post-refresh SQL scripts (masking, clean-up) against the new
 * target and answers IN_PROGRESS at once; the check reads the run's report.
 */
public class RunScripts extends StepHandler<StepInput, StepResult> {

    private final ScriptRunStarter starter;

    public RunScripts() {
        this(StepEnvironment.fromEnvironment());
    }

    public RunScripts(StepEnvironment env) {
        this(ScriptRunStarter.forEnvironment(env));
    }

    RunScripts(ScriptRunStarter starter) {
        super(StepInput.class);
        this.starter = starter;
    }

    @Override
    protected StepResult handle(StepInput in) {
        return starter.start(in);
    }
}
