package io.dbrefresh.rds;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.execution.DeletionProtectedException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.refreshfile.SnapshotRetention;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

/**
 * Deletes the old target once its replacement is restored. By default RDS takes a final
 * snapshot, named {@code <target>-final-<yyyyMMddHHmmss>}: until it is available the old data
 * exists nowhere else, so the check waits for it. The name and the execution are tagged on the
 * instance before the delete, so a retried start reports the deletion it began, with the same
 * snapshot name.
 */
public final class InstanceDeletion {

    private final RdsInstances instances;

    public InstanceDeletion(RdsInstances instances) {
        this.instances = instances;
    }

    /**
     * @param snapshot    the final snapshot being taken, or null (skipped, or nothing deleted)
     * @param deletedHere true when this execution deletes the instance (in this call or an earlier start)
     */
    public record Deletion(boolean found, String snapshot, boolean deletedHere, String message) {
    }

    /**
     * Deletes {@code id}, but only once {@code replacement} (the restored copy) is available: the
     * old data must exist somewhere until its replacement does.
     */
    public Deletion delete(String id, String replacement, boolean finalSnapshot, boolean liftDeletionProtection,
                           String execution, Instant now) {
        return delete(id, replacement, finalSnapshot, liftDeletionProtection, null, execution, now);
    }

    /**
     * As {@link #delete(String, String, boolean, boolean, String, Instant)}; the final snapshot is
     * born with the marks of snapshot housekeeping ({@link SnapshotHousekeeping#finalSnapshotMarks}),
     * which RDS copies from the instance, and {@code retention} recorded beside them.
     */
    public Deletion delete(String id, String replacement, boolean finalSnapshot, boolean liftDeletionProtection,
                           SnapshotRetention retention, String execution, Instant now) {
        Optional<DBInstance> found = instances.find(id);
        if (found.isEmpty()) {
            return new Deletion(false, null, false, "DB instance " + id + " is absent: nothing to delete");
        }
        DBInstance instance = found.get();
        Map<String, String> tags = instances.tags(instance.dbInstanceArn());
        if (InstanceStatus.GOING_AWAY.contains(instance.dbInstanceStatus())) {
            boolean ours = execution.equals(tags.get(RefreshTags.DELETED_BY));
            String snapshot = ours ? tags.get(RefreshTags.FINAL_SNAPSHOT) : null;
            return new Deletion(true, snapshot, ours, "DB instance " + id + " is already being deleted"
                    + (ours ? " by this execution" + (snapshot == null ? "" : ", final snapshot " + snapshot) : ""));
        }
        requireAvailable(instances, replacement, id);
        boolean lift = Boolean.TRUE.equals(instance.deletionProtection());
        if (lift && !liftDeletionProtection) {
            throw new DeletionProtectedException("DB instance " + id + " has deletion protection on; turn it off,"
                    + " or allow the refresh to lift it (delete.liftdeletionprotection)");
        }
        String snapshot = finalSnapshot ? Snapshots.finalSnapshotName(id, now) : null;
        // the final snapshot takes its tags from the instance only when it copies them: it is deleted next, so nothing else sees it
        boolean copyTags = snapshot != null && !Boolean.TRUE.equals(instance.copyTagsToSnapshot());
        if (lift || copyTags) {
            instances.client().modifyDBInstance(ModifyDbInstanceRequest.builder().dbInstanceIdentifier(id)
                    .deletionProtection(lift ? false : null).copyTagsToSnapshot(copyTags ? true : null).applyImmediately(true).build());
        }
        Map<String, String> marks = new LinkedHashMap<>();
        marks.put(RefreshTags.DELETED_BY, execution);
        if (snapshot != null) {
            marks.put(RefreshTags.FINAL_SNAPSHOT, snapshot);
            marks.putAll(SnapshotHousekeeping.finalSnapshotMarks(id, retention));
        }
        instances.addTags(instance.dbInstanceArn(), marks);
        // gone or going since it was found: the check that follows still waits for the final snapshot, and fails without it
        IdempotentDelete.instance(instances.client(), DeleteDbInstanceRequest.builder()
                .dbInstanceIdentifier(id)
                .skipFinalSnapshot(!finalSnapshot)
                .finalDBSnapshotIdentifier(snapshot)
                .build());
        tagSnapshot(snapshot, execution);
        return new Deletion(true, snapshot, true, snapshot == null
                ? "deleting DB instance " + id + " without a final snapshot, as the refresh file asks"
                : "deleting DB instance " + id + " with final snapshot " + snapshot);
    }

    /**
     * Done when the instance is gone and, if a final snapshot was asked for, that snapshot is
     * {@code available}: only then does the old data safely exist without the instance.
     * Read-only: the check step that calls it may only describe, so it tags nothing.
     */
    public Observation progress(String id, String snapshot) {
        Optional<DBInstance> instance = instances.find(id);
        if (instance.isPresent()) {
            return Observation.inProgress("DB instance " + id + " is " + instance.get().dbInstanceStatus());
        }
        if (snapshot == null) {
            return Observation.done("DB instance " + id + " is deleted");
        }
        Optional<DBSnapshot> found = instances.findSnapshot(snapshot);
        if (found.isEmpty()) {
            return Observation.failed("DB instance " + id + " is deleted but its final snapshot " + snapshot + " is not found");
        }
        String status = found.get().status();
        if (Snapshots.AVAILABLE.equals(status)) {
            return Observation.done("DB instance " + id + " is deleted; final snapshot " + snapshot + " is available");
        }
        if ("creating".equals(status) || "pending".equals(status)) {
            return Observation.inProgress("final snapshot " + snapshot + " of " + id + " is " + status);
        }
        return Observation.failed("final snapshot " + snapshot + " of " + id + " is " + status);
    }

    /** Throws unless {@code replacement} (the restored copy) is available: {@code id} must not leave before. */
    static void requireAvailable(RdsInstances instances, String replacement, String id) {
        InstanceStatus.requireReplacementAvailable("DB instance", replacement,
                r -> instances.find(r).map(DBInstance::dbInstanceStatus), id + " is not deleted");
    }

    /**
     * Tags the final snapshot with the execution when it is already visible (RDS creates it while
     * the instance is deleting, so it may not be there yet right after the delete call; it then
     * stays untagged: the check that follows is read-only, see docs/deploy.md).
     */
    private void tagSnapshot(String snapshot, String execution) {
        if (snapshot != null) {
            instances.findSnapshot(snapshot).ifPresent(s -> tagSnapshot(s, execution));
        }
    }

    private void tagSnapshot(DBSnapshot snapshot, String execution) {
        boolean tagged = snapshot.hasTagList() && snapshot.tagList().stream()
                .anyMatch(t -> RefreshTags.EXECUTION.equals(t.key()) && execution.equals(t.value()));
        if (!tagged && snapshot.dbSnapshotArn() != null) {
            instances.addTags(snapshot.dbSnapshotArn(), Map.of(RefreshTags.EXECUTION, execution));
        }
    }
}
