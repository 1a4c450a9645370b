package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.InstanceDeletion;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.DeleteSpec;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;

/**
 * delete-old-database: deletes the old target once the restored copy is available, with a
 * final snapshot unless the refresh file says otherwise. The result's {@code snapshot} is the
 * final snapshot's name.
 */
public final class DeleteOldDatabase extends StepHandler<StepInput, StepResult> {

    private static final StepId STEP = StepId.DELETE_OLD_DATABASE;

    private final StepEnvironment env;
    /** The Aurora cluster path; null in tests of the RDS path. */
    private final AuroraSteps aurora;
    private final InstanceDeletion deletion;

    public DeleteOldDatabase() {
        this(StepEnvironment.fromEnvironment());
    }

    public DeleteOldDatabase(StepEnvironment env) {
        this(env, new InstanceDeletion(new RdsInstances(env.aws().rds())), AuroraSteps.over(env));
    }

    DeleteOldDatabase(StepEnvironment env, InstanceDeletion deletion) {
        this(env, deletion, null);
    }

    DeleteOldDatabase(StepEnvironment env, InstanceDeletion deletion, AuroraSteps aurora) {
        super(StepInput.class);
        this.aurora = aurora;
        this.env = env;
        this.deletion = deletion;
    }

    @Override
    protected StepResult handle(StepInput input) {
        if (input.plan().service() == DbService.AURORA) {
            return aurora.deleteOldDatabase(input);
        }
        RefreshPlan plan = input.plan();
        String target = StepInputs.target(plan);
        DeleteSpec spec = plan.delete();
        String replacement = plan.restore() == null ? null : StepInputs.restore(plan).temp();
        InstanceDeletion.Deletion deleted = deletion.delete(target, replacement, spec == null || spec.finalSnapshot(),
                spec != null && spec.liftDeletionProtection(), StepInputs.execution(input), env.clock().instant());
        return StepResult.started(STEP.id(), StepInputs.firstWait(env, plan, STEP, deleted.found()), env.clock().instant(),
                        target, deleted.message(), deleted.deletedHere())
                .withSnapshot(deleted.snapshot());
    }
}
