package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.ReadReplicas;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.ReplicaDescription;
import io.dbrefresh.refreshfile.StepId;

/** delete-replicas: deletes every read replica of the old target and remembers each, to create them again. */
public final class DeleteReplicas extends StepHandler<StepInput, StepResult> {

    private static final StepId STEP = StepId.DELETE_REPLICAS;

    private final StepEnvironment env;
    /** The Aurora cluster path; null in tests of the RDS path. */
    private final AuroraSteps aurora;
    private final ReadReplicas replicas;

    public DeleteReplicas() {
        this(StepEnvironment.fromEnvironment());
    }

    public DeleteReplicas(StepEnvironment env) {
        this(env, new ReadReplicas(new RdsInstances(env.aws().rds())), AuroraSteps.over(env));
    }

    DeleteReplicas(StepEnvironment env, ReadReplicas replicas) {
        this(env, replicas, null);
    }

    DeleteReplicas(StepEnvironment env, ReadReplicas replicas, AuroraSteps aurora) {
        super(StepInput.class);
        this.aurora = aurora;
        this.env = env;
        this.replicas = replicas;
    }

    @Override
    protected StepResult handle(StepInput input) {
        if (input.plan().service() == DbService.AURORA) {
            return aurora.deleteReplicas(input);
        }
        RefreshPlan plan = input.plan();
        String target = StepInputs.target(plan);
        ReadReplicas.Removal removal = replicas.deleteAll(target, plan.delete() != null && plan.delete().liftDeletionProtection());
        boolean any = !removal.replicas().isEmpty();
        return StepResult.started(STEP.id(), StepInputs.firstWait(env, plan, STEP, any), env.clock().instant(), target,
                        removal.message(), any)
                .withReplicas(removal.replicas().stream().map(ReplicaDescription::toReplica).toList())
                .withReplicaDetails(removal.replicas());
    }
}
