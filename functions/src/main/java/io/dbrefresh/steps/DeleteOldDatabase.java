package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;

/**
 * delete-old-database: deletes the old target once the restored copy is available, with a
 * final snapshot unless the refresh file says otherwise. The result's {@code snapshot} is the
 * final snapshot's name.
 */
public final class DeleteOldDatabase extends DatabaseStep {

    public DeleteOldDatabase() {
        this(StepEnvironment.fromEnvironment());
    }

    public DeleteOldDatabase(StepEnvironment env) {
        super(env, shared(DatabaseSteps::deleteOldDatabase));
    }
}
