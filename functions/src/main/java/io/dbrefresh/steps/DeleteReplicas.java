package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/** delete-replicas: deletes every read replica of the old target and remembers each, to create them again. */
public final class DeleteReplicas extends DatabaseStep {

    public DeleteReplicas() {
        this(StepEnvironment.fromEnvironment());
    }

    public DeleteReplicas(StepEnvironment env) {
        this(DatabaseServices.over(env));
    }

    DeleteReplicas(DatabaseServices services) {
        super(services);
    }

    @Override
    StepResult start(DatabaseSteps steps, StepInput input) {
        return steps.deleteReplicas(input);
    }
}
