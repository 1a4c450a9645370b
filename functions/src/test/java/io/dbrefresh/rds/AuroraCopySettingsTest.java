package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.dbrefresh.refreshfile.InstanceSpec;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/** Aurora: the restored cluster and its writer take the old cluster's and old writer's settings the file leaves out. */
class AuroraCopySettingsTest {

    private static RestoreSpec clusterRestore(String clusterParameterGroup, Long backtrack) {
        return new RestoreSpec(RestoreType.LATEST_POINT, "prodclu", "devclu", "devclutemp", null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, clusterParameterGroup,
                "aurora-mysql", null, backtrack);
    }

    private static DBCluster configuredOldCluster() {
        return DBCluster.builder().dbClusterIdentifier("devclu")
                .vpcSecurityGroups(VpcSecurityGroupMembership.builder().vpcSecurityGroupId("sg-0bbb2222").build())
                .dbSubnetGroup("dev-subnets").dbClusterParameterGroup("dev-cluster-params").port(3310)
                .iamDatabaseAuthenticationEnabled(true).enabledCloudwatchLogsExports("audit").copyTagsToSnapshot(true)
                .deletionProtection(true).backupRetentionPeriod(10).preferredBackupWindow("03:00-03:30").backtrackWindow(3600L)
                .build();
    }

    private static InstanceSpec writerFile(String dbClass, Boolean insights, Boolean monitoring) {
        return new InstanceSpec("devclutemp", "devinst", "devinsttemp", dbClass, "aurora-mysql", null, null, null, null,
                insights, Boolean.TRUE.equals(insights) ? 7 : null, null, monitoring, Boolean.TRUE.equals(monitoring) ? 60 : null,
                Boolean.TRUE.equals(monitoring) ? "arn:aws:iam::123456789012:role/file-monitoring" : null);
    }

    private static DBInstance configuredOldWriter() {
        return DBInstance.builder().dbInstanceIdentifier("devinst").dbInstanceClass("db.r6g.xlarge")
                .dbParameterGroups(DBParameterGroupStatus.builder().dbParameterGroupName("dev-instance-params").build())
                .autoMinorVersionUpgrade(false).performanceInsightsEnabled(true).performanceInsightsRetentionPeriod(93)
                .performanceInsightsKMSKeyId("arn:aws:kms:us-east-1:123456789012:key/pi").monitoringInterval(15)
                .monitoringRoleArn("arn:aws:iam::123456789012:role/rds-monitoring").caCertificateIdentifier("rds-ca-rsa4096-g1")
                .preferredMaintenanceWindow("tue:02:00-tue:02:30").promotionTier(0).build();
    }

    @Test
    void theRestoredCluster_takesTheOldClustersSettingsTheFileLeavesOut() {
        ClusterCopySettings settings = ClusterCopySettings.of(clusterRestore(null, null), Optional.of(configuredOldCluster()));

        ClusterCopySettings.Cluster c = settings.effective();
        assertThat(c.securityGroupIds()).containsExactly("sg-0bbb2222");
        assertThat(c.subnetGroup()).isEqualTo("dev-subnets");
        assertThat(c.clusterParameterGroup()).isEqualTo("dev-cluster-params");
        assertThat(c.port()).isEqualTo(3310);
        assertThat(c.iamAuth()).isTrue();
        assertThat(c.cloudwatchLogsExports()).containsExactly("audit");
        assertThat(c.copyTagsToSnapshot()).isTrue();
        assertThat(c.deletionProtection()).isTrue();
        assertThat(c.backupRetentionDays()).isEqualTo(10);
        assertThat(c.backupWindow()).isEqualTo("03:00-03:30");
        assertThat(c.backtrackWindowSeconds()).isEqualTo(3600L);
        assertThat(settings.inherited()).hasSize(settings.rows().size());
    }

    @Test
    void theFilesClusterSettings_win_andADefaultClusterParameterGroupIsNotInherited() {
        ClusterCopySettings filed = ClusterCopySettings.of(clusterRestore("file-cluster-params", 600L), Optional.of(configuredOldCluster()));
        ClusterCopySettings onDefault = ClusterCopySettings.of(clusterRestore(null, null),
                Optional.of(configuredOldCluster().toBuilder().dbClusterParameterGroup("default.aurora-mysql8.0").build()));

        assertThat(filed.effective().clusterParameterGroup()).isEqualTo("file-cluster-params");
        assertThat(filed.effective().backtrackWindowSeconds()).isEqualTo(600L);
        assertThat(onDefault.effective().clusterParameterGroup()).isNull();
    }

    @Test
    void aFirstRefresh_inheritsNothing() {
        assertThat(ClusterCopySettings.of(clusterRestore(null, null), Optional.empty()).inherited()).isEmpty();
        assertThat(WriterSettings.of(writerFile("db.r6g.large", null, null), Optional.empty()).inherited()).isEmpty();
    }

    @Test
    void theWriter_takesTheOldWritersSettingsTheFileLeavesOut() {
        WriterSettings w = WriterSettings.of(writerFile(null, null, null), Optional.of(configuredOldWriter()));

        assertThat(w.dbClass()).isEqualTo("db.r6g.xlarge");
        assertThat(w.dbParameterGroup()).isEqualTo("dev-instance-params");
        assertThat(w.autoMinorVersionUpgrade()).isFalse();
        assertThat(w.performanceInsights()).isTrue();
        assertThat(w.performanceInsightsRetentionDays()).isEqualTo(93);
        assertThat(w.performanceInsightsKmsKeyId()).isEqualTo("arn:aws:kms:us-east-1:123456789012:key/pi");
        assertThat(w.monitoringIntervalSeconds()).isEqualTo(15);
        assertThat(w.monitoringRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/rds-monitoring");
        assertThat(w.caCertificate()).isEqualTo("rds-ca-rsa4096-g1");
        assertThat(w.maintenanceWindow()).isEqualTo("tue:02:00-tue:02:30");
        assertThat(w.promotionTier()).isZero();
    }

    @Test
    void theFilesWriterSettings_decideAWholeFeature_whenTheyStateIt() {
        WriterSettings off = WriterSettings.of(writerFile("db.r6g.large", false, false), Optional.of(configuredOldWriter()));
        WriterSettings on = WriterSettings.of(writerFile("db.r6g.large", true, true), Optional.of(configuredOldWriter()));

        assertThat(off.dbClass()).isEqualTo("db.r6g.large");
        assertThat(off.performanceInsights()).isFalse();
        assertThat(off.performanceInsightsRetentionDays()).as("not the old writer's: the file turned the feature off").isNull();
        assertThat(off.monitoringIntervalSeconds()).isZero();
        assertThat(off.monitoringRoleArn()).isNull();
        assertThat(on.performanceInsightsRetentionDays()).isEqualTo(7);
        assertThat(on.monitoringIntervalSeconds()).isEqualTo(60);
        assertThat(on.monitoringRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/file-monitoring");
    }
}
