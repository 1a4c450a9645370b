package io.dbrefresh.secrets;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.refreshfile.PlannedStep;
import io.dbrefresh.refreshfile.StepId;

/**
 * The result the password and rotation starts hand the state machine. Their checks only
 * observe: the shared check counts the polls, applies the bound and raises the timeout.
 */
final class StepResults {

    /** The wait when the plan has no entry for the step (a hand-built input). */
    static final int DEFAULT_WAIT_SECONDS = 30;

    private StepResults() {
    }

    static StepResult started(StepId step, StepInput in, StepEnvironment env, String message, String resource) {
        PlannedStep p = in.plan().step(step);
        int wait = env.waitSeconds(p == null ? DEFAULT_WAIT_SECONDS : p.waitSeconds());
        return StepResult.started(step.id(), wait, env.clock().instant(), resource, message, true);
    }
}
