package io.dbrefresh.rds;

import static io.dbrefresh.rds.RdsStubs.arn;
import static io.dbrefresh.rds.RdsStubs.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.dbrefresh.execution.DeletionProtectedException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.UnsafeTargetException;
import io.dbrefresh.refreshfile.ReplicaDescription;
import io.dbrefresh.refreshfile.ReplicaSpec;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceReadReplicaRequest;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.Tag;

class ReadReplicasTest {

    private static final String EXECUTION = "refresh-qa-42";

    private final RdsClient rds = RdsStubs.rds();
    private final ReadReplicas replicas = new ReadReplicas(new RdsInstances(rds));

    private void targetWithReplicas(String... ids) {
        RdsStubs.describes(rds, instance("qa", "available").readReplicaDBInstanceIdentifiers(ids).build());
    }

    private static software.amazon.awssdk.services.rds.model.DBInstance replica(String id, String dbClass, String zone) {
        return instance(id, "available").dbInstanceClass(dbClass).availabilityZone(zone)
                .readReplicaSourceDBInstanceIdentifier("qa")
                .dbParameterGroups(DBParameterGroupStatus.builder().dbParameterGroupName("replica-params").build())
                .tagList(Tag.builder().key("team").value("reporting").build(),
                        Tag.builder().key("dbrefresh:execution").value("an-older-run").build())
                .build();
    }

    @Test
    void deleteAll_deletesEveryReplicaWithoutFinalSnapshotAndRemembersEach() {
        targetWithReplicas("qa-r1", "qa-r2", "qa-r3");
        RdsStubs.describes(rds, replica("qa-r1", "db.t3.small", "us-east-1a"));
        RdsStubs.describes(rds, replica("qa-r2", "db.t3.medium", "us-east-1b"));
        RdsStubs.describes(rds, replica("qa-r3", "db.r6g.large", "us-east-1c"));

        ReadReplicas.Removal removal = replicas.deleteAll("qa", false);

        ArgumentCaptor<DeleteDbInstanceRequest> deletes = ArgumentCaptor.forClass(DeleteDbInstanceRequest.class);
        verify(rds, times(3)).deleteDBInstance(deletes.capture());
        assertThat(deletes.getAllValues()).extracting(DeleteDbInstanceRequest::dbInstanceIdentifier)
                .containsExactly("qa-r1", "qa-r2", "qa-r3");
        assertThat(deletes.getAllValues()).allSatisfy(d -> assertThat(d.skipFinalSnapshot()).isTrue());
        assertThat(removal.replicas()).containsExactly(
                new ReplicaDescription("qa-r1", "db.t3.small", "us-east-1a", "replica-params", Map.of("team", "reporting")),
                new ReplicaDescription("qa-r2", "db.t3.medium", "us-east-1b", "replica-params", Map.of("team", "reporting")),
                new ReplicaDescription("qa-r3", "db.r6g.large", "us-east-1c", "replica-params", Map.of("team", "reporting")));
    }

    @Test
    void deleteAll_replicaAlreadyDeleting_isRememberedButNotDeletedTwice() {
        targetWithReplicas("qa-r1");
        RdsStubs.describes(rds, instance("qa-r1", "deleting").dbInstanceClass("db.t3.small").build());

        ReadReplicas.Removal removal = replicas.deleteAll("qa", false);

        verify(rds, never()).deleteDBInstance(any(DeleteDbInstanceRequest.class));
        assertThat(removal.replicas()).extracting(ReplicaDescription::name).containsExactly("qa-r1");
    }

    @Test
    void deleteAll_targetAbsent_skipsCleanly() {
        ReadReplicas.Removal removal = replicas.deleteAll("qa", false);

        assertThat(removal.primaryFound()).isFalse();
        assertThat(removal.replicas()).isEmpty();
        assertThat(removal.message()).contains("absent");
    }

    @Test
    void deleteAll_protectedReplica_failsBeforeDeletingAny() {
        targetWithReplicas("qa-r1", "qa-r2");
        RdsStubs.describes(rds, replica("qa-r1", "db.t3.small", "us-east-1a"));
        RdsStubs.describes(rds, instance("qa-r2", "available").deletionProtection(true).build());

        assertThatThrownBy(() -> replicas.deleteAll("qa", false))
                .isInstanceOf(DeletionProtectedException.class).hasMessageContaining("qa-r2");
        verify(rds, never()).deleteDBInstance(any(DeleteDbInstanceRequest.class));
    }

    @Test
    void deleteAll_protectedReplicaWithLiftAllowed_liftsProtectionThenDeletes() {
        targetWithReplicas("qa-r1");
        RdsStubs.describes(rds, instance("qa-r1", "available").deletionProtection(true).build());

        replicas.deleteAll("qa", true);

        ArgumentCaptor<ModifyDbInstanceRequest> modify = ArgumentCaptor.forClass(ModifyDbInstanceRequest.class);
        verify(rds).modifyDBInstance(modify.capture());
        assertThat(modify.getValue().deletionProtection()).isFalse();
        assertThat(modify.getValue().applyImmediately()).isTrue();
        verify(rds).deleteDBInstance(any(DeleteDbInstanceRequest.class));
    }

    @Test
    void deleteAll_replicaInAnotherRegion_failsBeforeDeletingAny() {
        targetWithReplicas("qa-r1", "arn:aws:rds:eu-west-1:123456789012:db:qa-dr");
        RdsStubs.describes(rds, replica("qa-r1", "db.t3.small", "us-east-1a"));

        assertThatThrownBy(() -> replicas.deleteAll("qa", false))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("another region");
        verify(rds, never()).deleteDBInstance(any(DeleteDbInstanceRequest.class));
    }

    @Test
    void deletionProgress_doneOnlyWhenNoRememberedReplicaExists() {
        RdsStubs.describesThenGone(rds, instance("qa-r2", "deleting").build());

        assertThat(replicas.deletionProgress(List.of("qa-r1", "qa-r2")).progress()).isEqualTo(Progress.IN_PROGRESS);
        assertThat(replicas.deletionProgress(List.of("qa-r1", "qa-r2")).progress()).isEqualTo(Progress.DONE);
    }

    @Test
    void create_recreatesRememberedReplicasWithNameClassZoneParameterGroupAndTags() {
        RdsStubs.describes(rds, instance("qa", "available").build());
        ReplicaSpec spec = new ReplicaSpec(List.of(), "mysql", "nonprod-subnets", null, true, true);

        ReadReplicas.Creation creation = replicas.create("qa", List.of(
                new ReplicaDescription("qa-r1", "db.t3.small", "us-east-1a", "replica-params", Map.of("team", "reporting"))),
                spec, EXECUTION);

        ArgumentCaptor<CreateDbInstanceReadReplicaRequest> create = ArgumentCaptor.forClass(CreateDbInstanceReadReplicaRequest.class);
        verify(rds).createDBInstanceReadReplica(create.capture());
        CreateDbInstanceReadReplicaRequest r = create.getValue();
        assertThat(r.dbInstanceIdentifier()).isEqualTo("qa-r1");
        assertThat(r.sourceDBInstanceIdentifier()).as("RDS takes a same-region replica's subnet group only with the source's ARN")
                .isEqualTo(arn("qa"));
        assertThat(r.dbSubnetGroupName()).as("/createreplicas/subgrp").isEqualTo("nonprod-subnets");
        assertThat(r.dbInstanceClass()).isEqualTo("db.t3.small");
        assertThat(r.availabilityZone()).isEqualTo("us-east-1a");
        assertThat(r.dbParameterGroupName()).isEqualTo("replica-params");
        assertThat(r.autoMinorVersionUpgrade()).isTrue();
        assertThat(r.copyTagsToSnapshot()).isTrue();
        assertThat(r.replicaMode()).as("RDS's default unless the plan says").isNull();
        assertThat(r.tags()).containsExactlyInAnyOrder(Tag.builder().key("team").value("reporting").build(),
                Tag.builder().key("dbrefresh:execution").value(EXECUTION).build(),
                Tag.builder().key("dbrefresh:managed").value("true").build());
        assertThat(creation.created()).isEqualTo(1);
    }

    @Test
    void create_withoutTheFilesSubnetGroup_namesThePrimaryByIdAndSendsNoSubnetGroup() {
        RdsStubs.describes(rds, instance("qa", "available").build());

        replicas.create("qa", List.of(new ReplicaDescription("qa-r1", "db.t3.small", null, null, Map.of())),
                new ReplicaSpec(List.of(), null, null, null, null, null), EXECUTION);

        ArgumentCaptor<CreateDbInstanceReadReplicaRequest> create = ArgumentCaptor.forClass(CreateDbInstanceReadReplicaRequest.class);
        verify(rds).createDBInstanceReadReplica(create.capture());
        assertThat(create.getValue().sourceDBInstanceIdentifier()).isEqualTo("qa");
        assertThat(create.getValue().dbSubnetGroupName()).as("the replica stays in its primary's subnet group").isNull();
        assertThat(create.getValue().copyTagsToSnapshot()).isNull();
    }

    @Test
    void create_oracleReplicaMode_ofThePlan_isAskedFor() {
        RdsStubs.describes(rds, instance("qa", "available").build());

        replicas.create("qa", List.of(new ReplicaDescription("qa-r1", "db.r6i.large", null, null, Map.of())),
                new ReplicaSpec(List.of(), "oracle-ee", null, null, null, null, "mounted"), EXECUTION);

        ArgumentCaptor<CreateDbInstanceReadReplicaRequest> create = ArgumentCaptor.forClass(CreateDbInstanceReadReplicaRequest.class);
        verify(rds).createDBInstanceReadReplica(create.capture());
        assertThat(create.getValue().replicaModeAsString()).isEqualTo("mounted");
    }

    @Test
    void create_parameterGroupOfThePlan_winsOverTheRememberedOne() {
        RdsStubs.describes(rds, instance("qa", "available").build());

        replicas.create("qa", List.of(new ReplicaDescription("qa-r1", "db.t3.small", null, "replica-params", Map.of())),
                new ReplicaSpec(List.of(), null, null, "planned-params", null, null), EXECUTION);

        ArgumentCaptor<CreateDbInstanceReadReplicaRequest> create = ArgumentCaptor.forClass(CreateDbInstanceReadReplicaRequest.class);
        verify(rds).createDBInstanceReadReplica(create.capture());
        assertThat(create.getValue().dbParameterGroupName()).isEqualTo("planned-params");
    }

    @Test
    void create_replicaAlreadyCreatedByThisExecution_isNotCreatedTwice() {
        RdsStubs.describes(rds, instance("qa", "available").build());
        RdsStubs.describes(rds, instance("qa-r1", "creating").readReplicaSourceDBInstanceIdentifier("qa").build());
        RdsStubs.tags(rds, arn("qa-r1"), Map.of("dbrefresh:execution", EXECUTION));

        ReadReplicas.Creation creation = replicas.create("qa",
                List.of(new ReplicaDescription("qa-r1", "db.t3.small", null, null, Map.of())), null, EXECUTION);

        verify(rds, never()).createDBInstanceReadReplica(any(CreateDbInstanceReadReplicaRequest.class));
        assertThat(creation.created()).isZero();
    }

    @Test
    void create_nameTakenByAnotherInstance_fails() {
        RdsStubs.describes(rds, instance("qa", "available").build());
        RdsStubs.describes(rds, instance("qa-r1", "available").build());

        assertThatThrownBy(() -> replicas.create("qa",
                List.of(new ReplicaDescription("qa-r1", "db.t3.small", null, null, Map.of())), null, EXECUTION))
                .isInstanceOf(UnsafeTargetException.class).hasMessageContaining("qa-r1");
    }

    @Test
    void creationProgress_waitsForEveryReplicaAndFailsOnATerminalOne() {
        RdsStubs.describes(rds, instance("qa-r1", "available").build());
        RdsStubs.describes(rds, instance("qa-r2", "creating").build(), instance("qa-r2", "available").build(),
                instance("qa-r2", "storage-full").build());

        assertThat(replicas.creationProgress(List.of("qa-r1", "qa-r2")).progress()).isEqualTo(Progress.IN_PROGRESS);
        assertThat(replicas.creationProgress(List.of("qa-r1", "qa-r2")).progress()).isEqualTo(Progress.DONE);
        Observation failed = replicas.creationProgress(List.of("qa-r1", "qa-r2"));
        assertThat(failed.progress()).isEqualTo(Progress.FAILED);
        assertThat(failed.message()).contains("qa-r2").contains("storage-full");
    }
}
