package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/** create-instance: creates the writer instance in the restored Aurora cluster, with the file's class, parameter group and monitoring options. */
public final class CreateInstance extends StepHandler<StepInput, StepResult> {

    private final ClusterSteps clusters;

    public CreateInstance() {
        this(StepEnvironment.fromEnvironment());
    }

    public CreateInstance(StepEnvironment env) {
        this(DatabaseServices.over(env).clusters());
    }

    CreateInstance(ClusterSteps clusters) {
        super(StepInput.class);
        this.clusters = clusters;
    }

    @Override
    protected StepResult handle(StepInput input) {
        return clusters.createInstance(input);
    }
}
