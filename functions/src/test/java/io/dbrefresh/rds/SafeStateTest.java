package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.StartDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.Tag;

/** Recovery of an RDS refresh whose step acted but whose result was lost (the answer to its call never came back). */
class SafeStateTest {

    private static final String EXECUTION = "refresh-qa-7";
    private static final Instant STARTED = Instant.parse("2026-11-24T22:00:00Z");

    private final RdsClient rds = RdsStubs.rds();
    private final SafeState safeState = new SafeState(rds);

    @Test
    void restore_stopResultLostButTheOldTargetCarriesThisRunsStopMark_startsItAgain() {
        RdsStubs.describes(rds, RdsStubs.instance("devdb", "stopped").tagList(tag(RefreshTags.STOPPED_BY, EXECUTION)).build());

        List<String> actions = safeState.restore("devdb", "devdbtemp", EXECUTION, false, null, false);

        ArgumentCaptor<StartDbInstanceRequest> start = ArgumentCaptor.forClass(StartDbInstanceRequest.class);
        verify(rds).startDBInstance(start.capture());
        assertThat(start.getValue().dbInstanceIdentifier()).isEqualTo("devdb");
        assertThat(actions).singleElement().asString().contains("started the old target devdb");
    }

    @Test
    void restore_oldTargetStoppedByAnotherRun_isNotStarted() {
        RdsStubs.describes(rds, RdsStubs.instance("devdb", "stopped").tagList(tag(RefreshTags.STOPPED_BY, "another-run")).build());

        assertThat(safeState.restore("devdb", "devdbtemp", EXECUTION, false, null, false)).isEmpty();
        verify(rds, never()).startDBInstance(any(StartDbInstanceRequest.class));
    }

    @Test
    void restore_oldTargetBeingDeletedWithoutAFinalSnapshot_keepsTheTempCopy_theLastCopyOfTheData() {
        RdsStubs.describes(rds, RdsStubs.instance("devdb", "deleting").build());
        RdsStubs.describes(rds, RdsStubs.instance("devdbtemp", "available").tagList(tag(RefreshTags.EXECUTION, EXECUTION)).build());

        List<String> actions = safeState.restore("devdb", "devdbtemp", EXECUTION, false, null, false);

        verify(rds, never()).deleteDBInstance(any(software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest.class));
        assertThat(actions).singleElement().asString().contains("being deleted").contains("only copy");
    }

    @Test
    void restore_oldTargetBeingDeletedWithItsFinalSnapshot_deletesTheTempCopy() {
        RdsStubs.describes(rds, RdsStubs.instance("devdb", "deleting").build());
        RdsStubs.describes(rds, RdsStubs.instance("devdbtemp", "available").tagList(tag(RefreshTags.EXECUTION, EXECUTION)).build());

        List<String> actions = safeState.restore("devdb", "devdbtemp", EXECUTION, false, "devdb-final-20261124220510", false);

        ArgumentCaptor<software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest> delete =
                ArgumentCaptor.forClass(software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest.class);
        verify(rds).deleteDBInstance(delete.capture());
        assertThat(delete.getValue().dbInstanceIdentifier()).isEqualTo("devdbtemp");
        assertThat(actions).singleElement().asString().contains("deleted the temp copy devdbtemp");
    }

    @Test
    void finalSnapshotTaken_oldTargetBeingDeletedByThisRun_isTheSnapshotItsMarkNames() {
        RdsStubs.describes(rds, RdsStubs.instance("devdb", "deleting")
                .tagList(tag(RefreshTags.DELETED_BY, EXECUTION), tag(RefreshTags.FINAL_SNAPSHOT, "devdb-final-20261124220510")).build());

        assertThat(safeState.finalSnapshotTaken("devdb", EXECUTION, STARTED)).isEqualTo("devdb-final-20261124220510");
    }

    @Test
    void finalSnapshotTaken_deleteCallFailedBeforeItWasSent_isNone() {
        // the marks are set before the delete call: an available target was not deleted, so no snapshot was taken
        RdsStubs.describes(rds, RdsStubs.instance("devdb", "available")
                .tagList(tag(RefreshTags.DELETED_BY, EXECUTION), tag(RefreshTags.FINAL_SNAPSHOT, "devdb-final-20261124220510")).build());

        assertThat(safeState.finalSnapshotTaken("devdb", EXECUTION, STARTED)).isNull();
    }

    @Test
    void finalSnapshotTaken_oldTargetGone_isTheFinalSnapshotTakenSinceTheExecutionStarted() {
        doReturn(DescribeDbSnapshotsResponse.builder().dbSnapshots(
                snapshot("devdb-final-20261101080000", "2026-11-01T08:00:00Z"),
                snapshot("devdb-final-20261124220510", "2026-11-24T22:05:10Z"),
                snapshot("devdb-before-upgrade", "2026-11-24T22:01:00Z")).build())
                .when(rds).describeDBSnapshots(argThat((DescribeDbSnapshotsRequest r) -> r != null && "devdb".equals(r.dbInstanceIdentifier())));

        assertThat(safeState.finalSnapshotTaken("devdb", EXECUTION, STARTED)).isEqualTo("devdb-final-20261124220510");
    }

    @Test
    void finalSnapshotTaken_oldTargetGoneAndOnlyAnOlderRunsFinalSnapshot_isNone() {
        doReturn(DescribeDbSnapshotsResponse.builder().dbSnapshots(snapshot("devdb-final-20261101080000", "2026-11-01T08:00:00Z")).build())
                .when(rds).describeDBSnapshots(argThat((DescribeDbSnapshotsRequest r) -> r != null && "devdb".equals(r.dbInstanceIdentifier())));

        assertThat(safeState.finalSnapshotTaken("devdb", EXECUTION, STARTED)).isNull();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static DBSnapshot snapshot(String id, String created) {
        return DBSnapshot.builder().dbSnapshotIdentifier(id).dbInstanceIdentifier("devdb").snapshotType("manual").status("available")
                .snapshotCreateTime(Instant.parse(created)).build();
    }
}
