package io.dbrefresh.rds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.execution.DatabaseNotFoundException;
import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.RestoreFailedException;
import io.dbrefresh.execution.UnsafeTargetException;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import software.amazon.awssdk.services.rds.model.CopyDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;

/**
 * Restores the source into the temp instance ({@link RestoreSpec#temp()}), by point in time or
 * from a snapshot, with every option the refresh file sets. The temp instance is tagged with the
 * execution, so a retried start finds the restore it began instead of failing, and a temp
 * instance left by another run is never taken over.
 *
 * <p>An encrypted snapshot shared from another account is first copied into this account with
 * the refresh file's KMS key (RestoreDBInstanceFromDBSnapshot takes no key), and restored once
 * the copy is available: {@link #progress} starts that second half.
 *
 * <p>The copy is born without public access, whatever the old target has: until the swap it
 * holds production's unmasked data and is reachable only inside its VPC, through its security
 * groups (the script runner's way in). The old target's PubliclyAccessible is kept in a tag
 * ({@link RefreshTags#PUBLICLY_ACCESSIBLE}) that {@link InstanceRename} gives back at the swap.
 */
public final class InstanceRestore {

    private final RdsInstances instances;
    private final Snapshots snapshots;

    public InstanceRestore(RdsInstances instances, Snapshots snapshots) {
        this.instances = instances;
        this.snapshots = snapshots;
    }

    /**
     * @param alignedTo  the point in time the restored data is a copy of (null when unknown)
     * @param snapshot   the snapshot restored from, or the copy being made of it
     * @param resumed    true when an earlier start of this execution had already begun the restore
     * @param targetTags the old target's tags as they are before anything replaces it (null when
     *                   there is no old target), for fix-tags to give back to the refreshed target
     * @param sizeGiB    the copy's allocated storage as RDS gives it (the source's, the snapshot's, or the copy's own
     *                   when resumed), for the model's check schedules; null when RDS does not say (an Aurora cluster)
     */
    public record Started(String temp, Instant alignedTo, String snapshot, boolean resumed, Map<String, String> targetTags,
                          String message, Integer sizeGiB) {

        /** A start whose size RDS does not give. */
        public Started(String temp, Instant alignedTo, String snapshot, boolean resumed, Map<String, String> targetTags,
                       String message) {
            this(temp, alignedTo, snapshot, resumed, targetTags, message, null);
        }
    }

    public Started start(RestoreSpec spec, String execution) {
        Optional<DBInstance> oldTarget = instances.find(spec.target());
        Map<String, String> targetTags = oldTarget.map(t -> instances.tags(t.dbInstanceArn())).orElse(null);
        CopySettings settings = CopySettings.of(spec, oldTarget.map(InstanceSettings::of));
        Boolean publicAccess = oldTarget.map(DBInstance::publiclyAccessible).orElse(null);
        Optional<DBInstance> existing = instances.find(spec.temp());
        Begun begun;
        if (existing.isPresent()) {
            begun = resume(spec, existing.get(), execution);
        } else {
            begun = switch (spec.restoreType()) {
                case LATEST_POINT -> latestPoint(spec, settings, execution, publicAccess);
                case RESTORE_POINT -> restorePoint(spec, settings, execution, publicAccess);
                case FROM_SNAPSHOT -> fromSnapshot(spec, settings, execution, publicAccess);
                case FAST_CLONING -> throw new InvalidRefreshFileException(
                        "restore.restoretype fastcloning is for Aurora clusters, not RDS instances");
            };
        }
        return new Started(spec.temp(), begun.alignedTo(), begun.snapshot(), begun.resumed(), targetTags,
                begun.message() + inheritedNote(settings), begun.sizeGiB());
    }

    /** Names what the copy takes from the old target, so the execution's history shows it. */
    private static String inheritedNote(CopySettings settings) {
        List<CopySettings.Setting> inherited = settings.inherited();
        if (inherited.isEmpty()) {
            return "";
        }
        return "; from the old target: " + String.join(", ", inherited.stream().map(s -> s.name() + " " + s.value()).toList());
    }

    private record Begun(Instant alignedTo, String snapshot, boolean resumed, String message, Integer sizeGiB) {
    }

    /**
     * Done when the temp instance is {@code available}; a terminal status fails at once. While
     * a shared encrypted snapshot is being copied, waits for the copy and then restores from it.
     */
    public Observation progress(RestoreSpec spec, String snapshot, Instant alignedTo, String execution) {
        Optional<DBInstance> temp = instances.find(spec.temp());
        if (temp.isPresent()) {
            String status = temp.get().dbInstanceStatus();
            return switch (InstanceStatus.classify(status)) {
                case DONE -> applyRemainingSettings(spec, temp.get());
                case FAILED -> Observation.failed("restore of DB instance " + spec.temp() + " failed: status " + status);
                case IN_PROGRESS -> Observation.inProgress("restored DB instance " + spec.temp() + " is " + status);
            };
        }
        if (copiesFirst(spec) && snapshot != null) {
            return afterCopy(spec, snapshot, alignedTo, execution);
        }
        return Observation.failed("restored DB instance " + spec.temp() + " not found: the restore was rejected or the instance was deleted");
    }

    /**
     * The copy is available: it is given what the restore call could not take (maintenance
     * window, enhanced monitoring, Performance Insights, storage autoscaling), as the old
     * target has it now, and made private if it came up public; the step is done once the copy
     * has all of it.
     */
    private Observation applyRemainingSettings(RestoreSpec spec, DBInstance copy) {
        Optional<ModifyDbInstanceRequest> modify = CopySettings.forTarget(spec, instances).afterRestore(copy);
        if (modify.isEmpty()) {
            return Observation.done("restored DB instance " + spec.temp() + " is available");
        }
        instances.client().modifyDBInstance(modify.get());
        return Observation.inProgress("restored DB instance " + spec.temp() + " is available; giving it "
                + CopySettings.describe(modify.get()) + " (the old target's settings; no public access until the swap)");
    }

    private Begun resume(RestoreSpec spec, DBInstance temp, String execution) {
        Map<String, String> tags = instances.tags(temp.dbInstanceArn());
        String owner = tags.get(RefreshTags.EXECUTION);
        if (!RefreshTags.createdBy(tags, execution)) {
            throw new UnsafeTargetException("DB instance " + spec.temp() + " already exists and was not created by this execution ("
                    + RefreshTags.EXECUTION + "=" + (owner == null ? "none" : owner) + "): a temp copy from another run is in the way;"
                    + " delete or rename it, then refresh again");
        }
        return new Begun(parseInstant(tags.get(RefreshTags.ALIGNED_TO)), tags.get(RefreshTags.SNAPSHOT), true,
                "restore into " + spec.temp() + " already begun by this execution (" + temp.dbInstanceStatus() + ")",
                temp.allocatedStorage());
    }

    private Begun latestPoint(RestoreSpec spec, CopySettings settings, String execution, Boolean publicAccess) {
        DBInstance source = instances.require(spec.source(), "source");
        Instant alignedTo = source.latestRestorableTime();
        RestoreDbInstanceToPointInTimeRequest.Builder request = RestoreDbInstanceToPointInTimeRequest.builder()
                .sourceDBInstanceIdentifier(spec.source())
                .targetDBInstanceIdentifier(spec.temp())
                .useLatestRestorableTime(true);
        instances.client().restoreDBInstanceToPointInTime(RestoreParameters.onto(request, copySettings(spec, settings.effective(),
                tags(spec, execution, alignedTo, null, publicAccess))).build());
        return new Begun(alignedTo, null, false,
                "restoring " + spec.source() + " at its latest restorable time into " + spec.temp(), source.allocatedStorage());
    }

    private Begun restorePoint(RestoreSpec spec, CopySettings settings, String execution, Boolean publicAccess) {
        if (spec.restoreTime() == null) {
            throw new InvalidRefreshFileException("restore.restoretime is required when restoretype is restorepoint");
        }
        DBInstance source = instances.require(spec.source(), "source");
        RestoreDbInstanceToPointInTimeRequest.Builder request = RestoreDbInstanceToPointInTimeRequest.builder()
                .sourceDBInstanceIdentifier(spec.source())
                .targetDBInstanceIdentifier(spec.temp())
                .restoreTime(spec.restoreTime());
        instances.client().restoreDBInstanceToPointInTime(RestoreParameters.onto(request, copySettings(spec, settings.effective(),
                tags(spec, execution, spec.restoreTime(), null, publicAccess))).build());
        return new Begun(spec.restoreTime(), null, false,
                "restoring " + spec.source() + " as of " + spec.restoreTime() + " into " + spec.temp(), source.allocatedStorage());
    }

    private Begun fromSnapshot(RestoreSpec spec, CopySettings settings, String execution, Boolean publicAccess) {
        DBSnapshot snapshot = spec.snapshot() == null ? snapshots.newestOf(spec.source()) : snapshots.resolve(spec.snapshot());
        if (!Snapshots.AVAILABLE.equals(snapshot.status())) {
            throw new RestoreFailedException("DB snapshot " + snapshot.dbSnapshotIdentifier() + " is " + snapshot.status()
                    + ", not available: it cannot be restored yet");
        }
        Instant alignedTo = Snapshots.dataTime(snapshot);
        String ref = restoreReference(snapshot);
        if (copiesFirst(spec)) {
            return copy(spec, snapshot, ref, alignedTo, execution);
        }
        restoreFromSnapshot(spec, settings, ref, alignedTo, execution, publicAccess);
        return new Begun(alignedTo, ref, false, "restoring DB snapshot " + ref + " into " + spec.temp(), snapshot.allocatedStorage());
    }

    private Begun copy(RestoreSpec spec, DBSnapshot snapshot, String ref, Instant alignedTo, String execution) {
        String copyName = copyName(spec.temp(), execution);
        Optional<DBSnapshot> existing = instances.findSnapshot(copyName);
        if (existing.isPresent()) {
            return new Begun(alignedTo, copyName, true, "copy " + copyName + " of DB snapshot " + ref
                    + " already begun by this execution (" + existing.get().status() + ")", snapshot.allocatedStorage());
        }
        Map<String, String> tags = new LinkedHashMap<>(tags(spec, execution, alignedTo, ref, null));
        // a temporary copy: housekeeping removes it once the refresh of its target is over (SnapshotHousekeeping)
        tags.put(RefreshTags.SNAPSHOT_OF, spec.target().toLowerCase(java.util.Locale.ROOT));
        instances.client().copyDBSnapshot(CopyDbSnapshotRequest.builder()
                .sourceDBSnapshotIdentifier(snapshot.dbSnapshotArn() != null ? snapshot.dbSnapshotArn() : ref)
                .targetDBSnapshotIdentifier(copyName)
                .kmsKeyId(spec.kmsKeyId())
                .tags(RefreshTags.toSdk(tags))
                .build());
        return new Begun(alignedTo, copyName, false, "copying DB snapshot " + ref + " into " + copyName
                + " with KMS key " + spec.kmsKeyId() + " before restoring it into " + spec.temp(), snapshot.allocatedStorage());
    }

    private Observation afterCopy(RestoreSpec spec, String copyName, Instant alignedTo, String execution) {
        Optional<DBSnapshot> copy = instances.findSnapshot(copyName);
        if (copy.isEmpty()) {
            return Observation.failed("DB snapshot copy " + copyName + " not found: the copy was rejected or deleted");
        }
        String status = copy.get().status();
        if (Snapshots.AVAILABLE.equals(status)) {
            Boolean publicAccess = instances.find(spec.target()).map(DBInstance::publiclyAccessible).orElse(null);
            restoreFromSnapshot(spec, CopySettings.forTarget(spec, instances), copyName, alignedTo, execution, publicAccess);
            return Observation.inProgress("DB snapshot copy " + copyName + " is available; restoring it into " + spec.temp());
        }
        if ("creating".equals(status) || "copying".equals(status) || "pending".equals(status)) {
            return Observation.inProgress("DB snapshot copy " + copyName + " is " + status);
        }
        return Observation.failed("DB snapshot copy " + copyName + " is " + status);
    }

    private void restoreFromSnapshot(RestoreSpec spec, CopySettings settings, String snapshotRef, Instant alignedTo, String execution,
            Boolean publicAccess) {
        RestoreDbInstanceFromDbSnapshotRequest.Builder request = RestoreDbInstanceFromDbSnapshotRequest.builder()
                .dbInstanceIdentifier(spec.temp())
                .dbSnapshotIdentifier(snapshotRef);
        instances.client().restoreDBInstanceFromDBSnapshot(RestoreParameters.onto(request, copySettings(spec, settings.effective(),
                tags(spec, execution, alignedTo, snapshotRef, publicAccess))).build());
    }

    private static boolean copiesFirst(RestoreSpec spec) {
        return spec.restoreType() == RestoreType.FROM_SNAPSHOT && spec.kmsKeyId() != null && !spec.kmsKeyId().isBlank();
    }

    /** A snapshot shared from another account is restored by its ARN; one of this account by name. */
    private static String restoreReference(DBSnapshot snapshot) {
        return "shared".equals(snapshot.snapshotType()) && snapshot.dbSnapshotArn() != null
                ? snapshot.dbSnapshotArn() : snapshot.dbSnapshotIdentifier();
    }

    /** The same name for every start of one execution, so a retried start finds its copy. */
    static String copyName(String temp, String execution) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(execution.getBytes(StandardCharsets.UTF_8));
            return temp + "-copy-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param publicAccess the old target's PubliclyAccessible, for the swap to give back (null: no old target) */
    private static Map<String, String> tags(RestoreSpec spec, String execution, Instant alignedTo, String snapshot, Boolean publicAccess) {
        Map<String, String> tags = RefreshTags.ofCopy(spec, execution, alignedTo, snapshot);
        if (publicAccess != null) {
            tags.put(RefreshTags.PUBLICLY_ACCESSIBLE, publicAccess.toString());
        }
        return tags;
    }

    /**
     * The copy's settings, private at first whatever the old target was, written on a snapshot
     * restore's request; a point-in-time restore takes them by the same names ({@link RestoreParameters}).
     */
    private static RestoreDbInstanceFromDbSnapshotRequest copySettings(RestoreSpec spec, InstanceSettings copy, Map<String, String> tags) {
        return RestoreDbInstanceFromDbSnapshotRequest.builder().publiclyAccessible(false)
                .multiAZ(copy.multiAz())
                .enableIAMDatabaseAuthentication(copy.iamAuth())
                .deletionProtection(copy.deletionProtection())
                .enableCloudwatchLogsExports(nonEmpty(copy.cloudwatchLogsExports()))
                .dbParameterGroupName(copy.dbParameterGroup())
                .dbSubnetGroupName(copy.subnetGroup())
                .vpcSecurityGroupIds(nonEmpty(copy.securityGroupIds()))
                .dbInstanceClass(copy.dbClass())
                .storageType(copy.storageType())
                .iops(copy.iops())
                .storageThroughput(copy.storageThroughput())
                .port(copy.port())
                .copyTagsToSnapshot(copy.copyTagsToSnapshot())
                .autoMinorVersionUpgrade(copy.autoMinorVersionUpgrade())
                .backupRetentionPeriod(copy.backupRetentionDays())
                .preferredBackupWindow(copy.backupWindow())
                .caCertificateIdentifier(copy.caCertificate())
                .networkType(copy.networkType())
                .dbName(spec.dbName())
                .optionGroupName(copy.optionGroup())
                .licenseModel(spec.licenseModel())
                .tags(RefreshTags.toSdk(tags))
                .build();
    }

    /** Null for an unset or empty list, so the SDK leaves the parameter out instead of sending an empty one. */
    private static List<String> nonEmpty(List<String> values) {
        return values == null || values.isEmpty() ? null : values;
    }

    private static Instant parseInstant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
