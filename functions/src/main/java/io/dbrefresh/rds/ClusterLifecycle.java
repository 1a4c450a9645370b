package io.dbrefresh.rds;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.execution.DatabaseNotFoundException;
import io.dbrefresh.execution.DeletionProtectedException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.refreshfile.SnapshotRetention;
import io.dbrefresh.execution.UnsafeTargetException;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterRequest;

/**
 * Deletes the old Aurora cluster (with a final cluster snapshot by default, deletion protection
 * respected) and renames the restored temp cluster into its place. The cluster's instances are
 * handled by {@link ClusterInstances}: they are renamed separately, Aurora does not.
 */
public final class ClusterLifecycle {

    private final AuroraClusters clusters;

    public ClusterLifecycle(AuroraClusters clusters) {
        this.clusters = clusters;
    }

    /**
     * Deletes {@code id} once {@code replacement} (the restored cluster) is available.
     *
     * @return the deletion, with the final snapshot's name when one is taken
     */
    public InstanceDeletion.Deletion delete(String id, String replacement, boolean finalSnapshot, boolean liftDeletionProtection,
                                            String execution, Instant now) {
        return delete(id, replacement, finalSnapshot, liftDeletionProtection, null, execution, now);
    }

    /** As above; the final cluster snapshot is born with the marks of snapshot housekeeping, copied from the cluster. */
    public InstanceDeletion.Deletion delete(String id, String replacement, boolean finalSnapshot, boolean liftDeletionProtection,
                                            SnapshotRetention retention, String execution, Instant now) {
        Optional<DBCluster> found = clusters.find(id);
        if (found.isEmpty()) {
            return new InstanceDeletion.Deletion(false, null, false, "DB cluster " + id + " is absent: nothing to delete");
        }
        DBCluster cluster = found.get();
        Map<String, String> tags = clusters.tags(cluster);
        if (InstanceStatus.GOING_AWAY.contains(cluster.status())) {
            boolean ours = execution.equals(tags.get(RefreshTags.DELETED_BY));
            String snapshot = ours ? tags.get(RefreshTags.FINAL_SNAPSHOT) : null;
            return new InstanceDeletion.Deletion(true, snapshot, ours, "DB cluster " + id + " is already being deleted"
                    + (ours ? " by this execution" : ""));
        }
        InstanceStatus.requireReplacementAvailable("DB cluster", replacement, r -> clusters.find(r).map(DBCluster::status),
                id + " is not deleted");
        boolean lift = Boolean.TRUE.equals(cluster.deletionProtection());
        if (lift && !liftDeletionProtection) {
            throw new DeletionProtectedException("DB cluster " + id + " has deletion protection on; turn it off,"
                    + " or allow the refresh to lift it (delete.liftdeletionprotection)");
        }
        String snapshot = finalSnapshot ? Snapshots.finalSnapshotName(id, now) : null;
        // the final snapshot takes its tags from the cluster only when it copies them: it is deleted next, so nothing else sees it
        boolean copyTags = snapshot != null && !Boolean.TRUE.equals(cluster.copyTagsToSnapshot());
        if (lift || copyTags) {
            clusters.client().modifyDBCluster(ModifyDbClusterRequest.builder().dbClusterIdentifier(id)
                    .deletionProtection(lift ? false : null).copyTagsToSnapshot(copyTags ? true : null).applyImmediately(true).build());
        }
        Map<String, String> marks = new LinkedHashMap<>();
        marks.put(RefreshTags.DELETED_BY, execution);
        if (snapshot != null) {
            marks.put(RefreshTags.FINAL_SNAPSHOT, snapshot);
            marks.putAll(SnapshotHousekeeping.finalSnapshotMarks(id, retention));
        }
        clusters.instances().addTags(cluster.dbClusterArn(), marks);
        // gone or going since it was found: the check that follows still waits for the final snapshot, and fails without it
        IdempotentDelete.cluster(clusters.client(), DeleteDbClusterRequest.builder()
                .dbClusterIdentifier(id)
                .skipFinalSnapshot(!finalSnapshot)
                .finalDBSnapshotIdentifier(snapshot)
                .build());
        return new InstanceDeletion.Deletion(true, snapshot, true, snapshot == null
                ? "deleting DB cluster " + id + " without a final snapshot, as the refresh file asks"
                : "deleting DB cluster " + id + " with final snapshot " + snapshot);
    }

    /** Done when the cluster is gone and its final snapshot, if one was asked for, is available. */
    public Observation deletionProgress(String id, String snapshot) {
        Optional<DBCluster> cluster = clusters.find(id);
        if (cluster.isPresent()) {
            return Observation.inProgress("DB cluster " + id + " is " + cluster.get().status());
        }
        if (snapshot == null) {
            return Observation.done("DB cluster " + id + " is deleted");
        }
        Optional<DBClusterSnapshot> found = clusters.findSnapshot(snapshot);
        if (found.isEmpty()) {
            return Observation.failed("DB cluster " + id + " is deleted but its final snapshot " + snapshot + " is not found");
        }
        String status = found.get().status();
        if (Snapshots.AVAILABLE.equals(status)) {
            return Observation.done("DB cluster " + id + " is deleted; final snapshot " + snapshot + " is available");
        }
        if ("creating".equals(status) || "pending".equals(status)) {
            return Observation.inProgress("final snapshot " + snapshot + " of cluster " + id + " is " + status);
        }
        return Observation.failed("final snapshot " + snapshot + " of cluster " + id + " is " + status);
    }

    /** Renames the restored cluster this execution created to the target's name, which must be free. */
    public String rename(String temp, String target, String execution) {
        Optional<DBCluster> existing = clusters.find(target);
        Optional<DBCluster> tempCluster = clusters.find(temp);
        if (existing.isPresent()) {
            if (tempCluster.isEmpty() && clusters.taggedWith(existing.get(), execution)) {
                return "DB cluster " + temp + " already renamed to " + target + " by this execution";
            }
            throw new UnsafeTargetException("cannot rename cluster " + temp + " to " + target + ": a DB cluster named " + target
                    + " still exists (" + existing.get().status() + "); the old cluster must be deleted first");
        }
        DBCluster cluster = tempCluster.orElseThrow(() -> new DatabaseNotFoundException(
                "restored DB cluster " + temp + " not found: nothing to rename to " + target));
        if (!clusters.taggedWith(cluster, execution)) {
            throw new UnsafeTargetException("DB cluster " + temp + " was not restored by this execution; it is not renamed to " + target);
        }
        clusters.client().modifyDBCluster(ModifyDbClusterRequest.builder()
                .dbClusterIdentifier(temp).newDBClusterIdentifier(target).applyImmediately(true).build());
        return "renaming DB cluster " + temp + " to " + target;
    }

    /** Done when {@code target} is available and is the cluster this execution restored. */
    public Observation renameProgress(String temp, String target, String execution) {
        Optional<DBCluster> renamed = clusters.find(target);
        if (renamed.isEmpty()) {
            return clusters.find(temp).isPresent()
                    ? Observation.inProgress("DB cluster " + temp + " is not renamed to " + target + " yet")
                    : Observation.failed("neither cluster " + temp + " nor " + target + " exists");
        }
        String status = renamed.get().status();
        return switch (InstanceStatus.classify(status)) {
            case FAILED -> Observation.failed("renamed DB cluster " + target + " is " + status);
            case IN_PROGRESS -> Observation.inProgress("renamed DB cluster " + target + " is " + status);
            case DONE -> clusters.taggedWith(renamed.get(), execution)
                    ? Observation.done("DB cluster " + target + " is available")
                    : Observation.failed("DB cluster " + target + " is available but is not the cluster this execution restored");
        };
    }

    /**
     * Gives the refreshed cluster and each of its instances the desired tags (see
     * {@link TargetTags#desired}); returns how many tags were set or removed.
     */
    public TargetTags.Fix fixTags(String clusterId, Map<String, String> desired) {
        DBCluster cluster = clusters.require(clusterId, "refreshed");
        int set = 0;
        int removed = 0;
        for (String arn : arns(cluster)) {
            Map<String, String> current = clusters.instances().tags(arn);
            List<String> extra = current.keySet().stream()
                    .filter(k -> !desired.containsKey(k) && !k.startsWith(RefreshTags.AWS_PREFIX)).toList();
            Map<String, String> added = new LinkedHashMap<>();
            desired.forEach((k, v) -> {
                if (!v.equals(current.get(k))) {
                    added.put(k, v);
                }
            });
            clusters.instances().removeTags(arn, extra);
            clusters.instances().addTags(arn, added);
            set += added.size();
            removed += extra.size();
        }
        return new TargetTags.Fix(desired, Map.of(), List.of(), "tags of cluster " + clusterId + " and its instances: "
                + set + " set, " + removed + " removed");
    }

    /** Done when the cluster and every instance carry exactly {@code desired}. */
    public Observation tagsProgress(String clusterId, Map<String, String> desired) {
        DBCluster cluster = clusters.require(clusterId, "refreshed");
        for (String arn : arns(cluster)) {
            Map<String, String> current = new LinkedHashMap<>(clusters.instances().tags(arn));
            current.keySet().removeIf(k -> k.startsWith(RefreshTags.AWS_PREFIX));
            if (!current.equals(desired)) {
                return Observation.inProgress("tags of " + arn + " not yet as expected");
            }
        }
        return Observation.done("DB cluster " + clusterId + " and its instances carry their " + desired.size() + " tags");
    }

    private List<String> arns(DBCluster cluster) {
        List<String> arns = new java.util.ArrayList<>();
        arns.add(cluster.dbClusterArn());
        clusters.members(cluster).forEach(m -> clusters.instances().find(m.dbInstanceIdentifier())
                .ifPresent(i -> arns.add(i.dbInstanceArn())));
        return arns;
    }
}
