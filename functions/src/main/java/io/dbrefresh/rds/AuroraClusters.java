package io.dbrefresh.rds;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.execution.DatabaseNotFoundException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;

/**
 * Looks up Aurora DB clusters, their member instances and their cluster snapshots; absence is
 * an answer, not an error. Instance lookups and tags go through {@link RdsInstances}.
 */
public final class AuroraClusters {

    private final RdsInstances instances;

    public AuroraClusters(RdsInstances instances) {
        this.instances = instances;
    }

    /** The region its client works in: a cross-account restore's shared copy is there. */
    public String region() {
        return client().serviceClientConfiguration().region().id();
    }

    RdsClient client() {
        return instances.client();
    }

    RdsInstances instances() {
        return instances;
    }

    /** The cluster, or empty; a missing identifier finds nothing (without one, every cluster would be listed). */
    public Optional<DBCluster> find(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return client().describeDBClusters(DescribeDbClustersRequest.builder().dbClusterIdentifier(id).build()).dbClusters().stream().findFirst();
        } catch (DbClusterNotFoundException e) {
            return Optional.empty();
        }
    }

    public DBCluster require(String id, String role) {
        return find(id).orElseThrow(() -> new DatabaseNotFoundException(role + " DB cluster " + id + " not found"));
    }

    /** The cluster's instances, writer first. */
    public List<DBClusterMember> members(DBCluster cluster) {
        if (!cluster.hasDbClusterMembers()) {
            return List.of();
        }
        return cluster.dbClusterMembers().stream()
                .sorted(Comparator.comparing((DBClusterMember m) -> !Boolean.TRUE.equals(m.isClusterWriter())))
                .toList();
    }

    /** The reader instances of the cluster (every member but the writer). */
    public List<String> readers(DBCluster cluster) {
        return members(cluster).stream().filter(m -> !Boolean.TRUE.equals(m.isClusterWriter()))
                .map(DBClusterMember::dbInstanceIdentifier).toList();
    }

    public Map<String, String> tags(DBCluster cluster) {
        return instances.tags(cluster.dbClusterArn());
    }

    public boolean taggedWith(DBCluster cluster, String execution) {
        return RefreshTags.createdBy(tags(cluster), execution);
    }

    /** A cluster snapshot by name or ARN, or empty. */
    public Optional<DBClusterSnapshot> findSnapshot(String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        try {
            return client().describeDBClusterSnapshots(DescribeDbClusterSnapshotsRequest.builder().dbClusterSnapshotIdentifier(ref).build()).dbClusterSnapshots().stream().findFirst();
        } catch (DbClusterSnapshotNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The newest available snapshot of the source cluster by creation time, never by list
     * position: DescribeDBClusterSnapshots promises no order.
     */
    public DBClusterSnapshot newestSnapshotOf(String source) {
        return client().describeDBClusterSnapshots(DescribeDbClusterSnapshotsRequest.builder().dbClusterIdentifier(source).build())
                .dbClusterSnapshots().stream()
                .filter(s -> Snapshots.AVAILABLE.equals(s.status()) && s.snapshotCreateTime() != null)
                .max(Comparator.comparing(DBClusterSnapshot::snapshotCreateTime))
                .orElseThrow(() -> new DatabaseNotFoundException("no available DB cluster snapshot of " + source));
    }
}
