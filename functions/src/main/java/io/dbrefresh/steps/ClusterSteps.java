package io.dbrefresh.steps;

import java.time.Instant;
import java.util.List;

import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.UnsafeTargetException;
import io.dbrefresh.rds.AuroraClusters;
import io.dbrefresh.rds.ClusterInstances;
import io.dbrefresh.rds.ClusterLifecycle;
import io.dbrefresh.rds.ClusterRestore;
import io.dbrefresh.rds.InstanceDeletion;
import io.dbrefresh.rds.InstanceRestore;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.ReadReplicas;
import io.dbrefresh.rds.TargetTags;
import io.dbrefresh.refreshfile.DeleteSpec;
import io.dbrefresh.refreshfile.InstanceSpec;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.ReplicaDescription;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The start of each step of an Aurora cluster refresh: the steps both services share, and the
 * cluster's own (create-instance, delete-old-cluster, rename-cluster). Names come from the plan:
 * {@code target()} is the cluster, {@code instance()} its writer, {@code restore().temp()} the
 * restored cluster and {@code createInstance().tempInstance()} its writer; none may be the source.
 */
final class ClusterSteps implements DatabaseSteps {

    private final StepEnvironment env;
    private final ClusterRestore restore;
    private final ClusterInstances instances;
    private final ClusterLifecycle lifecycle;

    ClusterSteps(StepEnvironment env, ClusterRestore restore, ClusterInstances instances, ClusterLifecycle lifecycle) {
        this.env = env;
        this.restore = restore;
        this.instances = instances;
        this.lifecycle = lifecycle;
    }

    static ClusterSteps over(StepEnvironment env, RdsInstances rds) {
        AuroraClusters clusters = new AuroraClusters(rds);
        return new ClusterSteps(env, new ClusterRestore(clusters), new ClusterInstances(clusters), new ClusterLifecycle(clusters));
    }

    static AuroraClusters clusters(RdsClient rds) {
        return new AuroraClusters(new RdsInstances(rds));
    }

    @Override
    public StepResult deleteReplicas(StepInput input) {
        RefreshPlan plan = input.plan();
        String cluster = cluster(plan);
        ReadReplicas.Removal removal = instances.deleteReaders(cluster, liftProtection(plan));
        return StepInputs.replicasRemoved(env, input, cluster, removal);
    }

    @Override
    public StepResult performRestore(StepInput input) {
        RefreshPlan plan = input.plan();
        cluster(plan);
        InstanceRestore.Started started = restore.start(StepInputs.restoreToRun(input, () -> env.aws().region().id()),
                StepInputs.execution(input));
        return StepInputs.restoreStarted(env, input, started);
    }

    StepResult createInstance(StepInput input) {
        RefreshPlan plan = input.plan();
        InstanceSpec spec = writer(plan);
        String message = instances.createWriter(spec, StepInputs.restore(plan).temp(), StepInputs.execution(input));
        return started(input, StepId.CREATE_INSTANCE, true, spec.tempInstance(), message, true);
    }

    @Override
    public StepResult deleteOldDatabase(StepInput input) {
        RefreshPlan plan = input.plan();
        String cluster = cluster(plan);
        String tempWriter = plan.createInstance() == null ? null : plan.createInstance().tempInstance();
        ReadReplicas.Removal removal = instances.deleteMembers(cluster, StepInputs.restore(plan).temp(), tempWriter, liftProtection(plan));
        boolean any = !removal.replicas().isEmpty();
        return started(input, StepId.DELETE_OLD_DATABASE, any, cluster, removal.message(), any)
                .withReplicas(removal.replicas().stream().map(ReplicaDescription::toReplica).toList());
    }

    StepResult deleteOldCluster(StepInput input) {
        RefreshPlan plan = input.plan();
        String cluster = cluster(plan);
        DeleteSpec spec = plan.delete();
        InstanceDeletion.Deletion deleted = lifecycle.delete(cluster, StepInputs.restore(plan).temp(),
                spec == null || spec.finalSnapshot(), liftProtection(plan), StepInputs.execution(input), env.clock().instant());
        return started(input, StepId.DELETE_OLD_CLUSTER, deleted.found(), cluster, deleted.message(), deleted.deletedHere())
                .withSnapshot(deleted.snapshot());
    }

    StepResult renameCluster(StepInput input) {
        RefreshPlan plan = input.plan();
        String cluster = cluster(plan);
        String message = lifecycle.rename(StepInputs.restore(plan).temp(), cluster, StepInputs.execution(input));
        return started(input, StepId.RENAME_CLUSTER, true, cluster, message, true);
    }

    @Override
    public StepResult renameDatabase(StepInput input) {
        RefreshPlan plan = input.plan();
        InstanceSpec spec = writer(plan);
        String writer = notSource(plan, plan.instance() != null ? plan.instance() : spec.instance());
        String message = instances.renameWriter(spec.tempInstance(), writer, StepInputs.execution(input));
        return started(input, StepId.RENAME_DATABASE, true, writer, message, true);
    }

    @Override
    public StepResult fixTags(StepInput input) {
        RefreshPlan plan = input.plan();
        String cluster = cluster(plan);
        StepResult restored = StepInputs.restoreResult(input);
        Instant now = env.clock().instant();
        var desired = TargetTags.desired(restored.tags(), new TargetTags.Markers(StepInputs.execution(input), now,
                plan.source(), plan.restore().restoreType().json(), restored.alignedTo(), restored.snapshot()));
        TargetTags.Fix fix = lifecycle.fixTags(cluster, desired);
        return started(input, StepId.FIX_TAGS, true, cluster, fix.message(), true).withTags(fix.desired());
    }

    @Override
    public StepResult createReadReplicas(StepInput input) {
        RefreshPlan plan = input.plan();
        String cluster = cluster(plan);
        List<ReplicaDescription> readers = StepInputs.replicasToCreate(input);
        ReadReplicas.Creation creation = instances.createReaders(cluster, readers, plan.replicas(), StepInputs.execution(input));
        boolean any = !creation.replicas().isEmpty();
        return started(input, StepId.CREATE_READ_REPLICAS, any, cluster, creation.message(), creation.created() > 0)
                .withReplicas(creation.replicas().stream().map(ReplicaDescription::toReplica).toList());
    }

    private StepResult started(StepInput input, StepId step, boolean pending, String resource, String message, boolean acted) {
        return StepInputs.started(env, input, step, pending, resource, message, acted);
    }

    /** The target cluster, which is never the source. */
    static String cluster(RefreshPlan plan) {
        if (plan.target() == null || plan.target().isBlank()) {
            throw new InvalidRefreshFileException("the refresh file names no target DB cluster");
        }
        return notSource(plan, plan.target());
    }

    private static InstanceSpec writer(RefreshPlan plan) {
        InstanceSpec spec = plan.createInstance();
        if (spec == null || spec.tempInstance() == null || spec.tempInstance().isBlank()) {
            throw new InvalidRefreshFileException("the refresh file has no createinstance block naming the writer instance");
        }
        notSource(plan, spec.tempInstance());
        return spec;
    }

    private static boolean liftProtection(RefreshPlan plan) {
        return plan.delete() != null && plan.delete().liftDeletionProtection();
    }

    private static String notSource(RefreshPlan plan, String id) {
        return StepInputs.notSource(plan, id, "DB cluster", "it is never deleted or replaced");
    }
}
