package io.dbrefresh.rds;

import static io.dbrefresh.rds.RdsStubs.arn;
import static io.dbrefresh.rds.RdsStubs.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

import io.dbrefresh.execution.DeletionProtectedException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.RestoreFailedException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

class InstanceDeletionTest {

    private static final String EXECUTION = "refresh-qa-42";
    private static final Instant NOW = Instant.parse("2024-05-01T10:20:30Z");

    private final RdsClient rds = RdsStubs.rds();
    private final InstanceDeletion deletion = new InstanceDeletion(new RdsInstances(rds));

    private DeleteDbInstanceRequest deleteRequest() {
        ArgumentCaptor<DeleteDbInstanceRequest> captor = ArgumentCaptor.forClass(DeleteDbInstanceRequest.class);
        verify(rds).deleteDBInstance(captor.capture());
        return captor.getValue();
    }

    private void replacementAvailable() {
        RdsStubs.describes(rds, instance("qatemp", "available").build());
    }

    @Test
    void delete_byDefault_takesAFinalSnapshotNamedAfterTargetAndTime() {
        RdsStubs.describes(rds, instance("qa", "stopped").build());
        replacementAvailable();

        InstanceDeletion.Deletion deleted = deletion.delete("qa", "qatemp", true, false, EXECUTION, NOW);

        DeleteDbInstanceRequest r = deleteRequest();
        assertThat(r.dbInstanceIdentifier()).isEqualTo("qa");
        assertThat(r.skipFinalSnapshot()).isFalse();
        assertThat(r.finalDBSnapshotIdentifier()).isEqualTo("qa-final-20240501102030");
        assertThat(deleted.snapshot()).isEqualTo("qa-final-20240501102030");
        assertThat(deleted.deletedHere()).isTrue();
    }

    @Test
    void delete_marksTheInstanceWithExecutionAndSnapshotBeforeDeleting() {
        RdsStubs.describes(rds, instance("qa", "available").build());
        replacementAvailable();

        deletion.delete("qa", "qatemp", true, false, EXECUTION, NOW);

        InOrder order = inOrder(rds);
        ArgumentCaptor<AddTagsToResourceRequest> tags = ArgumentCaptor.forClass(AddTagsToResourceRequest.class);
        order.verify(rds).addTagsToResource(tags.capture());
        order.verify(rds).deleteDBInstance(any(DeleteDbInstanceRequest.class));
        assertThat(tags.getValue().resourceName()).isEqualTo(arn("qa"));
        // with the marks of snapshot housekeeping, which the final snapshot copies from the instance
        assertThat(RefreshTags.fromSdk(tags.getValue().tags())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "dbrefresh:deleted-by", EXECUTION, "dbrefresh:final-snapshot", "qa-final-20240501102030",
                "dbrefresh:snapshot-of", "qa"));
        ArgumentCaptor<ModifyDbInstanceRequest> modify = ArgumentCaptor.forClass(ModifyDbInstanceRequest.class);
        verify(rds).modifyDBInstance(modify.capture());
        assertThat(modify.getValue().copyTagsToSnapshot()).as("the final snapshot takes the instance's tags").isTrue();
        assertThat(modify.getValue().deletionProtection()).as("deletion protection untouched").isNull();
    }

    @Test
    void delete_withoutFinalSnapshotAsThePlanSays_skipsIt() {
        RdsStubs.describes(rds, instance("qa", "available").build());
        replacementAvailable();

        InstanceDeletion.Deletion deleted = deletion.delete("qa", "qatemp", false, false, EXECUTION, NOW);

        DeleteDbInstanceRequest r = deleteRequest();
        assertThat(r.skipFinalSnapshot()).isTrue();
        assertThat(r.finalDBSnapshotIdentifier()).isNull();
        assertThat(deleted.snapshot()).isNull();
    }

    @Test
    void delete_protectedTarget_failsWithoutDeleting() {
        RdsStubs.describes(rds, instance("qa", "available").deletionProtection(true).build());
        replacementAvailable();

        assertThatThrownBy(() -> deletion.delete("qa", "qatemp", true, false, EXECUTION, NOW))
                .isInstanceOf(DeletionProtectedException.class)
                .hasMessageContaining("qa").hasMessageContaining("deletion protection");
        verify(rds, never()).deleteDBInstance(any(DeleteDbInstanceRequest.class));
        verify(rds, never()).modifyDBInstance(any(ModifyDbInstanceRequest.class));
    }

    @Test
    void delete_protectedTargetWithLiftAllowed_turnsProtectionOffImmediatelyThenDeletes() {
        RdsStubs.describes(rds, instance("qa", "available").deletionProtection(true).build());
        replacementAvailable();

        deletion.delete("qa", "qatemp", true, true, EXECUTION, NOW);

        InOrder order = inOrder(rds);
        ArgumentCaptor<ModifyDbInstanceRequest> modify = ArgumentCaptor.forClass(ModifyDbInstanceRequest.class);
        order.verify(rds).modifyDBInstance(modify.capture());
        order.verify(rds).deleteDBInstance(any(DeleteDbInstanceRequest.class));
        assertThat(modify.getValue().dbInstanceIdentifier()).isEqualTo("qa");
        assertThat(modify.getValue().deletionProtection()).isFalse();
        assertThat(modify.getValue().applyImmediately()).isTrue();
    }

    @Test
    void delete_absentTarget_skipsCleanly() {
        InstanceDeletion.Deletion deleted = deletion.delete("qa", "qatemp", true, false, EXECUTION, NOW);

        assertThat(deleted.found()).isFalse();
        assertThat(deleted.message()).contains("absent");
        verify(rds, never()).deleteDBInstance(any(DeleteDbInstanceRequest.class));
    }

    @Test
    void delete_replacementNotAvailableYet_keepsTheOldTarget() {
        RdsStubs.describes(rds, instance("qa", "available").build());
        RdsStubs.describes(rds, instance("qatemp", "creating").build());

        assertThatThrownBy(() -> deletion.delete("qa", "qatemp", true, false, EXECUTION, NOW))
                .isInstanceOf(RestoreFailedException.class).hasMessageContaining("qatemp").hasMessageContaining("creating");
        verify(rds, never()).deleteDBInstance(any(DeleteDbInstanceRequest.class));
    }

    @Test
    void delete_retriedWhileThisExecutionDeletesIt_reportsTheSameFinalSnapshot() {
        RdsStubs.describes(rds, instance("qa", "deleting").build());
        RdsStubs.tags(rds, arn("qa"), Map.of("dbrefresh:deleted-by", EXECUTION, "dbrefresh:final-snapshot", "qa-final-20240501000000"));

        InstanceDeletion.Deletion deleted = deletion.delete("qa", "qatemp", true, false, EXECUTION, NOW);

        verify(rds, never()).deleteDBInstance(any(DeleteDbInstanceRequest.class));
        assertThat(deleted.snapshot()).isEqualTo("qa-final-20240501000000");
        assertThat(deleted.deletedHere()).isTrue();
    }

    @Test
    void progress_doneOnlyWhenInstanceGoneAndFinalSnapshotAvailable_andTagsNothing() {
        RdsStubs.describesThenGone(rds, instance("qa", "deleting").build());
        String name = "qa-final-20240501102030";
        org.mockito.Mockito.doReturn(
                        software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse.builder().dbSnapshots(
                                DBSnapshot.builder().dbSnapshotIdentifier(name).status("creating").build()).build(),
                        software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse.builder().dbSnapshots(
                                DBSnapshot.builder().dbSnapshotIdentifier(name).status("available")
                                        .dbSnapshotArn(RdsStubs.snapshotArn(RdsStubs.ACCOUNT, name)).build()).build())
                .when(rds).describeDBSnapshots(any(software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest.class));

        assertThat(deletion.progress("qa", name).progress()).as("instance deleting").isEqualTo(Progress.IN_PROGRESS);
        assertThat(deletion.progress("qa", name).progress()).as("snapshot creating").isEqualTo(Progress.IN_PROGRESS);
        assertThat(deletion.progress("qa", name).progress()).isEqualTo(Progress.DONE);
        verify(rds, never()).addTagsToResource(any(AddTagsToResourceRequest.class));
    }

    @Test
    void progress_instanceGoneButFinalSnapshotMissing_fails() {
        Observation seen = deletion.progress("qa", "qa-final-20240501102030");

        assertThat(seen.progress()).isEqualTo(Progress.FAILED);
        assertThat(seen.message()).contains("qa-final-20240501102030");
    }

    @Test
    void finalSnapshotName_staysWithinTheSnapshotIdLimit() {
        String name = Snapshots.finalSnapshotName("a".repeat(300), NOW);

        assertThat(name).hasSize(255).endsWith("-final-20240501102030");
    }
}
