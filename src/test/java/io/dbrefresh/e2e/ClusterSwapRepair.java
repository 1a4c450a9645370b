package io.dbrefresh.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

/**
 * {@link ClusterRenameRepair} for runs that rename one cluster away and another into its name
 * (a grace period, a rollback), in the test only: moto's ModifyDBCluster with
 * NewDBClusterIdentifier leaves the instances at the old cluster id, so after such a swap the
 * cluster under the name would seem to own the old cluster's instances. This keeps each
 * instance's cluster as AWS would (instances follow their cluster through each rename, and
 * keep it through their own), and rewrites DescribeDBClusters and DescribeDBInstances answers
 * to match once a cluster was renamed: a cluster's members are the instances in it, its writer
 * the first one created in it.
 */
final class ClusterSwapRepair implements ExecutionInterceptor {

    /** Each instance created or moved while this watched, to the cluster it is in. */
    private final Map<String, String> clusterOf = new ConcurrentHashMap<>();
    /** The instances that were the first in their cluster when created. */
    private final Set<String> writers = ConcurrentHashMap.newKeySet();
    /** The instances created while this watched (the others keep moto's writer flag). */
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private volatile boolean renamed;
    private volatile RdsClient plain;

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof CreateDbInstanceRequest r && r.dbClusterIdentifier() != null) {
            boolean first = plain().describeDBInstances().dbInstances().stream()
                    .noneMatch(i -> !i.dbInstanceIdentifier().equals(r.dbInstanceIdentifier()) && r.dbClusterIdentifier().equals(clusterOf(i)));
            clusterOf.put(r.dbInstanceIdentifier(), r.dbClusterIdentifier());
            created.add(r.dbInstanceIdentifier());
            if (first) {
                writers.add(r.dbInstanceIdentifier());
            }
        } else if (context.request() instanceof ModifyDbClusterRequest r && r.newDBClusterIdentifier() != null
                && !r.newDBClusterIdentifier().equals(r.dbClusterIdentifier())) {
            for (DBInstance i : plain().describeDBInstances().dbInstances()) {
                if (r.dbClusterIdentifier().equals(clusterOf(i))) {
                    clusterOf.put(i.dbInstanceIdentifier(), r.newDBClusterIdentifier());
                }
            }
            renamed = true;
        } else if (context.request() instanceof ModifyDbInstanceRequest r && r.newDBInstanceIdentifier() != null) {
            String cluster = clusterOf.remove(r.dbInstanceIdentifier());
            if (cluster != null) {
                clusterOf.put(r.newDBInstanceIdentifier(), cluster);
            }
            if (writers.remove(r.dbInstanceIdentifier())) {
                writers.add(r.newDBInstanceIdentifier());
            }
            if (created.remove(r.dbInstanceIdentifier())) {
                created.add(r.newDBInstanceIdentifier());
            }
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (!renamed) {
            return context.response();
        }
        if (context.response() instanceof DescribeDbClustersResponse response) {
            List<DBInstance> all = plain().describeDBInstances().dbInstances();
            Set<String> motoWriters = new java.util.HashSet<>();
            plain().describeDBClusters().dbClusters().forEach(c -> c.dbClusterMembers().stream()
                    .filter(m -> Boolean.TRUE.equals(m.isClusterWriter())).forEach(m -> motoWriters.add(m.dbInstanceIdentifier())));
            return response.toBuilder().dbClusters(response.dbClusters().stream().map(c -> repaired(c, all, motoWriters)).toList()).build();
        }
        if (context.response() instanceof DescribeDbInstancesResponse response) {
            return response.toBuilder().dbInstances(response.dbInstances().stream()
                    .map(i -> i.dbClusterIdentifier() == null ? i : i.toBuilder().dbClusterIdentifier(clusterOf(i)).build()).toList()).build();
        }
        return context.response();
    }

    private DBCluster repaired(DBCluster cluster, List<DBInstance> all, Set<String> motoWriters) {
        List<DBClusterMember> members = new ArrayList<>();
        for (DBInstance i : all) {
            if (cluster.dbClusterIdentifier().equals(clusterOf(i))) {
                members.add(DBClusterMember.builder().dbInstanceIdentifier(i.dbInstanceIdentifier())
                        .isClusterWriter(created.contains(i.dbInstanceIdentifier()) ? writers.contains(i.dbInstanceIdentifier())
                                : motoWriters.contains(i.dbInstanceIdentifier())).build());
            }
        }
        return cluster.toBuilder().dbClusterMembers(members).build();
    }

    private String clusterOf(DBInstance i) {
        return clusterOf.getOrDefault(i.dbInstanceIdentifier(), i.dbClusterIdentifier());
    }

    /** A client without this interceptor, to read moto's own view. */
    private RdsClient plain() {
        if (plain == null) {
            plain = Emulators.clients().rds();
        }
        return plain;
    }
}
