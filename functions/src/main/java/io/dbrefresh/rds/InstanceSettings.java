package io.dbrefresh.rds;

import java.util.List;

import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * The settings of an RDS instance that a refreshed copy keeps: what a DBA configured on the
 * non-production database and expects to find again after a refresh. Null means unknown or not
 * set. {@link CopySettings} decides, setting by setting, whether the copy takes the refresh
 * file's value, the old target's or the AWS default.
 */
public record InstanceSettings(
        List<String> securityGroupIds,
        String subnetGroup,
        String dbParameterGroup,
        String optionGroup,
        String dbClass,
        String storageType,
        Integer allocatedStorage,
        Integer iops,
        Integer storageThroughput,
        Integer maxAllocatedStorage,
        Boolean multiAz,
        Integer backupRetentionDays,
        String backupWindow,
        String maintenanceWindow,
        Integer monitoringIntervalSeconds,
        String monitoringRoleArn,
        Boolean performanceInsights,
        Integer performanceInsightsRetentionDays,
        String performanceInsightsKmsKeyId,
        Boolean deletionProtection,
        String caCertificate,
        Boolean iamAuth,
        Boolean copyTagsToSnapshot,
        List<String> cloudwatchLogsExports,
        Integer port,
        Boolean autoMinorVersionUpgrade,
        String networkType) {

    /** What a described instance is configured with. */
    public static InstanceSettings of(DBInstance i) {
        boolean pi = Boolean.TRUE.equals(i.performanceInsightsEnabled());
        Integer interval = i.monitoringInterval();
        return new InstanceSettings(
                i.hasVpcSecurityGroups() && !i.vpcSecurityGroups().isEmpty()
                        ? i.vpcSecurityGroups().stream().map(g -> g.vpcSecurityGroupId()).toList() : null,
                i.dbSubnetGroup() == null ? null : i.dbSubnetGroup().dbSubnetGroupName(),
                i.hasDbParameterGroups() && !i.dbParameterGroups().isEmpty() ? i.dbParameterGroups().get(0).dbParameterGroupName() : null,
                i.hasOptionGroupMemberships() && !i.optionGroupMemberships().isEmpty()
                        ? i.optionGroupMemberships().get(0).optionGroupName() : null,
                i.dbInstanceClass(),
                i.storageType(),
                i.allocatedStorage(),
                i.iops(),
                i.storageThroughput(),
                i.maxAllocatedStorage(),
                i.multiAZ(),
                i.backupRetentionPeriod(),
                i.preferredBackupWindow(),
                i.preferredMaintenanceWindow(),
                interval,
                interval != null && interval > 0 ? i.monitoringRoleArn() : null,
                i.performanceInsightsEnabled(),
                pi ? i.performanceInsightsRetentionPeriod() : null,
                pi ? i.performanceInsightsKMSKeyId() : null,
                i.deletionProtection(),
                i.caCertificateIdentifier(),
                i.iamDatabaseAuthenticationEnabled(),
                i.copyTagsToSnapshot(),
                i.hasEnabledCloudwatchLogsExports() && !i.enabledCloudwatchLogsExports().isEmpty()
                        ? List.copyOf(i.enabledCloudwatchLogsExports()) : null,
                i.endpoint() != null && i.endpoint().port() != null ? i.endpoint().port() : i.dbInstancePort(),
                i.autoMinorVersionUpgrade(),
                i.networkType());
    }
}
