package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.InstanceShutdown;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;

/**
 * stop-old-database: stops the old target so nothing writes to it while it is replaced.
 * {@code acted} says whether this execution stopped it (recovery restarts only that one). When
 * the swap renames the old target away to delete it after ({@code delete.deleteAfterSwap}) it is
 * left running: RDS renames only an available instance, and the rename away already ends its
 * connections under the target's name.
 */
public final class StopOldDatabase extends StepHandler<StepInput, StepResult> {

    private static final StepId STEP = StepId.STOP_OLD_DATABASE;

    private final StepEnvironment env;
    private final InstanceShutdown shutdown;

    public StopOldDatabase() {
        this(StepEnvironment.fromEnvironment());
    }

    public StopOldDatabase(StepEnvironment env) {
        this(env, new InstanceShutdown(new RdsInstances(env.aws().rds())));
    }

    StopOldDatabase(StepEnvironment env, InstanceShutdown shutdown) {
        super(StepInput.class);
        this.env = env;
        this.shutdown = shutdown;
    }

    @Override
    protected StepResult handle(StepInput input) {
        RefreshPlan plan = input.plan();
        String target = StepInputs.target(plan);
        if (plan.delete() != null && plan.delete().deleteAfterSwap()) {
            return StepInputs.started(env, input, STEP, false, target, "the old target " + target + " is not stopped: RDS"
                    + " renames only an available instance, and delete-old-database renames it out of the way (which ends its"
                    + " connections under the target's name), to be deleted once the copy holds the name", false);
        }
        InstanceShutdown.Stop stop = shutdown.stop(target, StepInputs.execution(input));
        return StepInputs.started(env, input, STEP, stop.stoppedHere(), target, stop.message(), stop.stoppedHere());
    }
}
