package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/** delete-old-cluster: deletes the old Aurora cluster once the restored one is available, with a final snapshot unless the file says otherwise. */
public final class DeleteOldCluster extends StepHandler<StepInput, StepResult> {

    private final AuroraSteps aurora;

    public DeleteOldCluster() {
        this(StepEnvironment.fromEnvironment());
    }

    public DeleteOldCluster(StepEnvironment env) {
        this(AuroraSteps.over(env));
    }

    DeleteOldCluster(AuroraSteps aurora) {
        super(StepInput.class);
        this.aurora = aurora;
    }

    @Override
    protected StepResult handle(StepInput input) {
        return aurora.deleteOldCluster(input);
    }
}
