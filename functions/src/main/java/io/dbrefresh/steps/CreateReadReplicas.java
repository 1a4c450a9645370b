package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;

/**
 * create-read-replicas: creates the refreshed target's read replicas: those the refresh file
 * lists, or else those delete-replicas removed, with their names, classes and zones.
 */
public final class CreateReadReplicas extends DatabaseStep {

    public CreateReadReplicas() {
        this(StepEnvironment.fromEnvironment());
    }

    public CreateReadReplicas(StepEnvironment env) {
        super(env, shared(DatabaseSteps::createReadReplicas));
    }
}
