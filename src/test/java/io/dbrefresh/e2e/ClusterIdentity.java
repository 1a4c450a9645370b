package io.dbrefresh.e2e;

import java.util.List;

import io.dbrefresh.rds.AuroraClusters;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;

/**
 * How a test tells an Aurora cluster apart when runs rename clusters away and back: by its
 * volume, and by the instances in it.
 */
final class ClusterIdentity {

    private ClusterIdentity() {
    }

    /** The identity of a cluster's volume: what a rename keeps and a restore does not; null when no cluster has the name. */
    static String volume(RdsClient rds, String id) {
        try {
            DBCluster c = rds.describeDBClusters(b -> b.dbClusterIdentifier(id)).dbClusters().get(0);
            return c.dbClusterResourceId() + "@" + c.clusterCreateTime();
        } catch (DbClusterNotFoundException e) {
            return null;
        }
    }

    /** The instances in the cluster {@code id}, as the workflow sees them; none when no cluster has the name. */
    static List<String> members(AuroraClusters clusters, String id) {
        return clusters.find(id).map(c -> clusters.members(c).stream().map(DBClusterMember::dbInstanceIdentifier).toList())
                .orElse(List.of());
    }
}
