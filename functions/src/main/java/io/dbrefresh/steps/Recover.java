package io.dbrefresh.steps;

import io.dbrefresh.execution.RecoveryReport;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;

/**
 * The recovery path's first task: from the results so far, put the world back in a safe
 * state, and say what was done and where the old data is. What "safe" means for an instance
 * or a cluster is the plan's variant's ({@link DatabaseSteps#recover}).
 */
public class Recover extends StepHandler<StepInput, RecoveryReport> {

    private final DatabaseServices services;

    public Recover() {
        this(StepEnvironment.fromEnvironment());
    }

    public Recover(StepEnvironment env) {
        this(DatabaseServices.over(env));
    }

    Recover(DatabaseServices services) {
        super(StepInput.class);
        this.services = services;
    }

    @Override
    protected RecoveryReport handle(StepInput in) {
        String cause = in.error() == null ? null : RefreshOutcome.causeMessage(in.error().cause());
        DatabaseSteps.Recovery done = services.forPlan(in.plan()).recover(in);
        return new RecoveryReport(RefreshOutcome.failedStep(in), RefreshOutcome.error(in), cause, done.actions(),
                done.oldDataAt(), null, null);
    }
}
