package io.dbrefresh.steps;

import java.time.Instant;
import java.util.List;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.InstanceDeletion;
import io.dbrefresh.rds.InstanceRename;
import io.dbrefresh.rds.InstanceRestore;
import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.ReadReplicas;
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

    InstanceSteps(StepEnvironment env, RdsInstances instances) {
        this.env = env;
        this.restore = new InstanceRestore(instances, new Snapshots(instances));
        this.replicas = new ReadReplicas(instances);
        this.deletion = new InstanceDeletion(instances);
        this.rename = new InstanceRename(instances);
        this.tags = new TargetTags(instances);
        this.oldCopies = new OldCopies(instances);
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
        if (spec != null && spec.keepsOld()) {
            return keepOldDatabase(input, target, replacement, spec);
        }
        InstanceDeletion.Deletion deleted = deletion.delete(target, replacement, spec == null || spec.finalSnapshot(),
                spec != null && spec.liftDeletionProtection(), StepInputs.execution(input), env.clock().instant());
        return started(input, StepId.DELETE_OLD_DATABASE, deleted.found(), target, deleted.message(), deleted.deletedHere())
                .withSnapshot(deleted.snapshot());
    }

    /**
     * With a grace period the old target is renamed out of the way instead of deleted; the
     * copies of it kept by earlier refreshes whose grace period ended are removed first.
     */
    private StepResult keepOldDatabase(StepInput input, String target, String replacement, DeleteSpec spec) {
        Instant now = env.clock().instant();
        List<String> removed = oldCopies.removeExpired(target, now);
        OldCopies.Kept kept = oldCopies.keepAway(target, replacement, spec.grace(), spec.finalSnapshot(),
                StepInputs.execution(input), now);
        String message = removed.isEmpty() ? kept.message() : kept.message() + "; " + String.join("; ", removed);
        return started(input, StepId.DELETE_OLD_DATABASE, kept.found(), target, message, kept.keptHere());
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
        return started(input, StepId.FIX_TAGS, true, target, fix.message(), true).withTags(fix.desired());
    }

    @Override
    public StepResult createReadReplicas(StepInput input) {
        RefreshPlan plan = input.plan();
        String target = StepInputs.target(plan);
        ReadReplicas.Creation creation = replicas.create(target, StepInputs.replicasToCreate(input), plan.replicas(),
                StepInputs.execution(input));
        boolean any = !creation.replicas().isEmpty();
        return started(input, StepId.CREATE_READ_REPLICAS, any, target, creation.message(), creation.created() > 0)
                .withReplicas(creation.replicas().stream().map(ReplicaDescription::toReplica).toList());
    }

    private StepResult started(StepInput input, StepId step, boolean pending, String resource, String message, boolean acted) {
        return StepInputs.started(env, input, step, pending, resource, message, acted);
    }
}
