package io.dbrefresh.steps;

import java.util.function.Function;

import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/**
 * A password step (change-admin-pwd, rotate-admin-pwd): starts one operation of
 * {@code io.dbrefresh.secrets} on the plan's target, whichever the service; the check that
 * follows it is the operation's own, polled by {@link CheckStep}.
 */
abstract class PasswordStep extends StepHandler<StepInput, StepResult> {

    private final Function<StepInput, StepResult> start;

    PasswordStep(Function<StepInput, StepResult> start) {
        super(StepInput.class);
        this.start = start;
    }

    @Override
    protected final StepResult handle(StepInput input) {
        return start.apply(input);
    }
}
