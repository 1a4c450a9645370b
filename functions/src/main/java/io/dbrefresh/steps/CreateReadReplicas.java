package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/**
 * create-read-replicas: creates the refreshed target's read replicas: those the refresh file
 * lists, or else those delete-replicas removed, with their names, classes and zones.
 */
public final class CreateReadReplicas extends DatabaseStep {

    public CreateReadReplicas() {
        this(StepEnvironment.fromEnvironment());
    }

    public CreateReadReplicas(StepEnvironment env) {
        this(DatabaseServices.over(env));
    }

    CreateReadReplicas(DatabaseServices services) {
        super(services);
    }

    @Override
    StepResult start(DatabaseSteps steps, StepInput input) {
        return steps.createReadReplicas(input);
    }
}
