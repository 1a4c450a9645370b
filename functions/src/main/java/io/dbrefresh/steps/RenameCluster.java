package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/** rename-cluster: gives the restored Aurora cluster the target's name (its instances are renamed by rename-database). */
public final class RenameCluster extends StepHandler<StepInput, StepResult> {

    private final ClusterSteps clusters;

    public RenameCluster() {
        this(StepEnvironment.fromEnvironment());
    }

    public RenameCluster(StepEnvironment env) {
        this(DatabaseServices.over(env).clusters());
    }

    RenameCluster(ClusterSteps clusters) {
        super(StepInput.class);
        this.clusters = clusters;
    }

    @Override
    protected StepResult handle(StepInput input) {
        return clusters.renameCluster(input);
    }
}
