package io.dbrefresh.steps;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import io.dbrefresh.execution.CheckSchedule;
import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.UnsafeTargetException;
import io.dbrefresh.rds.InstanceRestore;
import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.rds.ReadReplicas;
import io.dbrefresh.rds.SourceShare;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.RdsArn;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.ReplicaDescription;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;

/**
 * What the RDS steps read from their input, in one place. Every name is checked against the
 * source: no step deletes, stops or renames onto the production database, whatever the file says.
 */
final class StepInputs {

    private StepInputs() {
    }

    /** The target instance: the old one to replace, then the refreshed one. */
    static String target(RefreshPlan plan) {
        String id = plan.instance() != null ? plan.instance() : plan.target();
        if (id == null || id.isBlank()) {
            throw new InvalidRefreshFileException("the refresh file names no target DB instance");
        }
        return notSource(plan, id);
    }

    /** The restore, with a temp name that is neither the target nor the source. */
    static RestoreSpec restore(RefreshPlan plan) {
        RestoreSpec spec = plan.restore();
        if (spec == null || spec.temp() == null || spec.temp().isBlank()) {
            throw new InvalidRefreshFileException("the refresh file has no restore block naming a source and a target");
        }
        if (spec.temp().equalsIgnoreCase(target(plan))) {
            throw new UnsafeTargetException("the temp DB instance name " + spec.temp() + " is the target's own name");
        }
        notSource(plan, spec.temp());
        return spec;
    }

    /**
     * The restore perform-restore runs: the file's, or across accounts the restore of the copy
     * share-source shared with this account (in {@code region}, the source's and this run's; read only then).
     */
    static RestoreSpec restoreToRun(StepInput input, Supplier<String> region) {
        RestoreSpec spec = restore(input.plan());
        if (!spec.crossAccount()) {
            return spec;
        }
        String shared = SourceShare.sharedArn(spec, input.plan().service() == DbService.AURORA, region.get(), execution(input));
        return spec.restoreType() == RestoreType.FAST_CLONING ? spec.fromSharedCluster(shared) : spec.fromSharedCopy(shared);
    }

    static String execution(StepInput input) {
        if (input.execution() == null || input.execution().shortName() == null) {
            throw new IllegalArgumentException("the step input names no execution");
        }
        return input.execution().shortName();
    }

    /** A start's result: under way (or, with nothing pending, done at the first check), nothing checked yet. */
    static StepResult started(StepEnvironment env, StepInput input, StepId step, boolean pending, String resource, String message,
                              boolean acted) {
        return CheckSchedule.of(input, step, null).firstCheck(
                StepResult.started(step.id(), 0, env.clock().instant(), resource, message, acted), env, pending);
    }

    /** delete-replicas' result: what was removed, with enough of each to create it again. */
    static StepResult replicasRemoved(StepEnvironment env, StepInput input, String resource, ReadReplicas.Removal removal) {
        boolean any = !removal.replicas().isEmpty();
        return started(env, input, StepId.DELETE_REPLICAS, any, resource, removal.message(), any)
                .withReplicas(removal.replicas().stream().map(ReplicaDescription::toReplica).toList())
                .withReplicaDetails(removal.replicas());
    }

    /** create-read-replicas' start: the replicas (Aurora: readers) being created, pending while there are any. */
    static StepResult replicasCreated(StepEnvironment env, StepInput input, String resource, ReadReplicas.Creation creation) {
        boolean any = !creation.replicas().isEmpty();
        return started(env, input, StepId.CREATE_READ_REPLICAS, any, resource, creation.message(), creation.created() > 0)
                .withReplicas(creation.replicas().stream().map(ReplicaDescription::toReplica).toList());
    }

    /**
     * perform-restore's start: the copy being made, the point its data is aligned to, the snapshot, the old target's tags,
     * and the copy's size, which every later step's check schedule reads.
     */
    static StepResult restoreStarted(StepEnvironment env, StepInput input, InstanceRestore.Started started) {
        StepResult result = StepResult.started(StepId.PERFORM_RESTORE.id(), 0, env.clock().instant(), started.temp(), started.message(),
                        true)
                .withAlignedTo(started.alignedTo())
                .withSnapshot(started.snapshot())
                .withTags(started.targetTags())
                .withSizeGiB(started.sizeGiB());
        return CheckSchedule.of(input, StepId.PERFORM_RESTORE, started.sizeGiB()).firstCheck(result, env, true);
    }

    /** perform-restore's result: the old target's tags, the aligned-to time and the snapshot used. */
    static StepResult restoreResult(StepInput input) {
        StepResult restored = input.result(StepId.PERFORM_RESTORE);
        if (restored == null) {
            throw new IllegalStateException("no perform-restore result: it holds the old target's tags and the restore's origin");
        }
        return restored;
    }

    /** The refresh file's replicas when it lists any, else the ones delete-replicas removed. */
    static List<ReplicaDescription> replicasToCreate(StepInput input) {
        RefreshPlan plan = input.plan();
        if (plan.replicas() != null && plan.replicas().replicas() != null && !plan.replicas().replicas().isEmpty()) {
            return plan.replicas().replicas().stream().map(ReplicaDescription::of).toList();
        }
        StepResult removed = input.result(StepId.DELETE_REPLICAS);
        if (removed == null) {
            return List.of();
        }
        if (removed.replicaDetails() != null) {
            return removed.replicaDetails();
        }
        return removed.replicas() == null ? List.of() : removed.replicas().stream().map(ReplicaDescription::of).toList();
    }

    private static String notSource(RefreshPlan plan, String id) {
        return notSource(plan, id, "DB instance", "it is never deleted, stopped or replaced");
    }

    /**
     * {@code id}, unless it names the refresh's source (by identifier or ARN): the one check that
     * no step deletes, stops or renames onto production, for instances and clusters alike.
     */
    static String notSource(RefreshPlan plan, String id, String kind, String never) {
        if (plan.source() != null && RdsArn.nameOf(plan.source()).equalsIgnoreCase(RdsArn.nameOf(id))) {
            throw new UnsafeTargetException(kind + " " + id + " is the refresh's source; " + never);
        }
        return id;
    }

    /** How a variant finds the final snapshot an execution took of the old target, from the marks it left. */
    @FunctionalInterface
    interface FinalSnapshotLookup {
        String taken(String target, String execution, java.time.Instant since);
    }

    /**
     * The final snapshot of the old target: the one the deleting step's result names or, when
     * that result was lost after the call went through, the one the execution's marks point to.
     */
    static String finalSnapshot(StepInput in, StepId deletingStep, FinalSnapshotLookup lookup) {
        StepResult delete = in.result(deletingStep);
        return delete != null && delete.snapshot() != null ? delete.snapshot()
                : lookup.taken(in.plan().target(), in.execution().shortName(), in.execution().startTime());
    }

    /**
     * fix-tags, the first step after delete-old's check saw the final snapshot available: the
     * target's snapshots dbrefresh made are pruned by the file's retention (never the one just
     * made), and the copies a kmskeyid restore made are removed (the restore is over, and the lock
     * keeps every other refresh of this target away). Nothing when the file asks for neither.
     */
    static List<String> pruneSnapshots(io.dbrefresh.rds.SnapshotHousekeeping housekeeping, StepInput input, String target,
                                       StepId deleteStep, Instant now) {
        RefreshPlan plan = input.plan();
        io.dbrefresh.refreshfile.SnapshotRetention retention = plan.delete() == null ? null : plan.delete().snapshotRetention();
        boolean copied = plan.restore() != null && plan.restore().kmsKeyId() != null && !plan.restore().kmsKeyId().isBlank();
        if (retention == null && !copied) {
            return List.of();
        }
        StepResult deleted = input.result(deleteStep);
        String justMade = deleted == null ? null : deleted.snapshot();
        return housekeeping.prune(target, retention, justMade, copied ? now : null, now, false);
    }

    /**
     * The end of the swap (rds: rename-database's check; aurora: rename-cluster's): once the copy
     * holds the target's name ({@code renamed} done), the old target this execution renamed away
     * to be deleted after the swap is deleted, with the final snapshot the file asks for. The step
     * is then done: the name is served again, so the deletion and its snapshot go on without
     * holding the refresh (fix-tags, next, counts the snapshot being taken as the newest).
     */
    static Observation deleteAfterSwap(StepInput in, OldCopies oldCopies, String target, Observation renamed) {
        RefreshPlan plan = in.plan();
        if (renamed.progress() != Progress.DONE || plan.delete() == null || !plan.delete().deleteAfterSwap()) {
            return renamed;
        }
        return oldCopies.removeAfterSwap(target, execution(in), Instant.now())
                .map(m -> Observation.done(renamed.message() + "; " + m))
                .orElse(renamed);
    }
}
