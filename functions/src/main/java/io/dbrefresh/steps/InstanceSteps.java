package io.dbrefresh.steps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.CopyDetails;
import io.dbrefresh.rds.InstanceDeletion;
import io.dbrefresh.rds.InstanceRename;
import io.dbrefresh.rds.InstanceRestore;
import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.ReadReplicas;
import io.dbrefresh.rds.SafeState;
import io.dbrefresh.rds.SnapshotHousekeeping;
import io.dbrefresh.rds.Snapshots;
import io.dbrefresh.rds.TargetTags;
import io.dbrefresh.refreshfile.DeleteSpec;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.ReplicaDescription;
import io.dbrefresh.refreshfile.StepId;

/**
 * The start of each shared step of an RDS instance refresh. Names come from the plan:
 * {@code instance()} (or {@code target()}) is the target, {@code restore().temp()} the copy;
 * none may be the source.
 */
final class InstanceSteps implements DatabaseSteps {

    private final StepEnvironment env;
    private final InstanceRestore restore;
    private final ReadReplicas replicas;
    private final InstanceDeletion deletion;
    private final InstanceRename rename;
    private final TargetTags tags;
    private final OldCopies oldCopies;
    private final SnapshotHousekeeping snapshots;
    private final RdsInstances instances;
    private final SafeState safeState;
    private final Map<StepId, StepCheck> checks;

    InstanceSteps(StepEnvironment env, RdsInstances instances) {
        this(env, instances, SafeState.over(instances));
    }

    InstanceSteps(StepEnvironment env, RdsInstances instances, SafeState safeState) {
        this.env = env;
        this.instances = instances;
        this.safeState = safeState;
        this.checks = RdsChecks.over(instances);
        this.restore = new InstanceRestore(instances, new Snapshots(instances));
        this.replicas = new ReadReplicas(instances);
        this.deletion = new InstanceDeletion(instances);
        this.rename = new InstanceRename(instances);
        this.tags = new TargetTags(instances);
        this.oldCopies = new OldCopies(instances);
        this.snapshots = new SnapshotHousekeeping(instances);
    }

    @Override
    public StepResult deleteReplicas(StepInput input) {
        RefreshPlan plan = input.plan();
        String target = StepInputs.target(plan);
        ReadReplicas.Removal removal = replicas.deleteAll(target, plan.delete() != null && plan.delete().liftDeletionProtection());
        return StepInputs.replicasRemoved(env, input, target, removal);
    }

    @Override
    public StepResult performRestore(StepInput input) {
        InstanceRestore.Started started = restore.start(StepInputs.restoreToRun(input, () -> env.aws().region().id()),
                StepInputs.execution(input));
        return StepInputs.restoreStarted(env, input, started);
    }

    @Override
    public StepResult deleteOldDatabase(StepInput input) {
        RefreshPlan plan = input.plan();
        String target = StepInputs.target(plan);
        DeleteSpec spec = plan.delete();
        String replacement = plan.restore() == null ? null : StepInputs.restore(plan).temp();
        if (spec != null && spec.renamesAway()) {
            return keepOldDatabase(input, target, replacement, spec);
        }
        InstanceDeletion.Deletion deleted = deletion.delete(target, replacement, spec == null || spec.finalSnapshot(),
                spec != null && spec.liftDeletionProtection(), spec == null ? null : spec.snapshotRetention(),
                StepInputs.execution(input), env.clock().instant());
        return started(input, StepId.DELETE_OLD_DATABASE, deleted.found(), target, deleted.message(), deleted.deletedHere())
                .withSnapshot(deleted.snapshot());
    }

    /**
     * The old target is renamed out of the way instead of deleted in place: for its grace period,
     * or until the copy holds the name (rename-database's check then deletes it, with the final
     * snapshot this result names). The copies of it kept by earlier refreshes whose time ended
     * are removed first.
     */
    private StepResult keepOldDatabase(StepInput input, String target, String replacement, DeleteSpec spec) {
        Instant now = env.clock().instant();
        List<String> removed = oldCopies.removeExpired(target, now);
        OldCopies.Kept kept = oldCopies.keepAway(target, replacement, spec, StepInputs.execution(input), now);
        String message = removed.isEmpty() ? kept.message() : kept.message() + "; " + String.join("; ", removed);
        return started(input, StepId.DELETE_OLD_DATABASE, kept.found(), target, message, kept.keptHere())
                .withSnapshot(spec.deleteAfterSwap() ? kept.snapshot() : null);
    }

    @Override
    public StepResult renameDatabase(StepInput input) {
        RefreshPlan plan = input.plan();
        String target = StepInputs.target(plan);
        InstanceRename.Rename renamed = rename.rename(StepInputs.restore(plan).temp(), target, StepInputs.execution(input));
        return started(input, StepId.RENAME_DATABASE, true, target, renamed.message(), true);
    }

    @Override
    public StepResult fixTags(StepInput input) {
        RefreshPlan plan = input.plan();
        String target = StepInputs.target(plan);
        StepResult restored = StepInputs.restoreResult(input);
        Instant now = env.clock().instant();
        TargetTags.Fix fix = tags.apply(target, restored.tags(), new TargetTags.Markers(StepInputs.execution(input), now,
                plan.source(), plan.restore().restoreType().json(), restored.alignedTo(), restored.snapshot()));
        List<String> pruned = StepInputs.pruneSnapshots(snapshots, input, target, StepId.DELETE_OLD_DATABASE, now);
        String message = pruned.isEmpty() ? fix.message() : fix.message() + "; " + String.join("; ", pruned);
        return started(input, StepId.FIX_TAGS, true, target, message, true).withTags(fix.desired());
    }

    @Override
    public StepResult createReadReplicas(StepInput input) {
        RefreshPlan plan = input.plan();
        String target = StepInputs.target(plan);
        ReadReplicas.Creation creation = replicas.create(target, StepInputs.replicasToCreate(input), plan.replicas(),
                StepInputs.execution(input));
        return StepInputs.replicasCreated(env, input, target, creation);
    }

    @Override
    public Map<StepId, StepCheck> checks() {
        return checks;
    }

    /**
     * Starts the old target this execution stopped, brings back one it renamed away for a grace
     * period, and removes the copy it restored while the old data still exists elsewhere.
     */
    @Override
    public Recovery recover(StepInput in) {
        RefreshPlan plan = in.plan();
        String execution = in.execution().shortName();
        StepResult stop = in.result(StepId.STOP_OLD_DATABASE);
        String finalSnapshot = StepInputs.finalSnapshot(in, StepId.DELETE_OLD_DATABASE, safeState::finalSnapshotTaken);
        // with a grace period the old target was renamed, not deleted: first back under its name
        boolean renamedAway = plan.delete() != null && plan.delete().renamesAway();
        SafeState.Kept kept = renamedAway ? safeState.bringBackKept(plan.target(), execution) : new SafeState.Kept(false, null, List.of());
        List<String> actions = new ArrayList<>(kept.actions());
        // the copy holds the name and the old target still waits to be deleted after the swap: as the file asks
        if (renamedAway && plan.delete().deleteAfterSwap() && kept.keptAs() != null) {
            oldCopies.tryRemoveAfterSwap(plan.target(), execution, env.clock().instant()).ifPresent(actions::add);
            kept = new SafeState.Kept(kept.found(), null, kept.actions());
        }
        actions.addAll(safeState.restore(plan.target(), plan.restore().temp(), execution,
                stop != null && Boolean.TRUE.equals(stop.acted()), finalSnapshot, plan.restore().keepTempOnFailure(), kept.found()));
        String oldData = kept.keptAs() != null ? "instance " + kept.keptAs() + " (the old target, kept)"
                : safeState.oldDataAt(plan.target(), execution, finalSnapshot);
        return new Recovery(actions, oldData);
    }

    @Override
    public Optional<CopyDetails> describe(String target) {
        return CopyDetails.ofInstance(instances, target);
    }

    private StepResult started(StepInput input, StepId step, boolean pending, String resource, String message, boolean acted) {
        return StepInputs.started(env, input, step, pending, resource, message, acted);
    }
}
