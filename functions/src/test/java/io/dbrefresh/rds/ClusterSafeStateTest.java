package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;

class ClusterSafeStateTest {

    private static final String EXECUTION = "refresh-qa-7";
    private static final String TEMP_ARN = "arn:aws:rds:us-east-1:123456789012:cluster:devclutemp";

    private final RdsClient rds = RdsStubs.rds();
    private final ClusterSafeState safeState = new ClusterSafeState(new AuroraClusters(new RdsInstances(rds)));

    @BeforeEach
    void noClusterExists() {
        doThrow(DbClusterNotFoundException.builder().message("DBCluster not found").build())
                .when(rds).describeDBClusters(any(DescribeDbClustersRequest.class));
    }

    private void describes(DBCluster first, DBCluster... then) {
        DescribeDbClustersResponse[] rest = java.util.Arrays.stream(then)
                .map(c -> DescribeDbClustersResponse.builder().dbClusters(c).build()).toArray(DescribeDbClustersResponse[]::new);
        doReturn(DescribeDbClustersResponse.builder().dbClusters(first).build(), (Object[]) rest)
                .when(rds).describeDBClusters(argThat((DescribeDbClustersRequest r) -> r != null
                        && first.dbClusterIdentifier().equals(r.dbClusterIdentifier())));
    }

    private void ourTempClusterWithItsWriter() {
        DBCluster withWriter = DBCluster.builder().dbClusterIdentifier("devclutemp").status("available").dbClusterArn(TEMP_ARN)
                .dbClusterMembers(DBClusterMember.builder().dbInstanceIdentifier("devinsttemp").isClusterWriter(true).build()).build();
        describes(withWriter, withWriter.toBuilder().dbClusterMembers(List.of()).build());
        RdsStubs.tags(rds, TEMP_ARN, Map.of(RefreshTags.EXECUTION, EXECUTION));
        RdsStubs.describes(rds, RdsStubs.instance("devinsttemp", "available").build());
    }

    @Test
    void restore_oldClusterStillThere_deletesTheTempClusterAndItsWriterThisRunCreated() {
        describes(DBCluster.builder().dbClusterIdentifier("devclu").status("available")
                .dbClusterArn("arn:aws:rds:us-east-1:123456789012:cluster:devclu").build());
        ourTempClusterWithItsWriter();

        List<String> actions = safeState.restore("devclu", "devclutemp", EXECUTION, null);

        ArgumentCaptor<DeleteDbInstanceRequest> instance = ArgumentCaptor.forClass(DeleteDbInstanceRequest.class);
        verify(rds).deleteDBInstance(instance.capture());
        assertThat(instance.getValue().dbInstanceIdentifier()).isEqualTo("devinsttemp");
        ArgumentCaptor<DeleteDbClusterRequest> cluster = ArgumentCaptor.forClass(DeleteDbClusterRequest.class);
        verify(rds).deleteDBCluster(cluster.capture());
        assertThat(cluster.getValue().dbClusterIdentifier()).isEqualTo("devclutemp");
        assertThat(cluster.getValue().skipFinalSnapshot()).isTrue();
        assertThat(actions).anySatisfy(a -> assertThat(a).contains("deleted the temp cluster devclutemp"));
    }

    @Test
    void restore_writerStillBeingDeleted_deletesTheTempClusterInTheSameRun() {
        describes(DBCluster.builder().dbClusterIdentifier("devclu").status("available")
                .dbClusterArn("arn:aws:rds:us-east-1:123456789012:cluster:devclu").build());
        // as on AWS: the cluster lists its writer until the writer's deletion ends, minutes later
        describes(DBCluster.builder().dbClusterIdentifier("devclutemp").status("available").dbClusterArn(TEMP_ARN)
                .dbClusterMembers(DBClusterMember.builder().dbInstanceIdentifier("devinsttemp").isClusterWriter(true).build()).build());
        RdsStubs.tags(rds, TEMP_ARN, Map.of(RefreshTags.EXECUTION, EXECUTION));
        RdsStubs.describes(rds, RdsStubs.instance("devinsttemp", "available").build(), RdsStubs.instance("devinsttemp", "deleting").build());

        List<String> actions = safeState.restore("devclu", "devclutemp", EXECUTION, null);

        // AWS refuses to delete a cluster only while it has instances that are not being deleted
        ArgumentCaptor<DeleteDbClusterRequest> cluster = ArgumentCaptor.forClass(DeleteDbClusterRequest.class);
        verify(rds).deleteDBCluster(cluster.capture());
        assertThat(cluster.getValue().dbClusterIdentifier()).isEqualTo("devclutemp");
        assertThat(actions).anySatisfy(a -> assertThat(a).contains("deleted the temp cluster devclutemp"));
    }

    @Test
    void restore_runAgainWhileTheFirstRunsDeletionsAreUnderWay_deletesNothingMore() {
        describes(DBCluster.builder().dbClusterIdentifier("devclu").status("available")
                .dbClusterArn("arn:aws:rds:us-east-1:123456789012:cluster:devclu").build());
        describes(DBCluster.builder().dbClusterIdentifier("devclutemp").status("deleting").dbClusterArn(TEMP_ARN)
                .dbClusterMembers(DBClusterMember.builder().dbInstanceIdentifier("devinsttemp").isClusterWriter(true).build()).build());
        RdsStubs.tags(rds, TEMP_ARN, Map.of(RefreshTags.EXECUTION, EXECUTION));
        RdsStubs.describes(rds, RdsStubs.instance("devinsttemp", "deleting").build());

        List<String> actions = safeState.restore("devclu", "devclutemp", EXECUTION, null);

        verify(rds, never()).deleteDBInstance(any(DeleteDbInstanceRequest.class));
        verify(rds, never()).deleteDBCluster(any(DeleteDbClusterRequest.class));
        assertThat(actions).isEmpty();
    }

    @Test
    void restore_oldClusterAndFinalSnapshotGone_keepsTheTempClusterHoldingTheOnlyCopy() {
        ourTempClusterWithItsWriter();

        List<String> actions = safeState.restore("devclu", "devclutemp", EXECUTION, null);

        verify(rds, never()).deleteDBInstance(any(DeleteDbInstanceRequest.class));
        verify(rds, never()).deleteDBCluster(any(DeleteDbClusterRequest.class));
        assertThat(actions).singleElement().asString().contains("only copy");
    }

    @Test
    void restore_oldClusterBeingDeletedWithoutAFinalSnapshot_keepsTheTempClusterHoldingTheLastCopy() {
        describes(DBCluster.builder().dbClusterIdentifier("devclu").status("deleting")
                .dbClusterArn("arn:aws:rds:us-east-1:123456789012:cluster:devclu").build());
        ourTempClusterWithItsWriter();

        List<String> actions = safeState.restore("devclu", "devclutemp", EXECUTION, null);

        verify(rds, never()).deleteDBInstance(any(DeleteDbInstanceRequest.class));
        verify(rds, never()).deleteDBCluster(any(DeleteDbClusterRequest.class));
        assertThat(actions).singleElement().asString().contains("being deleted").contains("only copy");
    }

    @Test
    void restore_tempClusterOfAnotherRun_isLeftAlone() {
        describes(DBCluster.builder().dbClusterIdentifier("devclu").status("available")
                .dbClusterArn("arn:aws:rds:us-east-1:123456789012:cluster:devclu").build());
        describes(DBCluster.builder().dbClusterIdentifier("devclutemp").status("available").dbClusterArn(TEMP_ARN).build());
        RdsStubs.tags(rds, TEMP_ARN, Map.of(RefreshTags.EXECUTION, "another-run"));

        assertThat(safeState.restore("devclu", "devclutemp", EXECUTION, "devclu-final-1")).isEmpty();
        verify(rds, never()).deleteDBCluster(any(DeleteDbClusterRequest.class));
    }

    @Test
    void finalSnapshotTaken_oldClusterGone_isTheFinalSnapshotTakenSinceTheExecutionStarted() {
        doReturn(DescribeDbClusterSnapshotsResponse.builder().dbClusterSnapshots(
                DBClusterSnapshot.builder().dbClusterSnapshotIdentifier("devclu-final-20261101080000")
                        .snapshotCreateTime(Instant.parse("2026-11-01T08:00:00Z")).build(),
                DBClusterSnapshot.builder().dbClusterSnapshotIdentifier("devclu-final-20261124220510")
                        .snapshotCreateTime(Instant.parse("2026-11-24T22:05:10Z")).build()).build())
                .when(rds).describeDBClusterSnapshots(any(DescribeDbClusterSnapshotsRequest.class));

        assertThat(safeState.finalSnapshotTaken("devclu", EXECUTION, Instant.parse("2026-11-24T22:00:00Z")))
                .isEqualTo("devclu-final-20261124220510");
    }

    @Test
    void finalSnapshotTaken_oldClusterBeingDeletedByThisRun_isTheSnapshotItsMarkNames() {
        String arn = "arn:aws:rds:us-east-1:123456789012:cluster:devclu";
        describes(DBCluster.builder().dbClusterIdentifier("devclu").status("deleting").dbClusterArn(arn).build());
        RdsStubs.tags(rds, arn, Map.of(RefreshTags.DELETED_BY, EXECUTION, RefreshTags.FINAL_SNAPSHOT, "devclu-final-20261124220510"));

        assertThat(safeState.finalSnapshotTaken("devclu", EXECUTION, Instant.parse("2026-11-24T22:00:00Z")))
                .isEqualTo("devclu-final-20261124220510");
    }

    private static final String OLD_ARN = "arn:aws:rds:us-east-1:123456789012:cluster:devclu";
    private static final List<io.dbrefresh.refreshfile.Replica> REMOVED = List.of(
            new io.dbrefresh.refreshfile.Replica("devinst", "db.r6g.large"), new io.dbrefresh.refreshfile.Replica("devinst-b", "db.r6g.large"));

    private void oldCluster(String status, String... members) {
        describes(DBCluster.builder().dbClusterIdentifier("devclu").status(status).engine("aurora-mysql").dbClusterArn(OLD_ARN)
                .dbClusterMembers(java.util.Arrays.stream(members)
                        .map(m -> DBClusterMember.builder().dbInstanceIdentifier(m).build()).toList()).build());
    }

    @Test
    void writerBack_oldClusterLeftWithoutInstances_getsItsWriterBackWithItsNameAndClass() {
        oldCluster("available");

        List<String> actions = safeState.writerBack("devclu", EXECUTION, REMOVED);

        ArgumentCaptor<software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest> created =
                ArgumentCaptor.forClass(software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest.class);
        verify(rds).createDBInstance(created.capture());
        assertThat(created.getValue().dbInstanceIdentifier()).isEqualTo("devinst");
        assertThat(created.getValue().dbClusterIdentifier()).isEqualTo("devclu");
        assertThat(created.getValue().dbInstanceClass()).isEqualTo("db.r6g.large");
        assertThat(created.getValue().engine()).isEqualTo("aurora-mysql");
        assertThat(created.getValue().tags()).anySatisfy(t -> assertThat(t.key()).isEqualTo(RefreshTags.RECREATED_BY));
        assertThat(actions).singleElement().asString().contains("creating instance devinst").contains("devclu");
    }

    @Test
    void writerBack_runAgain_findsTheWriterInTheClusterAndCreatesNothing() {
        oldCluster("available", "devinst");
        RdsStubs.describes(rds, RdsStubs.instance("devinst", "creating").build());

        assertThat(safeState.writerBack("devclu", EXECUTION, REMOVED)).isEmpty();
        verify(rds, never()).createDBInstance(any(software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest.class));
    }

    @Test
    void writerBack_writerStillBeingDeleted_createsNothingAndSaysWhatToDo() {
        oldCluster("available", "devinst");
        RdsStubs.describes(rds, RdsStubs.instance("devinst", "deleting").build());

        List<String> actions = safeState.writerBack("devclu", EXECUTION, REMOVED);

        verify(rds, never()).createDBInstance(any(software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest.class));
        assertThat(actions).singleElement().asString().contains("still being deleted").contains("create an instance in devclu");
    }

    @Test
    void writerBack_oldClusterBeingDeletedOrAlreadyRefreshed_isLeftAlone() {
        oldCluster("deleting");
        assertThat(safeState.writerBack("devclu", EXECUTION, REMOVED)).isEmpty();

        oldCluster("available");
        RdsStubs.tags(rds, OLD_ARN, Map.of(RefreshTags.EXECUTION, EXECUTION));
        assertThat(safeState.writerBack("devclu", EXECUTION, REMOVED)).isEmpty();
        verify(rds, never()).createDBInstance(any(software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest.class));
    }

    @Test
    void writerBack_whatWasDeletedIsUnknown_saysTheClusterNeedsAnInstance() {
        oldCluster("available");

        List<String> actions = safeState.writerBack("devclu", EXECUTION, null);

        verify(rds, never()).createDBInstance(any(software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest.class));
        assertThat(actions).singleElement().asString().contains("no instance");
    }
}
