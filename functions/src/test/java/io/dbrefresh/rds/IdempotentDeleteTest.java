package io.dbrefresh.rds;

import static io.dbrefresh.rds.RdsStubs.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.refreshfile.ReplicaDescription;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * A delete that finds what it deletes already gone (a retried start after its first call went
 * through, RDS ending a deletion) is done; the same answers for any other reason stay errors.
 */
class IdempotentDeleteTest {

    private static final DbInstanceNotFoundException INSTANCE_GONE = DbInstanceNotFoundException.builder()
            .message("DBInstance qa-r1 not found.").build();

    private final RdsClient rds = RdsStubs.rds();

    @Test
    void aRetriedReplicaDelete_thatFindsTheReplicaGone_isDone_andTheRemovalRemembersIt() {
        // listed by the primary and described a moment ago, gone by the time of the delete (the first attempt's)
        RdsStubs.describes(rds, instance("qa", "available").readReplicaDBInstanceIdentifiers("qa-r1").build());
        RdsStubs.describes(rds, instance("qa-r1", "available").dbInstanceClass("db.t3.small").build());
        doThrow(INSTANCE_GONE).when(rds).deleteDBInstance(any(DeleteDbInstanceRequest.class));

        ReadReplicas.Removal removal = new ReadReplicas(new RdsInstances(rds)).deleteAll("qa", false);

        assertThat(removal.replicas()).extracting(ReplicaDescription::name).containsExactly("qa-r1");
        verify(rds).deleteDBInstance(any(DeleteDbInstanceRequest.class));
    }

    @Test
    void aReplicaThatNeverExisted_isNeverDeleted_soNoNotFoundIsEverTakenForDone() {
        // the primary names a replica no describe finds: nothing of that name is touched or remembered
        RdsStubs.describes(rds, instance("qa", "available").readReplicaDBInstanceIdentifiers("qa-r9").build());

        ReadReplicas.Removal removal = new ReadReplicas(new RdsInstances(rds)).deleteAll("qa", false);

        assertThat(removal.replicas()).isEmpty();
        verify(rds, never()).deleteDBInstance(any(DeleteDbInstanceRequest.class));
    }

    @Test
    void theOldTargetGoneBetweenFindAndDelete_isDone_butItsMissingFinalSnapshotStillFailsTheCheck() {
        RdsStubs.describes(rds, instance("qa", "stopped").build());
        RdsStubs.describes(rds, instance("qatemp", "available").build());
        doThrow(DbInstanceNotFoundException.builder().message("DBInstance qa not found.").build())
                .when(rds).deleteDBInstance(any(DeleteDbInstanceRequest.class));
        InstanceDeletion deletion = new InstanceDeletion(new RdsInstances(rds));

        InstanceDeletion.Deletion deleted = deletion.delete("qa", "qatemp", true, false, "refresh-qa-42",
                Instant.parse("2024-05-01T10:20:30Z"));

        assertThat(deleted.snapshot()).isEqualTo("qa-final-20240501102030");
        // whoever removed it, the old data must be in the final snapshot: the check does not take "gone" for done alone
        RdsClient after = RdsStubs.rds();
        Observation seen = new InstanceDeletion(new RdsInstances(after)).progress("qa", deleted.snapshot());
        assertThat(seen.progress()).isEqualTo(Progress.FAILED);
    }

    @Test
    void anInstanceAlreadyBeingDeleted_whenTheDeleteSaysInvalidState_isDone() {
        RdsStubs.describes(rds, instance("qatemp", "deleting").build());
        doThrow(InvalidDbInstanceStateException.builder().message("Instance qatemp is already being deleted.").build())
                .when(rds).deleteDBInstance(any(DeleteDbInstanceRequest.class));

        assertThat(IdempotentDelete.instance(rds, DeleteDbInstanceRequest.builder().dbInstanceIdentifier("qatemp").build())).isFalse();
    }

    @Test
    void anInvalidStateForAnyOtherReason_staysTheError() {
        RdsStubs.describes(rds, instance("qatemp", "modifying").build());
        InvalidDbInstanceStateException modifying = InvalidDbInstanceStateException.builder()
                .message("Instance qatemp is not in available state.").build();
        doThrow(modifying).when(rds).deleteDBInstance(any(DeleteDbInstanceRequest.class));

        assertThatThrownBy(() -> IdempotentDelete.instance(rds, DeleteDbInstanceRequest.builder().dbInstanceIdentifier("qatemp").build()))
                .isSameAs(modifying);
    }

    @Test
    void aDeleteThatGoesThrough_saysItBeganIt() {
        assertThat(IdempotentDelete.instance(rds, DeleteDbInstanceRequest.builder().dbInstanceIdentifier("qatemp").build())).isTrue();
        verify(rds).deleteDBInstance(any(DeleteDbInstanceRequest.class));
    }

    @Test
    void aClusterGone_orBeingDeleted_isDone_butOneThatStillHasInstancesStaysTheError() {
        RdsClient clusters = mock(RdsClient.class);
        doThrow(DbClusterNotFoundException.builder().message("DBCluster aumysclutemp not found").build())
                .when(clusters).deleteDBCluster(any(DeleteDbClusterRequest.class));
        assertThat(IdempotentDelete.cluster(clusters, DeleteDbClusterRequest.builder().dbClusterIdentifier("aumysclutemp").build())).isFalse();

        RdsClient deleting = mock(RdsClient.class);
        doThrow(InvalidDbClusterStateException.builder().message("Cluster is being deleted").build())
                .when(deleting).deleteDBCluster(any(DeleteDbClusterRequest.class));
        doReturn(DescribeDbClustersResponse.builder().dbClusters(DBCluster.builder().dbClusterIdentifier("aumysclutemp")
                .status("deleting").build()).build()).when(deleting).describeDBClusters(any(DescribeDbClustersRequest.class));
        assertThat(IdempotentDelete.cluster(deleting, DeleteDbClusterRequest.builder().dbClusterIdentifier("aumysclutemp").build())).isFalse();

        RdsClient withInstances = mock(RdsClient.class);
        InvalidDbClusterStateException hasInstances = InvalidDbClusterStateException.builder()
                .message("Cluster cannot be deleted, it still contains DB instances in non-deleting state.").build();
        doThrow(hasInstances).when(withInstances).deleteDBCluster(any(DeleteDbClusterRequest.class));
        doReturn(DescribeDbClustersResponse.builder().dbClusters(DBCluster.builder().dbClusterIdentifier("aumysclutemp")
                .status("available").build()).build()).when(withInstances).describeDBClusters(any(DescribeDbClustersRequest.class));
        assertThatThrownBy(() -> IdempotentDelete.cluster(withInstances,
                DeleteDbClusterRequest.builder().dbClusterIdentifier("aumysclutemp").build())).isSameAs(hasInstances);
    }

    @Test
    void aSnapshotAlreadyGone_isDone() {
        doThrow(DbSnapshotNotFoundException.builder().message("gone").build()).when(rds).deleteDBSnapshot(any(DeleteDbSnapshotRequest.class));
        doThrow(DbClusterSnapshotNotFoundException.builder().message("gone").build())
                .when(rds).deleteDBClusterSnapshot(any(DeleteDbClusterSnapshotRequest.class));

        assertThat(IdempotentDelete.snapshot(rds, DeleteDbSnapshotRequest.builder().dbSnapshotIdentifier("s").build())).isFalse();
        assertThat(IdempotentDelete.clusterSnapshot(rds, DeleteDbClusterSnapshotRequest.builder().dbClusterSnapshotIdentifier("s").build()))
                .isFalse();
    }

    @Test
    void aTempCopyGoneBeforeRecoveryDeletesIt_isNoFailureOfRecovery() {
        // recovery found its own temp copy, tagged with the execution, and it went away before the delete
        RdsStubs.describes(rds, instance("qa", "available").build());
        RdsStubs.describes(rds, instance("qatemp", "available").tagList(Tag.builder().key(RefreshTags.EXECUTION)
                .value("refresh-qa-42").build()).build());
        doThrow(DbInstanceNotFoundException.builder().message("DBInstance qatemp not found.").build())
                .when(rds).deleteDBInstance(any(DeleteDbInstanceRequest.class));

        List<String> actions = new SafeState(rds).restore("qa", "qatemp", "refresh-qa-42", false, null, false);

        verify(rds).deleteDBInstance(any(DeleteDbInstanceRequest.class));
        assertThat(actions).singleElement().asString().contains("temp copy qatemp");
    }
}
