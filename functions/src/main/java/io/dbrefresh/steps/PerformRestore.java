package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.InstanceRestore;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.Snapshots;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.StepId;

/**
 * perform-restore: restores the source into the temp instance. Its result carries the point in
 * time the data is aligned to, the snapshot used, and the old target's tags (captured here,
 * before anything replaces the old target, for fix-tags).
 */
public final class PerformRestore extends StepHandler<StepInput, StepResult> {

    private static final StepId STEP = StepId.PERFORM_RESTORE;

    private final StepEnvironment env;
    /** The Aurora cluster path; null in tests of the RDS path. */
    private final AuroraSteps aurora;
    private final InstanceRestore restore;

    public PerformRestore() {
        this(StepEnvironment.fromEnvironment());
    }

    public PerformRestore(StepEnvironment env) {
        this(env, restoreOver(new RdsInstances(env.aws().rds())), AuroraSteps.over(env));
    }

    PerformRestore(StepEnvironment env, InstanceRestore restore) {
        this(env, restore, null);
    }

    PerformRestore(StepEnvironment env, InstanceRestore restore, AuroraSteps aurora) {
        super(StepInput.class);
        this.aurora = aurora;
        this.env = env;
        this.restore = restore;
    }

    @Override
    protected StepResult handle(StepInput input) {
        if (input.plan().service() == DbService.AURORA) {
            return aurora.performRestore(input);
        }
        RestoreSpec spec = StepInputs.restore(input.plan());
        InstanceRestore.Started started = restore.start(spec, StepInputs.execution(input));
        return StepResult.started(STEP.id(), StepInputs.firstWait(env, input.plan(), STEP, true), env.clock().instant(),
                        started.temp(), started.message(), true)
                .withAlignedTo(started.alignedTo())
                .withSnapshot(started.snapshot())
                .withTags(started.targetTags());
    }

    private static InstanceRestore restoreOver(RdsInstances instances) {
        return new InstanceRestore(instances, new Snapshots(instances));
    }
}
