package io.dbrefresh.secrets;

import io.dbrefresh.execution.CheckSchedule;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.refreshfile.StepId;

/**
 * The result the password and rotation starts hand the state machine. Their checks only
 * observe: the shared check counts the polls, asks the schedule's next wait, applies the bound and raises the timeout.
 */
final class StepResults {

    private StepResults() {
    }

    static StepResult started(StepId step, StepInput in, StepEnvironment env, String message, String resource) {
        return CheckSchedule.of(in, step, null).firstCheck(
                StepResult.started(step.id(), 0, env.clock().instant(), resource, message, true), env, true);
    }
}
