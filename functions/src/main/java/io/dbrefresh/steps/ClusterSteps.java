package io.dbrefresh.steps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.UnsafeTargetException;
import io.dbrefresh.rds.AuroraClusters;
import io.dbrefresh.rds.ClusterInstances;
import io.dbrefresh.rds.ClusterLifecycle;
import io.dbrefresh.rds.ClusterRestore;
import io.dbrefresh.rds.ClusterSafeState;
import io.dbrefresh.rds.CopyDetails;
import io.dbrefresh.rds.InstanceDeletion;
import io.dbrefresh.rds.InstanceRestore;
import io.dbrefresh.rds.InstanceStatus;
import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.rds.SnapshotHousekeeping;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.ReadReplicas;
import io.dbrefresh.rds.TargetTags;
import io.dbrefresh.refreshfile.DeleteSpec;
import io.dbrefresh.refreshfile.InstanceSpec;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.Replica;
import io.dbrefresh.refreshfile.ReplicaDescription;
import io.dbrefresh.refreshfile.StepId;

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
    private final AuroraClusters clusters;
    private final ClusterSafeState safeState;
    private final OldCopies oldCopies;
    private final SnapshotHousekeeping snapshots;
    private final Map<StepId, StepCheck> checks;

    ClusterSteps(StepEnvironment env, AuroraClusters clusters) {
        this.env = env;
        this.clusters = clusters;
        this.restore = new ClusterRestore(clusters);
        this.instances = new ClusterInstances(clusters);
        this.lifecycle = new ClusterLifecycle(clusters);
        this.safeState = new ClusterSafeState(clusters);
        this.oldCopies = OldCopies.ofClusters(clusters);
        this.snapshots = SnapshotHousekeeping.over(clusters);
        this.checks = AuroraChecks.over(clusters);
    }

    static ClusterSteps over(StepEnvironment env, RdsInstances rds) {
        return new ClusterSteps(env, new AuroraClusters(rds));
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
        if (renamesAway(plan)) {
            return started(input, StepId.DELETE_OLD_DATABASE, false, cluster, "the old cluster " + cluster + " keeps its instances:"
                    + " they are renamed away with it by delete-old-cluster" + (keepsOld(plan) ? ", for deletecluster.graceperiod"
                    : ", and deleted with it once the copy holds the name"), false);
        }
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
        if (renamesAway(plan)) {
            return keepOldCluster(input, cluster, spec);
        }
        InstanceDeletion.Deletion deleted = lifecycle.delete(cluster, StepInputs.restore(plan).temp(),
                spec == null || spec.finalSnapshot(), liftProtection(plan), spec == null ? null : spec.snapshotRetention(),
                StepInputs.execution(input), env.clock().instant());
        return started(input, StepId.DELETE_OLD_CLUSTER, deleted.found(), cluster, deleted.message(), deleted.deletedHere())
                .withSnapshot(deleted.snapshot());
    }

    /**
     * The old cluster is renamed out of the way with its instances instead of deleted in place
     * (as an RDS instance is): for its grace period, or until the copy holds the name
     * (rename-cluster's check then deletes it with its instances and the final cluster snapshot
     * this result names). The copies of it kept by earlier refreshes whose time ended are removed first.
     */
    private StepResult keepOldCluster(StepInput input, String cluster, DeleteSpec spec) {
        Instant now = env.clock().instant();
        List<String> removed = oldCopies.removeExpired(cluster, now);
        OldCopies.Kept kept = oldCopies.keepAway(cluster, StepInputs.restore(input.plan()).temp(), spec, StepInputs.execution(input), now);
        String message = removed.isEmpty() ? kept.message() : kept.message() + "; " + String.join("; ", removed);
        return started(input, StepId.DELETE_OLD_CLUSTER, kept.found(), cluster, message, kept.keptHere())
                .withSnapshot(spec.deleteAfterSwap() ? kept.snapshot() : null);
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
        List<String> pruned = StepInputs.pruneSnapshots(snapshots, input, cluster, StepId.DELETE_OLD_CLUSTER, now);
        String message = pruned.isEmpty() ? fix.message() : fix.message() + "; " + String.join("; ", pruned);
        return started(input, StepId.FIX_TAGS, true, cluster, message, true).withTags(fix.desired());
    }

    @Override
    public StepResult createReadReplicas(StepInput input) {
        RefreshPlan plan = input.plan();
        String cluster = cluster(plan);
        List<ReplicaDescription> readers = StepInputs.replicasToCreate(input);
        ReadReplicas.Creation creation = instances.createReaders(cluster, readers, plan.replicas(), StepInputs.execution(input));
        return StepInputs.replicasCreated(env, input, cluster, creation);
    }

    @Override
    public Map<StepId, StepCheck> checks() {
        return checks;
    }

    /**
     * Removes the restored cluster and its writer this execution created while the old data
     * still exists elsewhere, and gives the old cluster back the instances delete-old-database removed.
     */
    @Override
    public Recovery recover(StepInput in) {
        RefreshPlan plan = in.plan();
        String execution = in.execution().shortName();
        String finalSnapshot = StepInputs.finalSnapshot(in, StepId.DELETE_OLD_CLUSTER, safeState::finalSnapshotTaken);
        // with a grace period the old cluster was renamed, not deleted: first back under its name, with its instances
        List<String> actions = new ArrayList<>(renamesAway(plan) ? oldCopies.bringBack(plan.target(), execution) : List.of());
        // the copy holds the name and the old cluster still waits to be deleted after the swap: as the file asks
        if (renamesAway(plan) && plan.delete().deleteAfterSwap()) {
            oldCopies.tryRemoveAfterSwap(plan.target(), execution, env.clock().instant()).ifPresent(actions::add);
        }
        String keptAs = renamesAway(plan) ? oldCopies.keptBy(plan.target(), execution)
                .filter(c -> !InstanceStatus.GOING_AWAY.contains(c.status())).map(OldCopies.Copy::name).orElse(null) : null;
        actions.addAll(safeState.restore(plan.target(), plan.restore().temp(), execution, finalSnapshot));
        actions.addAll(safeState.writerBack(plan.target(), execution, deletedInstances(in)));
        String oldData = keptAs != null ? "cluster " + keptAs + " (the old cluster, kept)"
                : safeState.oldDataAt(plan.target(), execution, finalSnapshot);
        return new Recovery(actions, oldData);
    }

    /**
     * The old cluster's instances delete-old-database removed, as its result lists them; when
     * that result was lost after the call went through, the writer the file names, with the
     * class the file gives the writer. Null when the step did not run.
     */
    private static List<Replica> deletedInstances(StepInput in) {
        RefreshPlan plan = in.plan();
        StepResult deleted = in.result(StepId.DELETE_OLD_DATABASE);
        if (deleted != null) {
            return deleted.replicas();
        }
        if (!plan.runs(StepId.DELETE_OLD_DATABASE) || plan.delete() == null || plan.delete().instance() == null
                || plan.createInstance() == null || plan.createInstance().dbClass() == null) {
            return null;
        }
        return List.of(new Replica(plan.delete().instance(), plan.createInstance().dbClass()));
    }

    @Override
    public Optional<CopyDetails> describe(String target) {
        return CopyDetails.ofCluster(clusters, target);
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

    private static boolean keepsOld(RefreshPlan plan) {
        return plan.delete() != null && plan.delete().keepsOld();
    }

    private static boolean renamesAway(RefreshPlan plan) {
        return plan.delete() != null && plan.delete().renamesAway();
    }

    private static boolean liftProtection(RefreshPlan plan) {
        return plan.delete() != null && plan.delete().liftDeletionProtection();
    }

    private static String notSource(RefreshPlan plan, String id) {
        return StepInputs.notSource(plan, id, "DB cluster", "it is never deleted or replaced");
    }
}
