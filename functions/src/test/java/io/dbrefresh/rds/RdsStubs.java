package io.dbrefresh.rds;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceResponse;

/**
 * A mocked {@link RdsClient} that answers like RDS for the instances and snapshots a test
 * declares: anything else is not found, and a resource without declared tags has none.
 */
public final class RdsStubs {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";

    private RdsStubs() {
    }

    public static RdsClient rds() {
        RdsClient rds = mock(RdsClient.class);
        doThrow(DbInstanceNotFoundException.builder().message("DBInstance not found").build())
                .when(rds).describeDBInstances(any(DescribeDbInstancesRequest.class));
        doThrow(DbSnapshotNotFoundException.builder().message("DBSnapshot not found").build())
                .when(rds).describeDBSnapshots(any(DescribeDbSnapshotsRequest.class));
        doReturn(ListTagsForResourceResponse.builder().tagList(List.of()).build())
                .when(rds).listTagsForResource(any(ListTagsForResourceRequest.class));
        return rds;
    }

    /** DescribeDBClusters finds no cluster but those {@link #clusterExists} declares. */
    public static void noClusters(RdsClient rds) {
        doThrow(DbClusterNotFoundException.builder().message("DBCluster not found").build())
                .when(rds).describeDBClusters(any(DescribeDbClustersRequest.class));
    }

    /** DescribeDBClusters on the cluster's id answers it. */
    public static void clusterExists(RdsClient rds, DBCluster cluster) {
        doReturn(DescribeDbClustersResponse.builder().dbClusters(cluster).build())
                .when(rds).describeDBClusters(argThat((DescribeDbClustersRequest r) -> r != null
                        && cluster.dbClusterIdentifier().equals(r.dbClusterIdentifier())));
    }

    public static String arn(String id) {
        return "arn:aws:rds:" + REGION + ":" + ACCOUNT + ":db:" + id;
    }

    public static String snapshotArn(String account, String name) {
        return "arn:aws:rds:" + REGION + ":" + account + ":snapshot:" + name;
    }

    public static DBInstance.Builder instance(String id, String status) {
        return DBInstance.builder().dbInstanceIdentifier(id).dbInstanceStatus(status).dbInstanceArn(arn(id));
    }

    /** DescribeDBInstances on the instance's id answers each state in turn, then the last one again. */
    public static void describes(RdsClient rds, DBInstance first, DBInstance... then) {
        DescribeDbInstancesResponse[] rest = Arrays.stream(then)
                .map(i -> DescribeDbInstancesResponse.builder().dbInstances(i).build())
                .toArray(DescribeDbInstancesResponse[]::new);
        doReturn(DescribeDbInstancesResponse.builder().dbInstances(first).build(), (Object[]) rest)
                .when(rds).describeDBInstances(argThat((DescribeDbInstancesRequest r) -> r != null
                        && first.dbInstanceIdentifier().equals(r.dbInstanceIdentifier())));
    }

    /** The instance is found first, then (after it is deleted or renamed) no more. */
    public static void describesThenGone(RdsClient rds, DBInstance instance) {
        doReturn(DescribeDbInstancesResponse.builder().dbInstances(instance).build())
                .doThrow(DbInstanceNotFoundException.builder().message("DBInstance not found").build())
                .when(rds).describeDBInstances(argThat((DescribeDbInstancesRequest r) -> r != null
                        && instance.dbInstanceIdentifier().equals(r.dbInstanceIdentifier())));
    }

    public static void tags(RdsClient rds, String resourceArn, Map<String, String> tags) {
        doReturn(ListTagsForResourceResponse.builder().tagList(RefreshTags.toSdk(tags)).build())
                .when(rds).listTagsForResource(argThat((ListTagsForResourceRequest r) -> r != null
                        && resourceArn.equals(r.resourceName())));
    }

    /** DescribeDBSnapshots by this snapshot's name answers it. */
    public static void snapshot(RdsClient rds, DBSnapshot snapshot) {
        doReturn(DescribeDbSnapshotsResponse.builder().dbSnapshots(snapshot).build())
                .when(rds).describeDBSnapshots(argThat((DescribeDbSnapshotsRequest r) -> r != null
                        && snapshot.dbSnapshotIdentifier().equals(r.dbSnapshotIdentifier())));
    }
}
