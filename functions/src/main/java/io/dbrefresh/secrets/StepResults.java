package io.dbrefresh.secrets;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.refreshfile.PlannedStep;
import io.dbrefresh.refreshfile.StepId;

/** The results the password and rotation steps hand the state machine, and their poll bound. */
final class StepResults {

    static final int DEFAULT_WAIT_SECONDS = 30;
    static final int DEFAULT_MAX_POLLS = 60;

    private StepResults() {
    }

    static StepResult started(StepId step, StepInput in, StepEnvironment env, String message, String resource) {
        return new StepResult(step.id(), StepStatus.IN_PROGRESS, waitSeconds(step, in, env), 0, env.clock().instant(), null,
                message, resource, null, null, null, true);
    }

    static StepResult again(StepId step, StepInput in, StepResult current, StepEnvironment env, String message) {
        return base(step, current, env).withStatus(StepStatus.IN_PROGRESS, message, env.clock().instant())
                .withPoll(waitSeconds(step, in, env));
    }

    static StepResult succeeded(StepId step, StepInput in, StepResult current, StepEnvironment env, String message) {
        return base(step, current, env).withStatus(StepStatus.SUCCEEDED, message, env.clock().instant()).withPoll(0);
    }

    static StepResult failed(StepId step, StepInput in, StepResult current, StepEnvironment env, String message) {
        return base(step, current, env).withStatus(StepStatus.FAILED, message, env.clock().instant()).withPoll(0);
    }

    /** True when this check is the last one the plan allows for the step. */
    static boolean lastCheck(StepId step, StepInput in, StepResult current) {
        int polls = current == null ? 0 : current.polls();
        return polls + 1 >= maxPolls(step, in);
    }

    /** "12 checks, about 360 s": how long the step has waited, for timeout messages. */
    static String waited(StepId step, StepInput in, StepResult current) {
        int polls = (current == null ? 0 : current.polls()) + 1;
        PlannedStep p = in.plan().step(step);
        int wait = p == null ? DEFAULT_WAIT_SECONDS : p.waitSeconds();
        return polls + " checks, about " + (long) polls * wait + " s";
    }

    private static int waitSeconds(StepId step, StepInput in, StepEnvironment env) {
        PlannedStep p = in.plan().step(step);
        return env.waitSeconds(p == null ? DEFAULT_WAIT_SECONDS : p.waitSeconds());
    }

    private static int maxPolls(StepId step, StepInput in) {
        PlannedStep p = in.plan().step(step);
        return p == null || p.maxPolls() <= 0 ? DEFAULT_MAX_POLLS : p.maxPolls();
    }

    private static StepResult base(StepId step, StepResult current, StepEnvironment env) {
        return current != null ? current
                : new StepResult(step.id(), StepStatus.IN_PROGRESS, 0, 0, env.clock().instant(), null, null, null, null, null, null, true);
    }
}
