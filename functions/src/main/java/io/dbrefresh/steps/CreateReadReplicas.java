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

/**
 * create-read-replicas: creates the refreshed target's read replicas: those the refresh file
 * lists, or else those delete-replicas removed, with their names, classes and zones.
 */
public final class CreateReadReplicas extends StepHandler<StepInput, StepResult> {

    private static final StepId STEP = StepId.CREATE_READ_REPLICAS;

    private final StepEnvironment env;
    /** The Aurora cluster path; null in tests of the RDS path. */
    private final AuroraSteps aurora;
    private final ReadReplicas replicas;

    public CreateReadReplicas() {
        this(StepEnvironment.fromEnvironment());
    }

    public CreateReadReplicas(StepEnvironment env) {
        this(env, new ReadReplicas(new RdsInstances(env.aws().rds())), AuroraSteps.over(env));
    }

    CreateReadReplicas(StepEnvironment env, ReadReplicas replicas) {
        this(env, replicas, null);
    }

    CreateReadReplicas(StepEnvironment env, ReadReplicas replicas, AuroraSteps aurora) {
        super(StepInput.class);
        this.aurora = aurora;
        this.env = env;
        this.replicas = replicas;
    }

    @Override
    protected StepResult handle(StepInput input) {
        if (input.plan().service() == DbService.AURORA) {
            return aurora.createReadReplicas(input);
        }
        RefreshPlan plan = input.plan();
        String target = StepInputs.target(plan);
        ReadReplicas.Creation creation = replicas.create(target, StepInputs.replicasToCreate(input), plan.replicas(), StepInputs.execution(input));
        boolean any = !creation.replicas().isEmpty();
        return StepResult.started(STEP.id(), StepInputs.firstWait(env, plan, STEP, any), env.clock().instant(), target,
                        creation.message(), creation.created() > 0)
                .withReplicas(creation.replicas().stream().map(ReplicaDescription::toReplica).toList());
    }
}
