package io.dbrefresh.rds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.refreshfile.Replica;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsRequest;

/**
 * Puts a failed Aurora refresh back into a safe state. Nothing is restarted (stop-old-database
 * does not stop clusters); the temp cluster and its instances are deleted when this execution
 * created them and the old data still exists elsewhere: the old cluster, or its final snapshot.
 * Safe to run twice.
 */
public final class ClusterSafeState {

    private final AuroraClusters clusters;

    public ClusterSafeState(AuroraClusters clusters) {
        this.clusters = clusters;
    }

    public List<String> restore(String target, String temp, String execution, String finalSnapshot) {
        List<String> actions = new ArrayList<>();
        Optional<DBCluster> old = clusters.find(target);
        boolean oldIsOurs = old.map(c -> clusters.taggedWith(c, execution)).orElse(false);
        Optional<DBCluster> tempCluster = clusters.find(temp);
        if (tempCluster.isEmpty() || !clusters.taggedWith(tempCluster.get(), execution)) {
            return actions;
        }
        // an old cluster being deleted holds the data only until its deletion ends
        boolean oldStays = old.isPresent() && !oldIsOurs && !InstanceStatus.GOING_AWAY.contains(old.get().status());
        if (!oldStays && finalSnapshot == null) {
            actions.add("kept the temp cluster " + temp + ": the old cluster is gone or being deleted and has no final snapshot,"
                    + " it holds the only copy");
            return actions;
        }
        if (InstanceStatus.GOING_AWAY.contains(tempCluster.get().status())) {
            // an earlier run of recovery deleted it already
            return actions;
        }
        for (String member : clusters.members(tempCluster.get()).stream().map(m -> m.dbInstanceIdentifier()).toList()) {
            Optional<DBInstance> instance = clusters.instances().find(member);
            if (instance.isPresent() && !InstanceStatus.GOING_AWAY.contains(instance.get().dbInstanceStatus())) {
                IdempotentDelete.instance(clusters.client(), DeleteDbInstanceRequest.builder().dbInstanceIdentifier(member).build());
                actions.add("deleted instance " + member + " of the temp cluster " + temp);
            }
        }
        // AWS refuses to delete a cluster only while it has instances that are not being deleted; their
        // deletion takes minutes, and the cluster lists them until it ends: waiting for an empty cluster
        // would leave it behind
        Optional<DBCluster> now = clusters.find(temp);
        if (now.isEmpty()) {
            return actions;
        }
        List<String> staying = clusters.members(now.get()).stream().map(m -> m.dbInstanceIdentifier())
                .filter(m -> clusters.instances().find(m).filter(i -> !InstanceStatus.GOING_AWAY.contains(i.dbInstanceStatus())).isPresent())
                .toList();
        if (!staying.isEmpty()) {
            actions.add("the temp cluster " + temp + " still has instances " + String.join(", ", staying) + ": delete it once they are gone");
        } else {
            // the copy inherits the old cluster's deletion protection; it is this run's own copy to remove
            if (Boolean.TRUE.equals(now.get().deletionProtection())) {
                clusters.client().modifyDBCluster(ModifyDbClusterRequest.builder().dbClusterIdentifier(temp).deletionProtection(false)
                        .applyImmediately(true).build());
            }
            IdempotentDelete.cluster(clusters.client(), DeleteDbClusterRequest.builder().dbClusterIdentifier(temp).skipFinalSnapshot(true).build());
            actions.add("deleted the temp cluster " + temp + " this run created");
        }
        return actions;
    }

    /**
     * Gives the old cluster an instance again when this execution deleted its instances
     * (delete-old-database, {@code removed}: what it deleted, with the classes) and the cluster
     * itself is still there, not being deleted: its data is intact but nothing could reach it.
     * The first instance removed comes back with its name and class (the first instance of a
     * cluster is its writer); readers are not recreated. Nothing is done when an instance of
     * the cluster is still there, or when the one to recreate is still being deleted (then the
     * action says so). Safe to run twice: the second run finds the instance being created.
     */
    public List<String> writerBack(String target, String execution, List<Replica> removed) {
        List<String> actions = new ArrayList<>();
        Optional<DBCluster> old = clusters.find(target);
        if (old.isEmpty() || clusters.taggedWith(old.get(), execution) || InstanceStatus.GOING_AWAY.contains(old.get().status())) {
            return actions;
        }
        boolean reachable = clusters.members(old.get()).stream()
                .map(m -> clusters.instances().find(m.dbInstanceIdentifier()))
                .anyMatch(i -> i.filter(x -> !InstanceStatus.GOING_AWAY.contains(x.dbInstanceStatus())).isPresent());
        if (reachable) {
            return actions;
        }
        if (removed == null || removed.isEmpty()) {
            actions.add("the old cluster " + target + " has its data but no instance: create one in it to reach the data");
            return actions;
        }
        Replica writer = removed.get(0);
        Optional<DBInstance> existing = clusters.instances().find(writer.name());
        if (existing.isPresent()) {
            if (InstanceStatus.GOING_AWAY.contains(existing.get().dbInstanceStatus())) {
                actions.add("the old cluster " + target + " has no instance left: " + writer.name() + " is still being deleted;"
                        + " once it is gone, create an instance in " + target + " to reach its data");
            }
            return actions;
        }
        clusters.client().createDBInstance(CreateDbInstanceRequest.builder()
                .dbInstanceIdentifier(writer.name())
                .dbClusterIdentifier(target)
                .engine(old.get().engine())
                .dbInstanceClass(writer.dbClass())
                .tags(RefreshTags.toSdk(RefreshTags.managed(Map.of(RefreshTags.RECREATED_BY, execution))))
                .build());
        actions.add("creating instance " + writer.name() + " (" + writer.dbClass() + ") in the old cluster " + target
                + " again: this run deleted its instances, the cluster kept its data");
        return actions;
    }

    /**
     * The final cluster snapshot this execution's delete-old-cluster took, for when its result
     * was lost after the call went through: the mark on the old cluster while it is being
     * deleted, or, once it is gone, a manual snapshot of it named as final snapshots are and
     * created since the execution started. Null when there is none.
     */
    public String finalSnapshotTaken(String target, String execution, Instant since) {
        Optional<DBCluster> old = clusters.find(target);
        if (old.isPresent()) {
            Map<String, String> tags = clusters.tags(old.get());
            boolean beingDeletedByUs = InstanceStatus.GOING_AWAY.contains(old.get().status())
                    && execution.equals(tags.get(RefreshTags.DELETED_BY));
            return beingDeletedByUs ? tags.get(RefreshTags.FINAL_SNAPSHOT) : null;
        }
        if (since == null) {
            return null;
        }
        try {
            return clusters.client().describeDBClusterSnapshots(DescribeDbClusterSnapshotsRequest.builder()
                            .dbClusterIdentifier(target).snapshotType("manual").build()).dbClusterSnapshots().stream()
                    .filter(s -> s.dbClusterSnapshotIdentifier().contains("-final-") && s.snapshotCreateTime() != null
                            && !s.snapshotCreateTime().isBefore(since))
                    .max(Comparator.comparing(DBClusterSnapshot::snapshotCreateTime))
                    .map(DBClusterSnapshot::dbClusterSnapshotIdentifier).orElse(null);
        } catch (DbClusterSnapshotNotFoundException e) {
            return null;
        }
    }

    /** Where the old cluster's data is now, in words. */
    public String oldDataAt(String target, String execution, String finalSnapshot) {
        Optional<DBCluster> old = clusters.find(target);
        if (old.isPresent() && !clusters.taggedWith(old.get(), execution)) {
            return "cluster " + target + " (" + old.get().status() + ")";
        }
        if (finalSnapshot != null) {
            return "final cluster snapshot " + finalSnapshot;
        }
        return old.isPresent() ? "cluster " + target + " (refreshed by this run)" : "nowhere: the old cluster did not exist";
    }
}
