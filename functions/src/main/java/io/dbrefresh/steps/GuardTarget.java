package io.dbrefresh.steps;

import java.util.List;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.TargetRefusedException;
import io.dbrefresh.rds.TargetGuard;

/**
 * Runs right after validation, before any database is touched: refuses a target that is the
 * source or one of its replicas, is tagged protected or production, or whose data the file
 * would lose. A refusal goes through the recovery path, which finds nothing to undo, records
 * FAILED and notifies.
 */
public class GuardTarget extends StepHandler<StepInput, GuardTarget.Cleared> {

    /** What the guard checked: the target it let through. */
    public record Cleared(String target, String status) {
    }

    private final TargetGuard guard;

    public GuardTarget() {
        this(StepEnvironment.fromEnvironment());
    }

    public GuardTarget(StepEnvironment env) {
        this(new TargetGuard(env.aws().rds()));
    }

    GuardTarget(TargetGuard guard) {
        super(StepInput.class);
        this.guard = guard;
    }

    @Override
    protected Cleared handle(StepInput in) {
        List<String> refusals = guard.refusals(in.plan());
        if (!refusals.isEmpty()) {
            throw new TargetRefusedException("refused to refresh " + in.plan().target() + ": " + String.join("; ", refusals));
        }
        return new Cleared(in.plan().target(), "CLEARED");
    }
}
