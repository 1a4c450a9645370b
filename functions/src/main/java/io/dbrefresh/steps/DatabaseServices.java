package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.RefreshPlan;

/** The instance and cluster variants of the RDS steps over one RDS client, and the one place that picks between them. */
final class DatabaseServices {

    private final InstanceSteps instances;
    private final ClusterSteps clusters;

    DatabaseServices(InstanceSteps instances, ClusterSteps clusters) {
        this.instances = instances;
        this.clusters = clusters;
    }

    static DatabaseServices over(StepEnvironment env) {
        return over(env, new RdsInstances(env.aws().rds()));
    }

    static DatabaseServices over(StepEnvironment env, RdsInstances rds) {
        return new DatabaseServices(new InstanceSteps(env, rds), ClusterSteps.over(env, rds));
    }

    /** The variant the plan's service needs. */
    DatabaseSteps forPlan(RefreshPlan plan) {
        return plan.service() == DbService.AURORA ? clusters : instances;
    }

    /** The cluster's own steps (create-instance, delete-old-cluster, rename-cluster). */
    ClusterSteps clusters() {
        return clusters;
    }
}
