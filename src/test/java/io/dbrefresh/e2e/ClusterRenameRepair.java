package io.dbrefresh.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterRequest;

/**
 * Makes the emulated world right around a moto bug, in the test only: moto's ModifyDBCluster
 * with NewDBClusterIdentifier renames the cluster but leaves its instances pointing at the old
 * cluster id, so the renamed cluster lists no members (on AWS the instances follow the
 * cluster), and an instance created in it afterwards is taken for its writer. This rewrites
 * DescribeDBClusters answers for a renamed cluster as AWS would give them: the instances
 * created before the rename (still under the old id in moto) are members, the writer among
 * them; instances created after it are readers.
 */
final class ClusterRenameRepair implements ExecutionInterceptor {

    /** New cluster id to the id it had before the rename. */
    private final Map<String, String> renamedFrom = new ConcurrentHashMap<>();
    private volatile RdsClient plain;

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof ModifyDbClusterRequest r && r.newDBClusterIdentifier() != null) {
            renamedFrom.put(r.newDBClusterIdentifier(), r.dbClusterIdentifier());
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (!(context.response() instanceof DescribeDbClustersResponse response) || renamedFrom.isEmpty()) {
            return context.response();
        }
        List<DBCluster> clusters = response.dbClusters().stream().map(this::repaired).toList();
        return response.toBuilder().dbClusters(clusters).build();
    }

    private DBCluster repaired(DBCluster cluster) {
        String old = renamedFrom.get(cluster.dbClusterIdentifier());
        if (old == null) {
            return cluster;
        }
        List<DBClusterMember> members = new ArrayList<>();
        for (DBInstance i : plain().describeDBInstances().dbInstances()) {
            if (old.equals(i.dbClusterIdentifier())) {
                members.add(DBClusterMember.builder().dbInstanceIdentifier(i.dbInstanceIdentifier()).isClusterWriter(true).build());
            } else if (cluster.dbClusterIdentifier().equals(i.dbClusterIdentifier())) {
                members.add(DBClusterMember.builder().dbInstanceIdentifier(i.dbInstanceIdentifier()).isClusterWriter(false).build());
            }
        }
        return cluster.toBuilder().dbClusterMembers(members).build();
    }

    /** A client without this interceptor, to read moto's own view. */
    private RdsClient plain() {
        if (plain == null) {
            plain = Emulators.clients().rds();
        }
        return plain;
    }
}
