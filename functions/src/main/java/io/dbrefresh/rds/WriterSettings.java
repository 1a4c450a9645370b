package io.dbrefresh.rds;

import java.util.List;
import java.util.Optional;

import io.dbrefresh.refreshfile.InstanceSpec;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * The settings of the writer create-instance adds to the restored Aurora cluster, each from the
 * refresh file's {@code createinstance} block, else the old target cluster's writer, else the
 * AWS default. CreateDBInstance takes all of them, so nothing is left for a modify.
 *
 * @param rows every setting with where its value comes from
 */
public record WriterSettings(
        String dbClass,
        String dbParameterGroup,
        Boolean autoMinorVersionUpgrade,
        Boolean copyTagsToSnapshot,
        Boolean performanceInsights,
        Integer performanceInsightsRetentionDays,
        String performanceInsightsKmsKeyId,
        Integer monitoringIntervalSeconds,
        String monitoringRoleArn,
        String caCertificate,
        String maintenanceWindow,
        Integer promotionTier,
        List<CopySettings.Setting> rows) {

    /** The writer's settings, given the old cluster's writer (empty: a first refresh, or no writer). */
    public static WriterSettings of(InstanceSpec file, Optional<DBInstance> oldWriter) {
        DBInstance old = oldWriter.orElse(null);
        SettingPicker p = new SettingPicker(old != null);
        boolean oldInsights = old != null && Boolean.TRUE.equals(old.performanceInsightsEnabled());
        boolean oldMonitoring = old != null && old.monitoringInterval() != null && old.monitoringInterval() > 0;
        // the file's enhancedmon and perfinsights decide the whole feature when stated, the old writer's otherwise
        Integer fileInterval = file.enhancedMonitoring() == null ? null : ClusterInstances.monitoringInterval(file);
        String dbClass = p.pick("writer instance class", "/createinstance/dbclass", file.dbClass(), old == null ? null : old.dbInstanceClass(), true);
        String parameterGroup = p.pick("writer DB parameter group", "/createinstance/dbparamgrp", file.dbParameterGroup(),
                old == null || !old.hasDbParameterGroups() || old.dbParameterGroups().isEmpty() ? null
                        : CopySettings.ownGroup(old.dbParameterGroups().get(0).dbParameterGroupName()), true);
        Boolean autoMinor = p.pick("writer auto minor version upgrade", "/createinstance/autominor", file.autoMinorVersionUpgrade(),
                old == null ? null : old.autoMinorVersionUpgrade(), true);
        // AWS: the cluster's own setting decides what its snapshots copy; the writer keeps its value as it is told
        Boolean copyTags = p.pick("writer copy tags to snapshots", "/createinstance/copytagstosnap", file.copyTagsToSnapshot(),
                old == null ? null : old.copyTagsToSnapshot(), true);
        Boolean insights = p.pick("writer Performance Insights", "/createinstance/perfinsights", file.performanceInsights(),
                old == null ? null : old.performanceInsightsEnabled(), true);
        boolean insightsFromFile = file.performanceInsights() != null;
        Integer retention = p.pick("writer Performance Insights retention (days)", "/createinstance/retention",
                insightsFromFile ? file.performanceInsightsRetentionDays() : null,
                !insightsFromFile && oldInsights ? old.performanceInsightsRetentionPeriod() : null, true);
        String insightsKey = p.pick("writer Performance Insights KMS key", "/createinstance/kmskeyid",
                insightsFromFile ? file.performanceInsightsKmsKeyId() : null,
                !insightsFromFile && oldInsights ? old.performanceInsightsKMSKeyId() : null, true);
        boolean monitoringFromFile = file.enhancedMonitoring() != null;
        Integer interval = p.pick("writer enhanced monitoring interval (s)", "/createinstance/interval", fileInterval,
                !monitoringFromFile && old != null ? old.monitoringInterval() : null, true);
        String role = p.pick("writer enhanced monitoring role", "/createinstance/rolearn",
                monitoringFromFile ? file.monitoringRoleArn() : null,
                !monitoringFromFile && oldMonitoring ? old.monitoringRoleArn() : null, true);
        String ca = p.pick("writer CA certificate", null, null, old == null ? null : old.caCertificateIdentifier(), true);
        String window = p.pick("writer maintenance window", null, null, old == null ? null : old.preferredMaintenanceWindow(), true);
        Integer tier = p.pick("writer promotion tier", null, null, old == null ? null : old.promotionTier(), true);
        return new WriterSettings(dbClass, parameterGroup, autoMinor, copyTags, insights, retention, insightsKey, interval, role, ca, window, tier,
                p.rows());
    }

    /** The settings the writer takes from the old writer, for the step's message. */
    public List<CopySettings.Setting> inherited() {
        return rows.stream().filter(r -> r.origin() == CopySettings.Origin.OLD_TARGET).toList();
    }
}
