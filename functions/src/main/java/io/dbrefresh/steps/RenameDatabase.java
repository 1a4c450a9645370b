package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.InstanceRename;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;

/** rename-database: gives the restored temp instance the target's name. */
public final class RenameDatabase extends StepHandler<StepInput, StepResult> {

    private static final StepId STEP = StepId.RENAME_DATABASE;

    private final StepEnvironment env;
    /** The Aurora cluster path; null in tests of the RDS path. */
    private final AuroraSteps aurora;
    private final InstanceRename rename;

    public RenameDatabase() {
        this(StepEnvironment.fromEnvironment());
    }

    public RenameDatabase(StepEnvironment env) {
        this(env, new InstanceRename(new RdsInstances(env.aws().rds())), AuroraSteps.over(env));
    }

    RenameDatabase(StepEnvironment env, InstanceRename rename) {
        this(env, rename, null);
    }

    RenameDatabase(StepEnvironment env, InstanceRename rename, AuroraSteps aurora) {
        super(StepInput.class);
        this.aurora = aurora;
        this.env = env;
        this.rename = rename;
    }

    @Override
    protected StepResult handle(StepInput input) {
        if (input.plan().service() == DbService.AURORA) {
            return aurora.renameDatabase(input);
        }
        RefreshPlan plan = input.plan();
        String target = StepInputs.target(plan);
        InstanceRename.Rename renamed = rename.rename(StepInputs.restore(plan).temp(), target, StepInputs.execution(input));
        return StepResult.started(STEP.id(), StepInputs.firstWait(env, plan, STEP, true), env.clock().instant(), target,
                renamed.message(), true);
    }
}
