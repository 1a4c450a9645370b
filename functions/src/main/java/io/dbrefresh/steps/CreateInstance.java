package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;

/** create-instance: creates the writer instance in the restored Aurora cluster, with the file's class, parameter group and monitoring options. */
public final class CreateInstance extends DatabaseStep {

    public CreateInstance() {
        this(StepEnvironment.fromEnvironment());
    }

    public CreateInstance(StepEnvironment env) {
        super(env, cluster(ClusterSteps::createInstance));
    }
}
