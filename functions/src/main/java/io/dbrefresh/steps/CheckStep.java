package io.dbrefresh.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.execution.StepTimeoutException;
import io.dbrefresh.rds.Observation;
import io.dbrefresh.refreshfile.PlannedStep;
import io.dbrefresh.refreshfile.StepId;

/**
 * The check of the job poller, shared by every polled step: looks at {@code input.step()},
 * and returns its result SUCCEEDED, FAILED (a terminal status: no point waiting) or
 * IN_PROGRESS with one more poll. The poll after the plan's {@code maxPolls} - 1 ends the
 * loop with {@link StepTimeoutException}.
 */
public final class CheckStep extends StepHandler<StepInput, StepResult> {

    private final StepEnvironment env;
    private final Map<StepId, StepCheck> checks;
    private final Map<StepId, CompleteCheck> completeChecks;

    /**
     * A check that keeps its own books: it returns the step's next result whole (polls,
     * wait, status) and enforces its own bound. The password, rotation and script checks are
     * of this kind, because what they wait for is not an RDS status.
     */
    @FunctionalInterface
    public interface CompleteCheck {
        StepResult check(StepInput input, StepResult current);
    }

    public CheckStep() {
        this(StepEnvironment.fromEnvironment());
    }

    public CheckStep(StepEnvironment env) {
        this(env, withScripts(AuroraChecks.alongside(RdsChecks.over(env.aws().rds()), env.aws().rds()),
                new io.dbrefresh.scripts.ScriptRunCheck(env)), Map.of(
                StepId.CHANGE_ADMIN_PWD, new io.dbrefresh.secrets.PasswordCheck(env)::check,
                StepId.ROTATE_ADMIN_PWD, new io.dbrefresh.secrets.RotationCheck(env)::check));
    }

    /** The script run's check reports a status; the poll bookkeeping and the bound stay here. */
    private static Map<StepId, StepCheck> withScripts(Map<StepId, StepCheck> checks, io.dbrefresh.scripts.ScriptRunCheck scripts) {
        Map<StepId, StepCheck> all = new java.util.HashMap<>(checks);
        all.put(StepId.RUN_SCRIPTS, (input, current) -> {
            StepResult seen = scripts.check(input, current);
            return switch (seen.status()) {
                case SUCCEEDED -> Observation.done(seen.message());
                case FAILED -> Observation.failed(seen.message());
                case IN_PROGRESS -> Observation.inProgress(seen.message());
            };
        });
        return all;
    }

    CheckStep(StepEnvironment env, Map<StepId, StepCheck> checks) {
        this(env, checks, Map.of());
    }

    CheckStep(StepEnvironment env, Map<StepId, StepCheck> checks, Map<StepId, CompleteCheck> completeChecks) {
        super(StepInput.class);
        this.env = env;
        this.checks = Map.copyOf(checks);
        this.completeChecks = Map.copyOf(completeChecks);
    }

    @Override
    protected StepResult handle(StepInput input) {
        StepId step = input.step();
        StepResult current = step == null ? null : input.result(step);
        CompleteCheck complete = step == null ? null : completeChecks.get(step);
        if (complete != null && current != null) {
            return complete.check(input, current);
        }
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
