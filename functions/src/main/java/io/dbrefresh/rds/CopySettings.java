package io.dbrefresh.rds;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.dbrefresh.refreshfile.RestoreSpec;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

/**
 * The settings an RDS copy is given, each from the first of: the refresh file, the old target
 * (the instance the copy replaces, as it is when the restore starts), the AWS default. Without
 * this a refresh that names no security group, parameter group or backup retention would give
 * the non-production database RDS's defaults (the VPC's default security group, the default
 * parameter group, one day of backups) in place of what its DBA had configured.
 *
 * <p>Most settings go into the restore request. RestoreDBInstance* takes no maintenance
 * window, enhanced monitoring or Performance Insights (and the snapshot restore no storage
 * autoscaling maximum): {@link #afterRestore} modifies the copy with those once it is
 * available, before the swap.
 *
 * @param effective the values the copy gets (null: the AWS default, or the source's)
 * @param rows      every setting with where its value comes from, for the plan and the step's message
 */
public record CopySettings(InstanceSettings effective, List<Setting> rows) {

    /** Where a setting's value comes from. */
    public enum Origin {
        FILE("refresh file"), OLD_TARGET("old target"), DEFAULT("AWS default");

        private final String label;

        Origin(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One setting of the copy.
     *
     * @param path       the refresh file's key that overrides it, or null when the file has none
     * @param atRestore  false when the restore call cannot take it and a modify after the restore applies it
     */
    public record Setting(String name, String path, Object value, Origin origin, boolean atRestore) {
    }

    /** gp3 takes IOPS and throughput only from 400 GiB (200 GiB for Oracle's lower bound is not relied on). */
    static final int GP3_PROVISIONED_FROM_GIB = 400;
    private static final Set<String> PROVISIONED_IOPS = Set.of("io1", "io2");

    /** The settings of a copy that replaces {@code oldTarget} (empty: a first refresh, nothing to inherit). */
    public static CopySettings of(RestoreSpec file, Optional<InstanceSettings> oldTarget) {
        InstanceSettings old = oldTarget.orElse(null);
        SettingPicker p = new SettingPicker(old != null);
        // another subnet group named in the file is another VPC, where the old target's groups do not exist
        boolean sameNetwork = file.subnetGroup() == null || old == null || file.subnetGroup().equals(old.subnetGroup());
        List<String> securityGroups = p.pick("VPC security groups", "/restore/secgrpids", file.securityGroupIds(),
                old == null || !sameNetwork ? null : old.securityGroupIds(), true);
        String subnetGroup = p.pick("subnet group", "/restore/subgrp", file.subnetGroup(), old == null ? null : old.subnetGroup(), true);
        String parameterGroup = p.pick("DB parameter group", "/restore/dbparamgrp", file.dbParameterGroup(),
                old == null ? null : ownGroup(old.dbParameterGroup()), true);
        String optionGroup = p.pick("option group", "/restore/optgrp", file.optionGroup(),
                old == null ? null : ownGroup(old.optionGroup()), true);
        String dbClass = p.pick("instance class", "/restore/dbclass", file.dbClass(), old == null ? null : old.dbClass(), true);
        boolean storageFromFile = file.storageType() != null;
        String storageType = p.pick("storage type", "/restore/storagetype", file.storageType(), old == null ? null : old.storageType(), true);
        boolean provisioned = storageType != null && (PROVISIONED_IOPS.contains(storageType)
                || ("gp3".equals(storageType) && old != null && old.allocatedStorage() != null && old.allocatedStorage() >= GP3_PROVISIONED_FROM_GIB));
        // the old target's IOPS belong to its storage type: a file that changes the type sets its own
        boolean inheritIops = provisioned && old != null && (!storageFromFile || file.storageType().equals(old.storageType()));
        InstanceSettings effective = new InstanceSettings(
                securityGroups,
                subnetGroup,
                parameterGroup,
                optionGroup,
                dbClass,
                storageType,
                null,
                p.pick("IOPS", "/restore/iops", file.iops(), inheritIops ? old.iops() : null, true),
                p.pick("storage throughput", null, null, inheritIops && "gp3".equals(storageType) ? old.storageThroughput() : null, true),
                p.pick("storage autoscaling maximum", null, null, old == null ? null : old.maxAllocatedStorage(), false),
                p.pick("Multi-AZ", "/restore/multiaz", file.multiAz(), old == null ? null : old.multiAz(), true),
                p.pick("backup retention (days)", null, null, old == null ? null : old.backupRetentionDays(), true),
                p.pick("backup window", null, null, old == null ? null : old.backupWindow(), true),
                p.pick("maintenance window", null, null, old == null ? null : old.maintenanceWindow(), false),
                p.pick("enhanced monitoring interval (s)", null, null, old == null ? null : old.monitoringIntervalSeconds(), false),
                p.pick("enhanced monitoring role", null, null, old == null ? null : old.monitoringRoleArn(), false),
                p.pick("Performance Insights", null, null, old == null ? null : old.performanceInsights(), false),
                p.pick("Performance Insights retention (days)", null, null, old == null ? null : old.performanceInsightsRetentionDays(), false),
                p.pick("Performance Insights KMS key", null, null, old == null ? null : old.performanceInsightsKmsKeyId(), false),
                p.pick("deletion protection", "/restore/deletionprotection", file.deletionProtection(),
                        old == null ? null : old.deletionProtection(), true),
                p.pick("CA certificate", null, null, old == null ? null : old.caCertificate(), true),
                p.pick("IAM database authentication", "/restore/iamdbauth", file.iamAuth(), old == null ? null : old.iamAuth(), true),
                p.pick("copy tags to snapshots", "/restore/copytagstosnap", file.copyTagsToSnapshot(),
                        old == null ? null : old.copyTagsToSnapshot(), true),
                p.pick("CloudWatch log exports", "/restore/cwalogs", file.cloudwatchLogsExports(),
                        old == null ? null : old.cloudwatchLogsExports(), true),
                p.pick("port", "/restore/port", file.port(), old == null ? null : old.port(), true),
                p.pick("auto minor version upgrade", "/restore/autominor", file.autoMinorVersionUpgrade(),
                        old == null ? null : old.autoMinorVersionUpgrade(), true),
                p.pick("network type", null, null, old == null ? null : old.networkType(), true));
        return new CopySettings(effective, p.rows());
    }

    /** The settings of a copy replacing the instance named {@code target}, read now. */
    public static CopySettings forTarget(RestoreSpec file, RdsInstances instances) {
        return of(file, instances.find(file.target()).map(InstanceSettings::of));
    }

    /** The settings the copy takes from the old target, for the step's message. */
    public List<Setting> inherited() {
        return rows.stream().filter(r -> r.origin() == Origin.OLD_TARGET).toList();
    }

    /**
     * The modify that gives an available copy what its restore could not take, or empty when
     * the copy already has all of it. Compared with the copy as described, so a repeated check
     * after the modify went through finds nothing left to do.
     */
    public Optional<ModifyDbInstanceRequest> afterRestore(DBInstance copy) {
        InstanceSettings want = effective;
        InstanceSettings has = InstanceSettings.of(copy);
        ModifyDbInstanceRequest.Builder modify = ModifyDbInstanceRequest.builder().dbInstanceIdentifier(copy.dbInstanceIdentifier())
                .applyImmediately(true);
        List<String> changed = new ArrayList<>();
        // restored private; a copy that still came up public (a restore that did not apply the
        // flag) is made private before its password and scripts: it holds unmasked data until the swap
        if (Boolean.TRUE.equals(copy.publiclyAccessible())) {
            modify.publiclyAccessible(false);
            changed.add("public access");
        }
        if (differs(want.maintenanceWindow(), has.maintenanceWindow())) {
            modify.preferredMaintenanceWindow(want.maintenanceWindow());
            changed.add("maintenance window");
        }
        if (differs(want.maxAllocatedStorage(), has.maxAllocatedStorage())) {
            modify.maxAllocatedStorage(want.maxAllocatedStorage());
            changed.add("storage autoscaling maximum");
        }
        if (want.monitoringIntervalSeconds() != null && !Objects.equals(orZero(want.monitoringIntervalSeconds()), orZero(has.monitoringIntervalSeconds()))
                || differs(want.monitoringRoleArn(), has.monitoringRoleArn())) {
            modify.monitoringInterval(want.monitoringIntervalSeconds()).monitoringRoleArn(want.monitoringRoleArn());
            changed.add("enhanced monitoring");
        }
        if (want.performanceInsights() != null && !want.performanceInsights().equals(Boolean.TRUE.equals(has.performanceInsights()))
                || differs(want.performanceInsightsRetentionDays(), has.performanceInsightsRetentionDays())
                || differs(want.performanceInsightsKmsKeyId(), has.performanceInsightsKmsKeyId())) {
            modify.enablePerformanceInsights(want.performanceInsights())
                    .performanceInsightsRetentionPeriod(want.performanceInsightsRetentionDays())
                    .performanceInsightsKMSKeyId(want.performanceInsightsKmsKeyId());
            changed.add("Performance Insights");
        }
        return changed.isEmpty() ? Optional.empty() : Optional.of(modify.build());
    }

    /** The names of what {@link #afterRestore} would change, for the message. */
    public static String describe(ModifyDbInstanceRequest modify) {
        List<String> parts = new ArrayList<>();
        if (Boolean.FALSE.equals(modify.publiclyAccessible())) {
            parts.add("public access off");
        }
        if (modify.preferredMaintenanceWindow() != null) {
            parts.add("maintenance window " + modify.preferredMaintenanceWindow());
        }
        if (modify.maxAllocatedStorage() != null) {
            parts.add("storage autoscaling maximum " + modify.maxAllocatedStorage() + " GiB");
        }
        if (modify.monitoringInterval() != null) {
            parts.add("enhanced monitoring every " + modify.monitoringInterval() + " s");
        }
        if (modify.enablePerformanceInsights() != null) {
            parts.add("Performance Insights " + (modify.enablePerformanceInsights() ? "on" : "off"));
        }
        return String.join(", ", parts);
    }

    /**
     * A group the DBA made, or null for RDS's default one ({@code default.mysql8.0},
     * {@code default:mysql-8-0}): the copy gets the default of its own engine version anyway,
     * and the old target's default may belong to another version than the copy's.
     */
    static String ownGroup(String name) {
        return name == null || name.startsWith("default.") || name.startsWith("default:") ? null : name;
    }

    private static boolean differs(Object want, Object has) {
        return want != null && !want.equals(has);
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
