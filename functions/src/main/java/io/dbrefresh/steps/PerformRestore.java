package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/**
 * perform-restore: restores the source into the temp instance. Its result carries the point in
 * time the data is aligned to, the snapshot used, and the old target's tags (captured here,
 * before anything replaces the old target, for fix-tags).
 */
public final class PerformRestore extends DatabaseStep {

    public PerformRestore() {
        this(StepEnvironment.fromEnvironment());
    }

    public PerformRestore(StepEnvironment env) {
        this(DatabaseServices.over(env));
    }

    PerformRestore(DatabaseServices services) {
        super(services);
    }

    @Override
    StepResult start(DatabaseSteps steps, StepInput input) {
        return steps.performRestore(input);
    }
}
