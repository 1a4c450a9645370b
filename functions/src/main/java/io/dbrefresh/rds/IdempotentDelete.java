package io.dbrefresh.rds;

import java.util.Optional;
import java.util.function.Supplier;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.RdsException;

/**
 * The delete of an instance, cluster or snapshot the caller has just found and may delete (its
 * own copy, a replica of the target, the target once its copy is verified), made safe to run
 * twice. Between the describe that found it and the delete, the object can go away: the step's
 * earlier attempt (a Lambda timeout after the call went through, then the Retry), RDS finishing a
 * delete it had begun, a recovery that removed the same copy. The delete then answers not found,
 * or, for an object still being deleted, an invalid state. Either way the object is gone or going,
 * which is what the delete asked for: done, not a failure.
 *
 * <p>Only an object the caller saw is deleted this way, so "not found" here never hides a name
 * the refresh did not mean: an object that never existed is not found by the describe before,
 * and the caller's own answer to that stays (absent, or its error). An invalid state for any
 * other reason (a cluster that still has instances, an instance being modified) stays an error.
 * What the delete was to leave behind is checked where it always was: a final snapshot the old
 * target's deletion asked for must be found by the check that follows, or the step fails.
 */
final class IdempotentDelete {

    private IdempotentDelete() {
    }

    /** @return true when this call began the deletion, false when the instance was already gone or being deleted */
    static boolean instance(RdsClient rds, DeleteDbInstanceRequest request) {
        return delete(() -> rds.deleteDBInstance(request), DbInstanceNotFoundException.class, InvalidDbInstanceStateException.class,
                () -> describeInstance(rds, request.dbInstanceIdentifier()).map(DBInstance::dbInstanceStatus));
    }

    /** @return true when this call began the deletion, false when the cluster was already gone or being deleted */
    static boolean cluster(RdsClient rds, DeleteDbClusterRequest request) {
        return delete(() -> rds.deleteDBCluster(request), DbClusterNotFoundException.class, InvalidDbClusterStateException.class,
                () -> describeCluster(rds, request.dbClusterIdentifier()).map(DBCluster::status));
    }

    /** @return true when this call deleted the snapshot, false when it was already gone */
    static boolean snapshot(RdsClient rds, DeleteDbSnapshotRequest request) {
        return delete(() -> rds.deleteDBSnapshot(request), DbSnapshotNotFoundException.class, null, Optional::empty);
    }

    /** @return true when this call deleted the cluster snapshot, false when it was already gone */
    static boolean clusterSnapshot(RdsClient rds, DeleteDbClusterSnapshotRequest request) {
        return delete(() -> rds.deleteDBClusterSnapshot(request), DbClusterSnapshotNotFoundException.class, null, Optional::empty);
    }

    /**
     * Runs {@code delete}: true when it went through; false when it answered {@code notFound}, or
     * {@code invalidState} (null: a snapshot, which has none) while the object is gone or going
     * away by {@code statusNow}. Any other answer stays the caller's error.
     */
    private static boolean delete(Runnable delete, Class<? extends RdsException> notFound, Class<? extends RdsException> invalidState,
                                  Supplier<Optional<String>> statusNow) {
        try {
            delete.run();
            return true;
        } catch (RdsException e) {
            if (notFound.isInstance(e)) {
                return false;
            }
            if (invalidState != null && invalidState.isInstance(e)) {
                Optional<String> now = statusNow.get();
                if (now.isEmpty() || InstanceStatus.GOING_AWAY.contains(now.get())) {
                    return false;
                }
            }
            throw e;
        }
    }

    private static Optional<DBInstance> describeInstance(RdsClient rds, String id) {
        try {
            return rds.describeDBInstances(DescribeDbInstancesRequest.builder().dbInstanceIdentifier(id).build()).dbInstances().stream().findFirst();
        } catch (DbInstanceNotFoundException gone) {
            return Optional.empty();
        }
    }

    private static Optional<DBCluster> describeCluster(RdsClient rds, String id) {
        try {
            return rds.describeDBClusters(DescribeDbClustersRequest.builder().dbClusterIdentifier(id).build()).dbClusters().stream().findFirst();
        } catch (DbClusterNotFoundException gone) {
            return Optional.empty();
        }
    }
}
