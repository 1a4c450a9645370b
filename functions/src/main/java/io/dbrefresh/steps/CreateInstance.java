package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/** create-instance: creates the writer instance in the restored Aurora cluster, with the file's class, parameter group and monitoring options. */
public final class CreateInstance extends StepHandler<StepInput, StepResult> {

    private final AuroraSteps aurora;

    public CreateInstance() {
        this(StepEnvironment.fromEnvironment());
    }

    public CreateInstance(StepEnvironment env) {
        this(AuroraSteps.over(env));
    }

    CreateInstance(AuroraSteps aurora) {
        super(StepInput.class);
        this.aurora = aurora;
    }

    @Override
    protected StepResult handle(StepInput input) {
        return aurora.createInstance(input);
    }
}
