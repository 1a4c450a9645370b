package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.testing.Plans;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.Endpoint;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.OptionGroupMembership;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/** The merge of the refresh file and the old target: the file wins, the old target fills what it leaves out. */
class CopySettingsTest {

    /** A non-production instance a DBA configured away from every default. */
    static DBInstance configuredOldTarget() {
        return DBInstance.builder().dbInstanceIdentifier("qa").dbInstanceStatus("available")
                .vpcSecurityGroups(VpcSecurityGroupMembership.builder().vpcSecurityGroupId("sg-0aaa1111").status("active").build())
                .dbSubnetGroup(DBSubnetGroup.builder().dbSubnetGroupName("qa-subnets").build())
                .dbParameterGroups(DBParameterGroupStatus.builder().dbParameterGroupName("qa-params").build())
                .optionGroupMemberships(OptionGroupMembership.builder().optionGroupName("qa-options").build())
                .dbInstanceClass("db.t3.large").storageType("gp3").allocatedStorage(500).iops(12000).storageThroughput(500)
                .maxAllocatedStorage(1000).multiAZ(true).backupRetentionPeriod(14).preferredBackupWindow("02:00-02:30")
                .preferredMaintenanceWindow("sun:04:00-sun:04:30").monitoringInterval(30)
                .monitoringRoleArn("arn:aws:iam::123456789012:role/rds-monitoring").performanceInsightsEnabled(true)
                .performanceInsightsRetentionPeriod(31).performanceInsightsKMSKeyId("arn:aws:kms:us-east-1:123456789012:key/pi")
                .deletionProtection(true).caCertificateIdentifier("rds-ca-rsa2048-g1").iamDatabaseAuthenticationEnabled(true)
                .copyTagsToSnapshot(true).enabledCloudwatchLogsExports("error", "slowquery")
                .endpoint(Endpoint.builder().port(3307).build()).autoMinorVersionUpgrade(false).networkType("DUAL")
                .build();
    }

    private static Object value(CopySettings settings, String name) {
        return settings.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().value();
    }

    private static CopySettings.Origin origin(CopySettings settings, String name) {
        return settings.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().origin();
    }

    @Test
    void aFileThatNamesNothing_givesTheCopyEveryOneOfTheOldTargetsSettings() {
        CopySettings settings = CopySettings.of(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"),
                Optional.of(InstanceSettings.of(configuredOldTarget())));

        InstanceSettings copy = settings.effective();
        assertThat(copy.securityGroupIds()).containsExactly("sg-0aaa1111");
        assertThat(copy.subnetGroup()).isEqualTo("qa-subnets");
        assertThat(copy.dbParameterGroup()).isEqualTo("qa-params");
        assertThat(copy.optionGroup()).isEqualTo("qa-options");
        assertThat(copy.dbClass()).isEqualTo("db.t3.large");
        assertThat(copy.storageType()).isEqualTo("gp3");
        assertThat(copy.iops()).isEqualTo(12000);
        assertThat(copy.storageThroughput()).isEqualTo(500);
        assertThat(copy.maxAllocatedStorage()).isEqualTo(1000);
        assertThat(copy.multiAz()).isTrue();
        assertThat(copy.backupRetentionDays()).isEqualTo(14);
        assertThat(copy.backupWindow()).isEqualTo("02:00-02:30");
        assertThat(copy.maintenanceWindow()).isEqualTo("sun:04:00-sun:04:30");
        assertThat(copy.monitoringIntervalSeconds()).isEqualTo(30);
        assertThat(copy.monitoringRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/rds-monitoring");
        assertThat(copy.performanceInsights()).isTrue();
        assertThat(copy.performanceInsightsRetentionDays()).isEqualTo(31);
        assertThat(copy.performanceInsightsKmsKeyId()).isEqualTo("arn:aws:kms:us-east-1:123456789012:key/pi");
        assertThat(copy.deletionProtection()).isTrue();
        assertThat(copy.caCertificate()).isEqualTo("rds-ca-rsa2048-g1");
        assertThat(copy.iamAuth()).isTrue();
        assertThat(copy.copyTagsToSnapshot()).isTrue();
        assertThat(copy.cloudwatchLogsExports()).containsExactly("error", "slowquery");
        assertThat(copy.port()).isEqualTo(3307);
        assertThat(copy.autoMinorVersionUpgrade()).isFalse();
        assertThat(copy.networkType()).isEqualTo("DUAL");
        assertThat(settings.rows()).allSatisfy(r -> assertThat(r.origin()).as(r.name()).isEqualTo(CopySettings.Origin.OLD_TARGET));
    }

    @Test
    void whatTheFileStates_winsOverTheOldTarget() {
        RestoreSpec file = Plans.restoreWithEveryOption(RestoreType.LATEST_POINT, "prod", "qa", null, null);

        CopySettings settings = CopySettings.of(file, Optional.of(InstanceSettings.of(configuredOldTarget())));

        assertThat(settings.effective().dbParameterGroup()).isEqualTo("nonprod-params");
        assertThat(settings.effective().dbClass()).isEqualTo("db.r6g.large");
        assertThat(settings.effective().port()).isEqualTo(3307);
        assertThat(settings.effective().storageType()).isEqualTo("io1");
        assertThat(settings.effective().iops()).isEqualTo(3000);
        assertThat(settings.effective().autoMinorVersionUpgrade()).isFalse();
        assertThat(origin(settings, "DB parameter group")).isEqualTo(CopySettings.Origin.FILE);
        assertThat(origin(settings, "VPC security groups")).isEqualTo(CopySettings.Origin.FILE);
        // the file has no key for these: the old target's stay
        assertThat(origin(settings, "backup retention (days)")).isEqualTo(CopySettings.Origin.OLD_TARGET);
        assertThat(value(settings, "option group")).isEqualTo("qa-options");
    }

    @Test
    void anotherSubnetGroupInTheFile_doesNotTakeTheOldTargetsSecurityGroups() {
        RestoreSpec file = new RestoreSpec(RestoreType.LATEST_POINT, "prod", "qa", "qatemp", null, null, null,
                null, "other-vpc-subnets", null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);

        CopySettings settings = CopySettings.of(file, Optional.of(InstanceSettings.of(configuredOldTarget())));

        assertThat(settings.effective().subnetGroup()).isEqualTo("other-vpc-subnets");
        assertThat(settings.effective().securityGroupIds()).isNull();
        assertThat(origin(settings, "VPC security groups")).isEqualTo(CopySettings.Origin.DEFAULT);
    }

    @Test
    void anotherStorageTypeInTheFile_doesNotTakeTheOldTargetsIops() {
        RestoreSpec file = new RestoreSpec(RestoreType.LATEST_POINT, "prod", "qa", "qatemp", null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, "gp2", null, null, null, null, null, null);

        CopySettings settings = CopySettings.of(file, Optional.of(InstanceSettings.of(configuredOldTarget())));

        assertThat(settings.effective().storageType()).isEqualTo("gp2");
        assertThat(settings.effective().iops()).isNull();
        assertThat(settings.effective().storageThroughput()).isNull();
    }

    @Test
    void aFirstRefresh_hasNoOldTarget_andLeavesEveryUnstatedSettingToTheDefault() {
        CopySettings settings = CopySettings.of(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), Optional.empty());

        assertThat(settings.inherited()).isEmpty();
        assertThat(settings.rows()).allSatisfy(r -> assertThat(r.origin()).isEqualTo(CopySettings.Origin.DEFAULT));
        assertThat(settings.effective().backupRetentionDays()).isNull();
    }

    @Test
    void afterRestore_modifiesTheCopyWithWhatTheRestoreCannotTake_untilTheCopyHasIt() {
        CopySettings settings = CopySettings.of(Plans.restore(RestoreType.FROM_SNAPSHOT, "prod", "qa"),
                Optional.of(InstanceSettings.of(configuredOldTarget())));
        DBInstance freshCopy = DBInstance.builder().dbInstanceIdentifier("qatemp").monitoringInterval(0)
                .performanceInsightsEnabled(false).preferredMaintenanceWindow("mon:01:00-mon:01:30").build();

        ModifyDbInstanceRequest modify = settings.afterRestore(freshCopy).orElseThrow();

        assertThat(modify.dbInstanceIdentifier()).isEqualTo("qatemp");
        assertThat(modify.applyImmediately()).isTrue();
        assertThat(modify.preferredMaintenanceWindow()).isEqualTo("sun:04:00-sun:04:30");
        assertThat(modify.monitoringInterval()).isEqualTo(30);
        assertThat(modify.monitoringRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/rds-monitoring");
        assertThat(modify.enablePerformanceInsights()).isTrue();
        assertThat(modify.performanceInsightsRetentionPeriod()).isEqualTo(31);
        assertThat(modify.maxAllocatedStorage()).isEqualTo(1000);
        assertThat(settings.afterRestore(configuredOldTarget().toBuilder().dbInstanceIdentifier("qatemp").build())).isEmpty();
    }

    @Test
    void afterRestore_makesACopyThatCameUpPublicPrivate_untilTheSwap() {
        CopySettings settings = CopySettings.of(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), Optional.empty());

        ModifyDbInstanceRequest modify = settings.afterRestore(DBInstance.builder().dbInstanceIdentifier("qatemp")
                .publiclyAccessible(true).build()).orElseThrow();

        assertThat(modify.publiclyAccessible()).isFalse();
        assertThat(modify.applyImmediately()).isTrue();
        assertThat(CopySettings.describe(modify)).isEqualTo("public access off");
        assertThat(settings.afterRestore(DBInstance.builder().dbInstanceIdentifier("qatemp").publiclyAccessible(false).build()))
                .as("a private copy is left alone").isEmpty();
    }

    @Test
    void afterRestore_hasNothingToDo_forAFirstRefresh() {
        CopySettings settings = CopySettings.of(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), Optional.empty());

        assertThat(settings.afterRestore(DBInstance.builder().dbInstanceIdentifier("qatemp").build())).isEmpty();
    }

    @Test
    void everyRow_namesTheFileKeyThatOverridesIt_whereTheFileHasOne() {
        CopySettings settings = CopySettings.of(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), Optional.empty());

        assertThat(settings.rows()).extracting(CopySettings.Setting::path).filteredOn(p -> p != null)
                .containsExactly("/restore/secgrpids", "/restore/subgrp", "/restore/dbparamgrp", "/restore/optgrp",
                        "/restore/dbclass", "/restore/storagetype", "/restore/iops", "/restore/multiaz",
                        "/restore/deletionprotection", "/restore/iamdbauth", "/restore/copytagstosnap", "/restore/cwalogs",
                        "/restore/port", "/restore/autominor");
        assertThat(settings.rows()).hasSize(26);
        assertThat(List.of("maintenance window", "enhanced monitoring interval (s)", "Performance Insights"))
                .allSatisfy(n -> assertThat(settings.rows().stream().filter(r -> r.name().equals(n)).findFirst().orElseThrow().atRestore())
                        .isFalse());
    }

    @Test
    void theOldTargetsDefaultGroups_areNotInherited_theCopyGetsTheDefaultsOfItsOwnVersion() {
        DBInstance onDefaults = configuredOldTarget().toBuilder()
                .dbParameterGroups(DBParameterGroupStatus.builder().dbParameterGroupName("default.mysql5.7").build())
                .optionGroupMemberships(OptionGroupMembership.builder().optionGroupName("default:mysql-5-7").build()).build();

        CopySettings settings = CopySettings.of(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"),
                Optional.of(InstanceSettings.of(onDefaults)));

        assertThat(settings.effective().dbParameterGroup()).isNull();
        assertThat(settings.effective().optionGroup()).isNull();
        assertThat(origin(settings, "option group")).isEqualTo(CopySettings.Origin.DEFAULT);
    }
}
