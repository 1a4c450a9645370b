package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;

/** delete-old-cluster: deletes the old Aurora cluster once the restored one is available, with a final snapshot unless the file says otherwise. */
public final class DeleteOldCluster extends DatabaseStep {

    public DeleteOldCluster() {
        this(StepEnvironment.fromEnvironment());
    }

    public DeleteOldCluster(StepEnvironment env) {
        super(env, cluster(ClusterSteps::deleteOldCluster));
    }
}
