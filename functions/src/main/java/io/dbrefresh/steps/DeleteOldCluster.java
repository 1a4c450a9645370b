package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/** delete-old-cluster: deletes the old Aurora cluster once the restored one is available, with a final snapshot unless the file says otherwise. */
public final class DeleteOldCluster extends StepHandler<StepInput, StepResult> {

    private final ClusterSteps clusters;

    public DeleteOldCluster() {
        this(StepEnvironment.fromEnvironment());
    }

    public DeleteOldCluster(StepEnvironment env) {
        this(DatabaseServices.over(env).clusters());
    }

    DeleteOldCluster(ClusterSteps clusters) {
        super(StepInput.class);
        this.clusters = clusters;
    }

    @Override
    protected StepResult handle(StepInput input) {
        return clusters.deleteOldCluster(input);
    }
}
