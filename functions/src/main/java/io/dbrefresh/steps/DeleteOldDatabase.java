package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

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
        this(DatabaseServices.over(env));
    }

    DeleteOldDatabase(DatabaseServices services) {
        super(services);
    }

    @Override
    StepResult start(DatabaseSteps steps, StepInput input) {
        return steps.deleteOldDatabase(input);
    }
}
