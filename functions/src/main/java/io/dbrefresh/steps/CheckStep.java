package io.dbrefresh.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

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
 * IN_PROGRESS with one more poll. The poll after the plan's {@code maxPolls} - 1 ends the
 * loop with {@link StepTimeoutException}. Every step's check only observes; counting,
 * bounding and the timeout are here, the same for all of them.
 */
public final class CheckStep extends StepHandler<StepInput, StepResult> {

    private final StepEnvironment env;
    private final Map<StepId, StepCheck> checks;

    public CheckStep() {
        this(StepEnvironment.fromEnvironment());
    }

    public CheckStep(StepEnvironment env) {
        this(env, everyCheck(env));
    }

    /** The RDS steps by status, the password change, the rotation and the script run: each only observes. */
    private static Map<StepId, StepCheck> everyCheck(StepEnvironment env) {
        Map<StepId, StepCheck> all = new HashMap<>(AuroraChecks.alongside(RdsChecks.over(env.aws().rds()), env.aws().rds()));
        all.put(StepId.CHANGE_ADMIN_PWD, new PasswordCheck(env)::observe);
        all.put(StepId.ROTATE_ADMIN_PWD, new RotationCheck(env)::observe);
        all.put(StepId.RUN_SCRIPTS, new ScriptRunCheck(env)::observe);
        return all;
    }

    CheckStep(StepEnvironment env, Map<StepId, StepCheck> checks) {
        super(StepInput.class);
        this.env = env;
        this.checks = Map.copyOf(checks);
    }

    @Override
    protected StepResult handle(StepInput input) {
        StepId step = input.step();
        StepResult current = step == null ? null : input.result(step);
        StepCheck check = step == null ? null : checks.get(step);
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
            case IN_PROGRESS -> {
                if (current.polls() + 1 >= planned.maxPolls()) {
                    Duration waited = current.startedAt() == null ? Duration.ZERO : Duration.between(current.startedAt(), now);
                    throw new StepTimeoutException(step.displayName() + " did not finish after " + (current.polls() + 1)
                            + " checks over " + waited.toMinutes() + " min " + waited.toSecondsPart() + " s; last seen: " + seen.message());
                }
                yield current.withPoll(env.waitSeconds(planned.waitSeconds())).withStatus(StepStatus.IN_PROGRESS, seen.message(), now);
            }
        };
    }
}
