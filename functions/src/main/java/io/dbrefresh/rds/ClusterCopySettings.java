package io.dbrefresh.rds;

import java.util.List;
import java.util.Optional;

import io.dbrefresh.refreshfile.RestoreSpec;
import software.amazon.awssdk.services.rds.model.DBCluster;

/**
 * The settings an Aurora copy (the restored cluster) is given, each from the refresh file, else
 * the old target cluster, else the AWS default: {@link CopySettings}' rule for clusters. Every
 * one of them is taken by the cluster restore calls; the instances' settings are
 * {@link WriterSettings}'.
 *
 * @param effective the values the restored cluster gets (null: the AWS default)
 * @param rows      every setting with where its value comes from
 */
public record ClusterCopySettings(Cluster effective, List<CopySettings.Setting> rows) {

    /** What the cluster restore requests carry. */
    public record Cluster(
            List<String> securityGroupIds,
            String subnetGroup,
            String clusterParameterGroup,
            Integer port,
            Boolean iamAuth,
            List<String> cloudwatchLogsExports,
            Boolean copyTagsToSnapshot,
            Boolean deletionProtection,
            Integer backupRetentionDays,
            String backupWindow,
            Long backtrackWindowSeconds) {
    }

    /** The settings of a cluster that replaces {@code oldTarget} (empty: a first refresh). */
    public static ClusterCopySettings of(RestoreSpec file, Optional<DBCluster> oldTarget) {
        DBCluster old = oldTarget.orElse(null);
        SettingPicker p = new SettingPicker(old != null);
        boolean sameNetwork = file.subnetGroup() == null || old == null || file.subnetGroup().equals(old.dbSubnetGroup());
        Cluster effective = new Cluster(
                p.pick("VPC security groups", "/restore/secgrpids", file.securityGroupIds(),
                        old == null || !sameNetwork || !old.hasVpcSecurityGroups() || old.vpcSecurityGroups().isEmpty() ? null
                                : old.vpcSecurityGroups().stream().map(g -> g.vpcSecurityGroupId()).toList(), true),
                p.pick("subnet group", "/restore/subgrp", file.subnetGroup(), old == null ? null : old.dbSubnetGroup(), true),
                p.pick("DB cluster parameter group", "/restore/cluparamgrp", file.clusterParameterGroup(),
                        old == null ? null : CopySettings.ownGroup(old.dbClusterParameterGroup()), true),
                p.pick("port", "/restore/port", file.port(), old == null ? null : old.port(), true),
                p.pick("IAM database authentication", "/restore/iamdbauth", file.iamAuth(),
                        old == null ? null : old.iamDatabaseAuthenticationEnabled(), true),
                p.pick("CloudWatch log exports", "/restore/cwalogs", file.cloudwatchLogsExports(),
                        old == null || !old.hasEnabledCloudwatchLogsExports() || old.enabledCloudwatchLogsExports().isEmpty() ? null
                                : List.copyOf(old.enabledCloudwatchLogsExports()), true),
                p.pick("copy tags to snapshots", "/restore/copytagstosnap", file.copyTagsToSnapshot(),
                        old == null ? null : old.copyTagsToSnapshot(), true),
                p.pick("deletion protection", "/restore/deletionprotection", file.deletionProtection(),
                        old == null ? null : old.deletionProtection(), true),
                p.pick("backup retention (days)", null, null, old == null ? null : old.backupRetentionPeriod(), true),
                p.pick("backup window", null, null, old == null ? null : old.preferredBackupWindow(), true),
                p.pick("backtrack window (s)", "/restore/backtrack", file.backtrackWindowSeconds(),
                        old == null || old.backtrackWindow() == null || old.backtrackWindow() == 0 ? null : old.backtrackWindow(), true));
        return new ClusterCopySettings(effective, p.rows());
    }

    /** The settings the cluster takes from the old target, for the step's message. */
    public List<CopySettings.Setting> inherited() {
        return rows.stream().filter(r -> r.origin() == CopySettings.Origin.OLD_TARGET).toList();
    }
}
