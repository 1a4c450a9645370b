package io.dbrefresh.rds;

import static io.dbrefresh.rds.RdsStubs.arn;
import static io.dbrefresh.rds.RdsStubs.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.dbrefresh.execution.DatabaseNotFoundException;
import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.UnsafeTargetException;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.testing.Plans;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CopyDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.Tag;

class InstanceRestoreTest {

    private static final String EXECUTION = "refresh-qa-42";
    private static final Instant SOURCE_LATEST = Instant.parse("2024-05-01T10:15:00Z");

    private final RdsClient rds = RdsStubs.rds();
    private final RdsInstances instances = new RdsInstances(rds);
    private final InstanceRestore restore = new InstanceRestore(instances, new Snapshots(instances));

    private void sourceExists() {
        RdsStubs.describes(rds, instance("prod", "available").latestRestorableTime(SOURCE_LATEST).build());
    }

    private RestoreDbInstanceToPointInTimeRequest pointInTimeRequest() {
        ArgumentCaptor<RestoreDbInstanceToPointInTimeRequest> captor = ArgumentCaptor.forClass(RestoreDbInstanceToPointInTimeRequest.class);
        verify(rds).restoreDBInstanceToPointInTime(captor.capture());
        return captor.getValue();
    }

    private RestoreDbInstanceFromDbSnapshotRequest snapshotRequest() {
        ArgumentCaptor<RestoreDbInstanceFromDbSnapshotRequest> captor = ArgumentCaptor.forClass(RestoreDbInstanceFromDbSnapshotRequest.class);
        verify(rds).restoreDBInstanceFromDBSnapshot(captor.capture());
        return captor.getValue();
    }

    @Test
    void restore_latestPoint_restoresTheSourceAtItsLatestRestorableTimeIntoTemp() {
        sourceExists();

        InstanceRestore.Started started = restore.start(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), EXECUTION);

        RestoreDbInstanceToPointInTimeRequest request = pointInTimeRequest();
        assertThat(request.sourceDBInstanceIdentifier()).isEqualTo("prod");
        assertThat(request.targetDBInstanceIdentifier()).isEqualTo("qatemp");
        assertThat(request.useLatestRestorableTime()).isTrue();
        assertThat(request.restoreTime()).isNull();
        assertThat(started.alignedTo()).isEqualTo(SOURCE_LATEST);
        assertThat(started.resumed()).isFalse();
    }

    @Test
    void restore_latestPoint_givesTheCopyTheOldTargetsSettingsTheFileLeavesOut() {
        sourceExists();
        RdsStubs.describes(rds, CopySettingsTest.configuredOldTarget());

        InstanceRestore.Started started = restore.start(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), EXECUTION);

        RestoreDbInstanceToPointInTimeRequest r = pointInTimeRequest();
        assertThat(r.vpcSecurityGroupIds()).containsExactly("sg-0aaa1111");
        assertThat(r.dbSubnetGroupName()).isEqualTo("qa-subnets");
        assertThat(r.dbParameterGroupName()).isEqualTo("qa-params");
        assertThat(r.optionGroupName()).isEqualTo("qa-options");
        assertThat(r.dbInstanceClass()).isEqualTo("db.t3.large");
        assertThat(r.backupRetentionPeriod()).isEqualTo(14);
        assertThat(r.preferredBackupWindow()).isEqualTo("02:00-02:30");
        assertThat(r.caCertificateIdentifier()).isEqualTo("rds-ca-rsa2048-g1");
        assertThat(r.deletionProtection()).isTrue();
        assertThat(r.port()).isEqualTo(3307);
        assertThat(started.message()).contains("from the old target").contains("DB parameter group qa-params");
    }

    @Test
    void restore_fromSnapshot_givesTheCopyTheOldTargetsSettingsTheFileLeavesOut() {
        RdsStubs.snapshot(rds, DBSnapshot.builder().dbSnapshotIdentifier("prod-snap").dbInstanceIdentifier("prod")
                .status("available").snapshotType("manual").build());
        RdsStubs.describes(rds, CopySettingsTest.configuredOldTarget());

        restore.start(Plans.restore(RestoreType.FROM_SNAPSHOT, "prod", "qa", null, "prod-snap", null), EXECUTION);

        RestoreDbInstanceFromDbSnapshotRequest r = snapshotRequest();
        assertThat(r.dbParameterGroupName()).isEqualTo("qa-params");
        assertThat(r.vpcSecurityGroupIds()).containsExactly("sg-0aaa1111");
        assertThat(r.multiAZ()).isTrue();
        assertThat(r.backupRetentionPeriod()).isEqualTo(14);
        assertThat(r.enableCloudwatchLogsExports()).containsExactly("error", "slowquery");
    }

    @Test
    void progress_modifiesTheAvailableCopyWithWhatTheRestoreCouldNotTake_beforeItIsDone() {
        RdsStubs.describes(rds, CopySettingsTest.configuredOldTarget());
        RdsStubs.describes(rds, instance("qatemp", "available").monitoringInterval(0).build());
        RestoreSpec spec = Plans.restore(RestoreType.LATEST_POINT, "prod", "qa");

        Observation seen = restore.progress(spec, null, null, EXECUTION);

        ArgumentCaptor<software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest> captor =
                ArgumentCaptor.forClass(software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest.class);
        verify(rds).modifyDBInstance(captor.capture());
        assertThat(captor.getValue().dbInstanceIdentifier()).isEqualTo("qatemp");
        assertThat(captor.getValue().monitoringInterval()).isEqualTo(30);
        assertThat(captor.getValue().preferredMaintenanceWindow()).isEqualTo("sun:04:00-sun:04:30");
        assertThat(seen.progress()).isEqualTo(Progress.IN_PROGRESS);
    }

    @Test
    void restore_latestPoint_appliesEveryOptionOfThePlanWithItsType() {
        sourceExists();

        restore.start(Plans.restoreWithEveryOption(RestoreType.LATEST_POINT, "prod", "qa", null, null), EXECUTION);

        RestoreDbInstanceToPointInTimeRequest r = pointInTimeRequest();
        assertThat(r.multiAZ()).isTrue();
        assertThat(r.enableIAMDatabaseAuthentication()).isTrue();
        assertThat(r.deletionProtection()).isTrue();
        assertThat(r.copyTagsToSnapshot()).isTrue();
        assertThat(r.autoMinorVersionUpgrade()).isFalse();
        assertThat(r.enableCloudwatchLogsExports()).containsExactly("error", "slowquery");
        assertThat(r.vpcSecurityGroupIds()).containsExactly("sg-0a1b", "sg-0c2d");
        assertThat(r.dbParameterGroupName()).isEqualTo("nonprod-params");
        assertThat(r.dbSubnetGroupName()).isEqualTo("nonprod-subnets");
        assertThat(r.dbInstanceClass()).isEqualTo("db.r6g.large");
        assertThat(r.storageType()).isEqualTo("io1");
        assertThat(r.iops()).isEqualTo(3000);
        assertThat(r.port()).isEqualTo(3307);
        assertThat(r.dbName()).isEqualTo("appdb");
    }

    @Test
    void restore_optionsNotSetInThePlan_areLeftToAws() {
        sourceExists();

        restore.start(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), EXECUTION);

        RestoreDbInstanceToPointInTimeRequest r = pointInTimeRequest();
        assertThat(r.multiAZ()).isNull();
        assertThat(r.deletionProtection()).isNull();
        assertThat(r.port()).isNull();
        assertThat(r.dbInstanceClass()).isNull();
        assertThat(r.hasVpcSecurityGroupIds()).isFalse();
        assertThat(r.hasEnableCloudwatchLogsExports()).isFalse();
        assertThat(r.optionGroupName()).isNull();
        assertThat(r.licenseModel()).isNull();
    }

    @Test
    void restore_oracle_passesTheOptionGroupAndLicenseModelOfThePlan() {
        sourceExists();
        RestoreSpec base = Plans.restore(RestoreType.LATEST_POINT, "prod", "qa");
        RestoreSpec oracle = new RestoreSpec(base.restoreType(), base.source(), base.target(), base.temp(), null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, "oracle-se2", null, null,
                null, false, "app-oracle-se2-19", "bring-your-own-license");

        restore.start(oracle, EXECUTION);

        RestoreDbInstanceToPointInTimeRequest r = pointInTimeRequest();
        assertThat(r.optionGroupName()).isEqualTo("app-oracle-se2-19");
        assertThat(r.licenseModel()).isEqualTo("bring-your-own-license");
    }

    @Test
    void restore_theCopyIsBornPrivate_andKeepsThePublicOldTargetsValueForTheSwap() {
        sourceExists();
        RdsStubs.describes(rds, instance("qa", "available").publiclyAccessible(true).build());

        restore.start(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), EXECUTION);

        RestoreDbInstanceToPointInTimeRequest r = pointInTimeRequest();
        assertThat(r.publiclyAccessible()).as("no public access while it holds unmasked data").isFalse();
        assertThat(r.tags()).contains(Tag.builder().key("dbrefresh:publicly-accessible").value("true").build());
    }

    @Test
    void restore_fromSnapshot_theCopyIsBornPrivate_evenWithoutAnOldTarget() {
        RdsStubs.snapshot(rds, DBSnapshot.builder().dbSnapshotIdentifier("prod-snap").dbInstanceIdentifier("prod")
                .status("available").snapshotType("manual").build());

        restore.start(Plans.restore(RestoreType.FROM_SNAPSHOT, "prod", "qa", null, "prod-snap", null), EXECUTION);

        RestoreDbInstanceFromDbSnapshotRequest r = snapshotRequest();
        assertThat(r.publiclyAccessible()).isFalse();
        assertThat(r.tags()).extracting(Tag::key).doesNotContain("dbrefresh:publicly-accessible");
    }

    @Test
    void restore_tagsTheTempCopyWithTheExecutionAndTheDataOrigin() {
        sourceExists();

        restore.start(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), EXECUTION);

        assertThat(pointInTimeRequest().tags()).as("born managed: the deployment may rename and delete it").contains(
                Tag.builder().key("dbrefresh:managed").value("true").build(),
                Tag.builder().key("dbrefresh:execution").value(EXECUTION).build(),
                Tag.builder().key("dbrefresh:aligned-to").value(SOURCE_LATEST.toString()).build(),
                Tag.builder().key("dbrefresh:source").value("prod").build(),
                Tag.builder().key("dbrefresh:restore-type").value("latestpoint").build());
    }

    @Test
    void restore_restorePoint_restoresAtTheRequestedTimeAndIsAlignedToIt() {
        sourceExists();
        Instant at = Instant.parse("2024-04-30T23:00:00Z");

        InstanceRestore.Started started = restore.start(Plans.restore(RestoreType.RESTORE_POINT, "prod", "qa", at, null, null), EXECUTION);

        RestoreDbInstanceToPointInTimeRequest r = pointInTimeRequest();
        assertThat(r.restoreTime()).isEqualTo(at);
        assertThat(r.useLatestRestorableTime()).isNull();
        assertThat(started.alignedTo()).isEqualTo(at);
    }

    @Test
    void restore_restorePointWithoutTime_isRejectedBeforeAnyRestore() {
        sourceExists();

        assertThatThrownBy(() -> restore.start(Plans.restore(RestoreType.RESTORE_POINT, "prod", "qa"), EXECUTION))
                .isInstanceOf(InvalidRefreshFileException.class).hasMessageContaining("restoretime");
        verify(rds, never()).restoreDBInstanceToPointInTime(any(RestoreDbInstanceToPointInTimeRequest.class));
    }

    @Test
    void restore_missingSource_failsAsDatabaseNotFound() {
        assertThatThrownBy(() -> restore.start(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), EXECUTION))
                .isInstanceOf(DatabaseNotFoundException.class).hasMessageContaining("prod");
    }

    @Test
    void restore_fromSnapshotByName_restoresItWithEveryOptionAndIsAlignedToItsCreation() {
        Instant taken = Instant.parse("2024-04-29T03:00:00Z");
        RdsStubs.snapshot(rds, DBSnapshot.builder().dbSnapshotIdentifier("prod-weekly").status("available")
                .snapshotType("manual").snapshotCreateTime(taken).build());

        InstanceRestore.Started started = restore.start(
                Plans.restoreWithEveryOption(RestoreType.FROM_SNAPSHOT, "prod", "qa", null, "prod-weekly"), EXECUTION);

        RestoreDbInstanceFromDbSnapshotRequest r = snapshotRequest();
        assertThat(r.dbInstanceIdentifier()).isEqualTo("qatemp");
        assertThat(r.dbSnapshotIdentifier()).isEqualTo("prod-weekly");
        assertThat(r.multiAZ()).isTrue();
        assertThat(r.enableIAMDatabaseAuthentication()).isTrue();
        assertThat(r.deletionProtection()).isTrue();
        assertThat(r.copyTagsToSnapshot()).isTrue();
        assertThat(r.autoMinorVersionUpgrade()).isFalse();
        assertThat(r.enableCloudwatchLogsExports()).containsExactly("error", "slowquery");
        assertThat(r.vpcSecurityGroupIds()).containsExactly("sg-0a1b", "sg-0c2d");
        assertThat(r.dbParameterGroupName()).isEqualTo("nonprod-params");
        assertThat(r.dbSubnetGroupName()).isEqualTo("nonprod-subnets");
        assertThat(r.dbInstanceClass()).isEqualTo("db.r6g.large");
        assertThat(r.storageType()).isEqualTo("io1");
        assertThat(r.iops()).isEqualTo(3000);
        assertThat(r.port()).isEqualTo(3307);
        assertThat(r.dbName()).isEqualTo("appdb");
        assertThat(r.tags()).contains(Tag.builder().key("dbrefresh:execution").value(EXECUTION).build(),
                Tag.builder().key("dbrefresh:managed").value("true").build());
        assertThat(started.alignedTo()).isEqualTo(taken);
        assertThat(started.snapshot()).isEqualTo("prod-weekly");
    }

    @Test
    void restore_fromSnapshotWithoutName_usesLatestSnapshotByTime() {
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        // listed newest-in-the-middle; a newer one still being created must not be chosen
        doReturn(DescribeDbSnapshotsResponse.builder().dbSnapshots(
                snap("rds:prod-2024-04-30", "available", t.minusSeconds(86_400)),
                snap("prod-newest", "available", t),
                snap("prod-creating", "creating", t.plusSeconds(3_600)),
                snap("prod-old", "available", t.minusSeconds(7 * 86_400))).build())
                .when(rds).describeDBSnapshots(org.mockito.ArgumentMatchers.argThat((DescribeDbSnapshotsRequest r) -> r != null
                        && "prod".equals(r.dbInstanceIdentifier())));

        InstanceRestore.Started started = restore.start(Plans.restore(RestoreType.FROM_SNAPSHOT, "prod", "qa"), EXECUTION);

        assertThat(snapshotRequest().dbSnapshotIdentifier()).isEqualTo("prod-newest");
        assertThat(started.alignedTo()).isEqualTo(t);
    }

    @Test
    void restore_fromSnapshotWithoutName_looksAtEveryPage() {
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        doReturn(DescribeDbSnapshotsResponse.builder().dbSnapshots(snap("prod-newest", "available", t)).marker("page2").build(),
                DescribeDbSnapshotsResponse.builder().dbSnapshots(snap("prod-older", "available", t.minusSeconds(60))).build())
                .when(rds).describeDBSnapshots(any(DescribeDbSnapshotsRequest.class));

        restore.start(Plans.restore(RestoreType.FROM_SNAPSHOT, "prod", "qa"), EXECUTION);

        assertThat(snapshotRequest().dbSnapshotIdentifier()).isEqualTo("prod-newest");
        ArgumentCaptor<DescribeDbSnapshotsRequest> lists = ArgumentCaptor.forClass(DescribeDbSnapshotsRequest.class);
        verify(rds, org.mockito.Mockito.times(2)).describeDBSnapshots(lists.capture());
        assertThat(lists.getAllValues().get(1).marker()).isEqualTo("page2");
    }

    @Test
    void restore_fromSnapshotSharedByAnotherAccount_findsItAmongSharedSnapshotsAndRestoresByArn() {
        String sharedArn = RdsStubs.snapshotArn("999988887777", "prod-export");
        doReturn(DescribeDbSnapshotsResponse.builder().dbSnapshots(DBSnapshot.builder().dbSnapshotIdentifier(sharedArn)
                .dbSnapshotArn(sharedArn).snapshotType("shared").status("available")
                .snapshotCreateTime(Instant.parse("2024-05-01T02:00:00Z")).build()).build())
                .when(rds).describeDBSnapshots(org.mockito.ArgumentMatchers.argThat((DescribeDbSnapshotsRequest r) -> r != null
                        && "shared".equals(r.snapshotType())));

        restore.start(Plans.restore(RestoreType.FROM_SNAPSHOT, "prod", "qa", null, sharedArn, null), EXECUTION);

        assertThat(snapshotRequest().dbSnapshotIdentifier()).isEqualTo(sharedArn);
        ArgumentCaptor<DescribeDbSnapshotsRequest> list = ArgumentCaptor.forClass(DescribeDbSnapshotsRequest.class);
        verify(rds).describeDBSnapshots(list.capture());
        assertThat(list.getValue().includeShared()).isTrue();
        assertThat(list.getValue().snapshotType()).isEqualTo("shared");
    }

    @Test
    void restore_sharedEncryptedSnapshotWithKmsKey_copiesItWithThatKeyBeforeRestoring() {
        String sharedArn = RdsStubs.snapshotArn("999988887777", "prod-export");
        Instant original = Instant.parse("2024-05-01T02:00:00Z");
        doReturn(DescribeDbSnapshotsResponse.builder().dbSnapshots(DBSnapshot.builder().dbSnapshotIdentifier(sharedArn)
                .dbSnapshotArn(sharedArn).snapshotType("shared").status("available").encrypted(true)
                .snapshotCreateTime(original.plusSeconds(600)).originalSnapshotCreateTime(original).build()).build())
                .when(rds).describeDBSnapshots(org.mockito.ArgumentMatchers.argThat((DescribeDbSnapshotsRequest r) -> r != null
                        && "shared".equals(r.snapshotType())));
        String key = "arn:aws:kms:us-east-1:123456789012:key/1111-2222";

        InstanceRestore.Started started = restore.start(
                Plans.restore(RestoreType.FROM_SNAPSHOT, "prod", "qa", null, sharedArn, key), EXECUTION);

        ArgumentCaptor<CopyDbSnapshotRequest> copy = ArgumentCaptor.forClass(CopyDbSnapshotRequest.class);
        verify(rds).copyDBSnapshot(copy.capture());
        assertThat(copy.getValue().sourceDBSnapshotIdentifier()).isEqualTo(sharedArn);
        assertThat(copy.getValue().kmsKeyId()).isEqualTo(key);
        assertThat(copy.getValue().targetDBSnapshotIdentifier()).isEqualTo(started.snapshot()).startsWith("qatemp-copy-");
        verify(rds, never()).restoreDBInstanceFromDBSnapshot(any(RestoreDbInstanceFromDbSnapshotRequest.class));
        assertThat(started.alignedTo()).as("the data's time, not the copy's").isEqualTo(original);
    }

    @Test
    void progress_copyOfSharedSnapshotAvailable_restoresTheCopyIntoTemp() {
        RestoreSpec spec = Plans.restore(RestoreType.FROM_SNAPSHOT, "prod", "qa", null,
                RdsStubs.snapshotArn("999988887777", "prod-export"), "alias/nonprod");
        RdsStubs.snapshot(rds, DBSnapshot.builder().dbSnapshotIdentifier("qatemp-copy-0a0b0c0d").status("available").build());

        Observation seen = restore.progress(spec, "qatemp-copy-0a0b0c0d", Instant.parse("2024-05-01T02:00:00Z"), EXECUTION);

        assertThat(seen.progress()).isEqualTo(Progress.IN_PROGRESS);
        RestoreDbInstanceFromDbSnapshotRequest r = snapshotRequest();
        assertThat(r.dbSnapshotIdentifier()).isEqualTo("qatemp-copy-0a0b0c0d");
        assertThat(r.dbInstanceIdentifier()).isEqualTo("qatemp");
    }

    @Test
    void restore_tempAlreadyRestoredByThisExecution_reportsProgressWithoutRestoringAgain() {
        sourceExists();
        RdsStubs.describes(rds, instance("qatemp", "creating").build());
        RdsStubs.tags(rds, arn("qatemp"), Map.of("dbrefresh:execution", EXECUTION, "dbrefresh:aligned-to", SOURCE_LATEST.toString()));

        InstanceRestore.Started started = restore.start(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), EXECUTION);

        verify(rds, never()).restoreDBInstanceToPointInTime(any(RestoreDbInstanceToPointInTimeRequest.class));
        assertThat(started.resumed()).isTrue();
        assertThat(started.alignedTo()).isEqualTo(SOURCE_LATEST);
    }

    @Test
    void restore_tempLeftByAnotherRun_failsWithoutTouchingIt() {
        sourceExists();
        RdsStubs.describes(rds, instance("qatemp", "available").build());
        RdsStubs.tags(rds, arn("qatemp"), Map.of("dbrefresh:execution", "an-older-run"));

        assertThatThrownBy(() -> restore.start(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), EXECUTION))
                .isInstanceOf(UnsafeTargetException.class)
                .hasMessageContaining("qatemp").hasMessageContaining("another run").hasMessageContaining("an-older-run");
        verify(rds, never()).restoreDBInstanceToPointInTime(any(RestoreDbInstanceToPointInTimeRequest.class));
    }

    @Test
    void restore_recordsTheOldTargetsTagsBeforeAnythingReplacesIt() {
        sourceExists();
        RdsStubs.describes(rds, instance("qa", "stopped").build());
        RdsStubs.tags(rds, arn("qa"), Map.of("owner", "qa-team", "cost-centre", "42"));

        InstanceRestore.Started started = restore.start(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), EXECUTION);

        assertThat(started.targetTags()).containsExactlyInAnyOrderEntriesOf(Map.of("owner", "qa-team", "cost-centre", "42"));
    }

    @Test
    void progress_tempStatuses_mapToProgress() {
        RestoreSpec spec = Plans.restore(RestoreType.LATEST_POINT, "prod", "qa");
        RdsStubs.describes(rds, instance("qatemp", "creating").build(), instance("qatemp", "incompatible-restore").build(),
                instance("qatemp", "available").build());

        assertThat(restore.progress(spec, null, null, EXECUTION).progress()).isEqualTo(Progress.IN_PROGRESS);
        Observation failed = restore.progress(spec, null, null, EXECUTION);
        assertThat(failed.progress()).isEqualTo(Progress.FAILED);
        assertThat(failed.message()).contains("qatemp").contains("incompatible-restore");
        assertThat(restore.progress(spec, null, null, EXECUTION).progress()).isEqualTo(Progress.DONE);
    }

    @Test
    void progress_tempMissing_fails() {
        Observation seen = restore.progress(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), null, null, EXECUTION);

        assertThat(seen.progress()).isEqualTo(Progress.FAILED);
        assertThat(seen.message()).contains("qatemp");
    }

    private static DBSnapshot snap(String name, String status, Instant created) {
        return DBSnapshot.builder().dbSnapshotIdentifier(name).status(status).snapshotCreateTime(created)
                .snapshotType(name.startsWith("rds:") ? "automated" : "manual").build();
    }
}
