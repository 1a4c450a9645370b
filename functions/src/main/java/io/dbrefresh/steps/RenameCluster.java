package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/** rename-cluster: gives the restored Aurora cluster the target's name (its instances are renamed by rename-database). */
public final class RenameCluster extends StepHandler<StepInput, StepResult> {

    private final AuroraSteps aurora;

    public RenameCluster() {
        this(StepEnvironment.fromEnvironment());
    }

    public RenameCluster(StepEnvironment env) {
        this(AuroraSteps.over(env));
    }

    RenameCluster(AuroraSteps aurora) {
        super(StepInput.class);
        this.aurora = aurora;
    }

    @Override
    protected StepResult handle(StepInput input) {
        return aurora.renameCluster(input);
    }
}
