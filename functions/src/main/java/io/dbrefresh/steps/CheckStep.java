package io.dbrefresh.steps;

import java.time.Instant;
import java.util.Map;

import io.dbrefresh.execution.CheckSchedule;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.execution.StepTimeoutException;
import io.dbrefresh.refreshfile.PlannedStep;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.scripts.ScriptRunCheck;
import io.dbrefresh.secrets.PasswordCheck;
import io.dbrefresh.secrets.RotationCheck;

/**
 * The check of the job poller, shared by every polled step: looks at {@code input.step()},
 * and returns its result SUCCEEDED, FAILED (a terminal status: no point waiting) or
 * IN_PROGRESS with one more poll, after the wait its {@link CheckSchedule} asks. A check that
 * still finds it under way at the step's {@code timeout} (seconds from its start) ends the loop with
 * {@link StepTimeoutException}. Every step's check only observes; counting, the schedule,
 * bounding and the timeout are here, the same for all of them.
 */
public final class CheckStep extends StepHandler<StepInput, StepResult> {

    /** Which check looks at a step of this input's plan; null when the step has none. */
    @FunctionalInterface
    interface Checks {
        StepCheck of(StepInput input, StepId step);
    }

    private final StepEnvironment env;
    private final Checks checks;

    public CheckStep() {
        this(StepEnvironment.fromEnvironment());
    }

    /**
     * The RDS steps' checks are the plan's variant's; the password change, the rotation and the
     * script run are checked the same way for an instance and a cluster. Each only observes.
     */
    public CheckStep(StepEnvironment env) {
        this(env, over(DatabaseServices.over(env), Map.of(
                StepId.CHANGE_ADMIN_PWD, new PasswordCheck(env)::observe,
                StepId.ROTATE_ADMIN_PWD, new RotationCheck(env)::observe,
                StepId.RUN_SCRIPTS, new ScriptRunCheck(env)::observe)));
    }

    /** The same checks whatever the plan's service. */
    CheckStep(StepEnvironment env, Map<StepId, StepCheck> checks) {
        this(env, fixed(checks));
    }

    private CheckStep(StepEnvironment env, Checks checks) {
        super(StepInput.class);
        this.env = env;
        this.checks = checks;
    }

    private static Checks fixed(Map<StepId, StepCheck> checks) {
        Map<StepId, StepCheck> copy = Map.copyOf(checks);
        return (input, step) -> copy.get(step);
    }

    private static Checks over(DatabaseServices services, Map<StepId, StepCheck> serviceless) {
        Checks others = fixed(serviceless);
        return (input, step) -> {
            StepCheck own = others.of(input, step);
            return own != null ? own : services.forPlan(input.plan()).checks().get(step);
        };
    }

    @Override
    protected StepResult handle(StepInput input) {
        StepId step = input.step();
        StepResult current = step == null ? null : input.result(step);
        StepCheck check = step == null ? null : checks.of(input, step);
        PlannedStep planned = step == null ? null : input.plan().step(step);
        if (current == null || check == null || planned == null) {
            throw new IllegalArgumentException(step == null ? "the check input names no step"
                    : "nothing to check for " + step.displayName() + (current == null ? ": it has no result"
                    : check == null ? ": it has no check" : ": the plan does not have it"));
        }
        Observation seen = planned.check() ? check.observe(input, current) : Observation.done("not checked, as the refresh file asks");
        Instant now = env.clock().instant();
        return switch (seen.progress()) {
            // every check is counted, so a result says how many it took
            case DONE -> current.withPoll(0).withStatus(StepStatus.SUCCEEDED, seen.message(), now);
            case FAILED -> current.withPoll(0).withStatus(StepStatus.FAILED, seen.message(), now);
            case IN_PROGRESS -> CheckSchedule.of(input, step, null).again(current, now, env, step.displayName(), seen.message())
                    .withStatus(StepStatus.IN_PROGRESS, seen.message(), now);
        };
    }
}
