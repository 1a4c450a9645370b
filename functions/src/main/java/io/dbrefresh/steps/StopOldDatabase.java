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
 * {@code acted} says whether this execution stopped it (recovery restarts only that one).
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
        InstanceShutdown.Stop stop = shutdown.stop(target, StepInputs.execution(input));
        return StepInputs.started(env, input, STEP, stop.stoppedHere(), target, stop.message(), stop.stoppedHere());
    }
}
