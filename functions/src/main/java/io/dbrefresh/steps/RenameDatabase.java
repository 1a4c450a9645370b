package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/** rename-database: gives the restored temp instance the target's name. */
public final class RenameDatabase extends DatabaseStep {

    public RenameDatabase() {
        this(StepEnvironment.fromEnvironment());
    }

    public RenameDatabase(StepEnvironment env) {
        this(DatabaseServices.over(env));
    }

    RenameDatabase(DatabaseServices services) {
        super(services);
    }

    @Override
    StepResult start(DatabaseSteps steps, StepInput input) {
        return steps.renameDatabase(input);
    }
}
