package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;

/** delete-replicas: deletes every read replica of the old target and remembers each, to create them again. */
public final class DeleteReplicas extends DatabaseStep {

    public DeleteReplicas() {
        this(StepEnvironment.fromEnvironment());
    }

    public DeleteReplicas(StepEnvironment env) {
        super(env, shared(DatabaseSteps::deleteReplicas));
    }
}
