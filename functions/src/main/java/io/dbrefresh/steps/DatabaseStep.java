package io.dbrefresh.steps;

import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/** A step both services share: the plan picks the variant, the handler names the operation. */
abstract class DatabaseStep extends StepHandler<StepInput, StepResult> {

    private final DatabaseServices services;

    DatabaseStep(DatabaseServices services) {
        super(StepInput.class);
        this.services = services;
    }

    @Override
    protected final StepResult handle(StepInput input) {
        return start(services.forPlan(input.plan()), input);
    }

    /** Starts this step with the variant of the plan's service. */
    abstract StepResult start(DatabaseSteps steps, StepInput input);
}
