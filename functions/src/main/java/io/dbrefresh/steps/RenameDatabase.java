package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;

/** rename-database: gives the restored temp instance the target's name. */
public final class RenameDatabase extends DatabaseStep {

    public RenameDatabase() {
        this(StepEnvironment.fromEnvironment());
    }

    public RenameDatabase(StepEnvironment env) {
        super(env, shared(DatabaseSteps::renameDatabase));
    }
}
