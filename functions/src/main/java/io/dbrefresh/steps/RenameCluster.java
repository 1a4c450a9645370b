package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;

/** rename-cluster: gives the restored Aurora cluster the target's name (its instances are renamed by rename-database). */
public final class RenameCluster extends DatabaseStep {

    public RenameCluster() {
        this(StepEnvironment.fromEnvironment());
    }

    public RenameCluster(StepEnvironment env) {
        super(env, cluster(ClusterSteps::renameCluster));
    }
}
