package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.UnsafeTargetException;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.testing.Plans;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterFromSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.ServerlessV2ScalingConfigurationInfo;
import software.amazon.awssdk.services.rds.model.Tag;

class ClusterRestoreTest {

    private static final String EXECUTION = "refresh-qa-7";
    private static final Instant SOURCE_LATEST = Instant.parse("2024-06-01T08:00:00Z");

    private final RdsClient rds = RdsStubs.rds();
    private final ClusterRestore restore = new ClusterRestore(new AuroraClusters(new RdsInstances(rds)));

    @BeforeEach
    void noClusterExists() {
        RdsStubs.noClusters(rds);
    }

    private void clusterExists(DBCluster cluster) {
        RdsStubs.clusterExists(rds, cluster);
    }

    private static DBCluster.Builder cluster(String id, String status) {
        return DBCluster.builder().dbClusterIdentifier(id).status(status)
                .dbClusterArn("arn:aws:rds:us-east-1:123456789012:cluster:" + id);
    }

    private RestoreDbClusterToPointInTimeRequest pointInTimeRequest() {
        ArgumentCaptor<RestoreDbClusterToPointInTimeRequest> captor = ArgumentCaptor.forClass(RestoreDbClusterToPointInTimeRequest.class);
        verify(rds).restoreDBClusterToPointInTime(captor.capture());
        return captor.getValue();
    }

    @Test
    void fastCloning_restoresCopyOnWriteAtTheLatestRestorableTimeIntoTemp() {
        clusterExists(cluster("prodclu", "available").latestRestorableTime(SOURCE_LATEST).build());

        InstanceRestore.Started started = restore.start(Plans.restore(RestoreType.FAST_CLONING, "prodclu", "devclu"), EXECUTION);

        RestoreDbClusterToPointInTimeRequest request = pointInTimeRequest();
        assertThat(request.sourceDBClusterIdentifier()).isEqualTo("prodclu");
        assertThat(request.dbClusterIdentifier()).isEqualTo("devclutemp");
        assertThat(request.restoreType()).isEqualTo("copy-on-write");
        assertThat(request.useLatestRestorableTime()).isTrue();
        assertThat(request.restoreToTime()).isNull();
        assertThat(request.tags()).contains(Tag.builder().key(RefreshTags.EXECUTION).value(EXECUTION).build(),
                Tag.builder().key(RefreshTags.MANAGED).value(RefreshTags.MANAGED_VALUE).build());
        assertThat(started.alignedTo()).isEqualTo(SOURCE_LATEST);
    }

    @Test
    void latestPoint_restoresAFullCopy() {
        clusterExists(cluster("prodclu", "available").latestRestorableTime(SOURCE_LATEST).build());

        restore.start(Plans.restore(RestoreType.LATEST_POINT, "prodclu", "devclu"), EXECUTION);

        assertThat(pointInTimeRequest().restoreType()).isEqualTo("full-copy");
    }

    @Test
    void restore_targetOnServerlessV2_givesTheNewClusterTheOldCapacityRange() {
        clusterExists(cluster("prodclu", "available").latestRestorableTime(SOURCE_LATEST).build());
        clusterExists(cluster("devclu", "available").serverlessV2ScalingConfiguration(
                ServerlessV2ScalingConfigurationInfo.builder().minCapacity(0.5).maxCapacity(16.0).build()).build());
        RdsStubs.tags(rds, "arn:aws:rds:us-east-1:123456789012:cluster:devclu", Map.of("team", "dev"));

        InstanceRestore.Started started = restore.start(Plans.restore(RestoreType.FAST_CLONING, "prodclu", "devclu"), EXECUTION);

        RestoreDbClusterToPointInTimeRequest request = pointInTimeRequest();
        assertThat(request.serverlessV2ScalingConfiguration().minCapacity()).isEqualTo(0.5);
        assertThat(request.serverlessV2ScalingConfiguration().maxCapacity()).isEqualTo(16.0);
        assertThat(started.targetTags()).containsEntry("team", "dev");
    }

    @Test
    void fromSnapshot_withNoneNamed_restoresTheNewestByCreationTimeNotByListPosition() {
        DBClusterSnapshot older = DBClusterSnapshot.builder().dbClusterSnapshotIdentifier("prodclu-1").status("available")
                .engine("aurora-mysql").snapshotCreateTime(Instant.parse("2024-05-30T00:00:00Z")).build();
        DBClusterSnapshot newest = DBClusterSnapshot.builder().dbClusterSnapshotIdentifier("prodclu-3").status("available")
                .engine("aurora-mysql").snapshotCreateTime(Instant.parse("2024-06-01T00:00:00Z")).build();
        DBClusterSnapshot middle = DBClusterSnapshot.builder().dbClusterSnapshotIdentifier("prodclu-2").status("available")
                .engine("aurora-mysql").snapshotCreateTime(Instant.parse("2024-05-31T00:00:00Z")).build();
        doReturn(DescribeDbClusterSnapshotsResponse.builder().dbClusterSnapshots(older, newest, middle).build())
                .when(rds).describeDBClusterSnapshots(any(DescribeDbClusterSnapshotsRequest.class));

        InstanceRestore.Started started = restore.start(Plans.restore(RestoreType.FROM_SNAPSHOT, "prodclu", "devclu"), EXECUTION);

        ArgumentCaptor<RestoreDbClusterFromSnapshotRequest> captor = ArgumentCaptor.forClass(RestoreDbClusterFromSnapshotRequest.class);
        verify(rds).restoreDBClusterFromSnapshot(captor.capture());
        assertThat(captor.getValue().snapshotIdentifier()).isEqualTo("prodclu-3");
        assertThat(captor.getValue().engine()).isEqualTo("aurora-mysql");
        assertThat(captor.getValue().dbClusterIdentifier()).isEqualTo("devclutemp");
        assertThat(started.snapshot()).isEqualTo("prodclu-3");
    }

    @Test
    void fromSnapshot_sharedEncrypted_passesTheKmsKeyToTheRestore() {
        String shared = "arn:aws:rds:us-east-1:999988887777:cluster-snapshot:prodclu-month-end";
        RestoreSpec spec = Plans.restore(RestoreType.FROM_SNAPSHOT, "prodclu", "devclu", null, shared, "arn:aws:kms:us-east-1:123456789012:key/k1");
        RestoreSpec withEngine = new RestoreSpec(spec.restoreType(), spec.source(), spec.target(), spec.temp(), null, shared,
                spec.kmsKeyId(), null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                "aurora-postgresql", null, null);
        doReturn(DescribeDbClusterSnapshotsResponse.builder().build())
                .when(rds).describeDBClusterSnapshots(any(DescribeDbClusterSnapshotsRequest.class));

        restore.start(withEngine, EXECUTION);

        ArgumentCaptor<RestoreDbClusterFromSnapshotRequest> captor = ArgumentCaptor.forClass(RestoreDbClusterFromSnapshotRequest.class);
        verify(rds).restoreDBClusterFromSnapshot(captor.capture());
        assertThat(captor.getValue().snapshotIdentifier()).isEqualTo(shared);
        assertThat(captor.getValue().kmsKeyId()).isEqualTo("arn:aws:kms:us-east-1:123456789012:key/k1");
        assertThat(captor.getValue().engine()).isEqualTo("aurora-postgresql");
    }

    @Test
    void start_tempClusterOfAnotherRun_isNeverTakenOver() {
        clusterExists(cluster("devclutemp", "available").build());
        RdsStubs.tags(rds, "arn:aws:rds:us-east-1:123456789012:cluster:devclutemp", Map.of(RefreshTags.EXECUTION, "someone-else"));

        assertThatThrownBy(() -> restore.start(Plans.restore(RestoreType.FAST_CLONING, "prodclu", "devclu"), EXECUTION))
                .isInstanceOf(UnsafeTargetException.class).hasMessageContaining("someone-else");
        verify(rds, never()).restoreDBClusterToPointInTime(any(RestoreDbClusterToPointInTimeRequest.class));
    }

    @Test
    void progress_terminalClusterStatus_failsAtOnce() {
        clusterExists(cluster("devclutemp", "inaccessible-encryption-credentials").build());

        Observation seen = restore.progress(Plans.restore(RestoreType.FAST_CLONING, "prodclu", "devclu"));

        assertThat(seen.progress()).isEqualTo(Progress.FAILED);
    }
}
