package io.dbrefresh.rds;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.RestoreFailedException;
import io.dbrefresh.execution.UnsafeTargetException;
import io.dbrefresh.refreshfile.RdsArn;
import io.dbrefresh.refreshfile.RestoreSpec;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterFromSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.ServerlessV2ScalingConfiguration;

/**
 * Restores the source Aurora cluster into the temp cluster ({@link RestoreSpec#temp()}). The
 * restore creates a cluster without instances; create-instance adds the writer. Every type goes
 * through the two cluster restore calls:
 * <ul>
 * <li>latestpoint: RestoreDBClusterToPointInTime, full copy, latest restorable time;</li>
 * <li>restorepoint: the same at {@code restoretime};</li>
 * <li>fastcloning: the same with RestoreType copy-on-write (a source in another account is
 *     given by ARN, which that call accepts for a cluster shared through AWS RAM);</li>
 * <li>fromsnapshot: RestoreDBClusterFromSnapshot, the named snapshot (name or ARN, with
 *     {@code kmskeyid} for an encrypted one shared from another account, which this call takes
 *     directly) or the source's newest by creation time.</li>
 * </ul>
 * A target cluster running Aurora Serverless v2 keeps its capacity range: the old cluster's
 * ServerlessV2ScalingConfiguration is given to the new one, or db.serverless instances could
 * not be created in it.
 */
public final class ClusterRestore {

    private static final String FULL_COPY = "full-copy";
    private static final String COPY_ON_WRITE = "copy-on-write";

    private final AuroraClusters clusters;

    public ClusterRestore(AuroraClusters clusters) {
        this.clusters = clusters;
    }

    public InstanceRestore.Started start(RestoreSpec spec, String execution) {
        Optional<DBCluster> oldTarget = clusters.find(spec.target());
        Map<String, String> targetTags = oldTarget.map(clusters::tags).orElse(null);
        ServerlessV2ScalingConfiguration scaling = oldTarget.map(this::scalingOf).orElse(null);
        ClusterCopySettings settings = ClusterCopySettings.of(spec, oldTarget);
        Optional<DBCluster> existing = clusters.find(spec.temp());
        if (existing.isPresent()) {
            DBCluster temp = existing.get();
            Map<String, String> tags = clusters.tags(temp);
            String owner = tags.get(RefreshTags.EXECUTION);
            if (!RefreshTags.createdBy(tags, execution)) {
                throw new UnsafeTargetException("DB cluster " + spec.temp() + " already exists and was not created by this execution ("
                        + RefreshTags.EXECUTION + "=" + (owner == null ? "none" : owner) + "); delete or rename it, then refresh again");
            }
            return new InstanceRestore.Started(spec.temp(), parseInstant(tags.get(RefreshTags.ALIGNED_TO)), tags.get(RefreshTags.SNAPSHOT),
                    true, targetTags, "restore into cluster " + spec.temp() + " already begun by this execution (" + temp.status() + ")");
        }
        InstanceRestore.Started started = switch (spec.restoreType()) {
            case LATEST_POINT, FAST_CLONING -> latest(spec, settings.effective(), execution, scaling, targetTags);
            case RESTORE_POINT -> restorePoint(spec, settings.effective(), execution, scaling, targetTags);
            case FROM_SNAPSHOT -> fromSnapshot(spec, settings.effective(), execution, scaling, targetTags);
        };
        List<CopySettings.Setting> inherited = settings.inherited();
        return inherited.isEmpty() ? started : new InstanceRestore.Started(started.temp(), started.alignedTo(), started.snapshot(),
                started.resumed(), started.targetTags(), started.message() + "; from the old target: "
                + String.join(", ", inherited.stream().map(x -> x.name() + " " + x.value()).toList()));
    }

    /** Done when the temp cluster is {@code available}; a terminal status fails at once. */
    public Observation progress(RestoreSpec spec) {
        Optional<DBCluster> temp = clusters.find(spec.temp());
        if (temp.isEmpty()) {
            return Observation.failed("restored DB cluster " + spec.temp() + " not found: the restore was rejected or the cluster was deleted");
        }
        String status = temp.get().status();
        return switch (InstanceStatus.classify(status)) {
            case DONE -> Observation.done("restored DB cluster " + spec.temp() + " is available");
            case FAILED -> Observation.failed("restore of DB cluster " + spec.temp() + " failed: status " + status);
            case IN_PROGRESS -> Observation.inProgress("restored DB cluster " + spec.temp() + " is " + status);
        };
    }

    private InstanceRestore.Started latest(RestoreSpec spec, ClusterCopySettings.Cluster copy, String execution, ServerlessV2ScalingConfiguration scaling,
                                           Map<String, String> targetTags) {
        boolean clone = spec.restoreType() == io.dbrefresh.refreshfile.RestoreType.FAST_CLONING;
        // a source shared from another account cannot be described here: its restorable time is then unknown
        Instant alignedTo = RdsArn.isArn(spec.source()) ? null
                : clusters.require(spec.source(), "source").latestRestorableTime();
        RestoreDbClusterToPointInTimeRequest.Builder request = RestoreDbClusterToPointInTimeRequest.builder()
                .sourceDBClusterIdentifier(spec.source())
                .dbClusterIdentifier(spec.temp())
                .restoreType(clone ? COPY_ON_WRITE : FULL_COPY)
                .useLatestRestorableTime(true);
        clusters.client().restoreDBClusterToPointInTime(RestoreParameters.onto(request,
                copySettings(spec, copy, scaling, tags(spec, execution, alignedTo, null))).build());
        return new InstanceRestore.Started(spec.temp(), alignedTo, null, false, targetTags,
                (clone ? "cloning (copy-on-write) " : "restoring ") + spec.source() + " at its latest restorable time into cluster " + spec.temp());
    }

    private InstanceRestore.Started restorePoint(RestoreSpec spec, ClusterCopySettings.Cluster copy, String execution, ServerlessV2ScalingConfiguration scaling,
                                                 Map<String, String> targetTags) {
        if (spec.restoreTime() == null) {
            throw new InvalidRefreshFileException("restore.restoretime is required when restoretype is restorepoint");
        }
        if (!RdsArn.isArn(spec.source())) {
            clusters.require(spec.source(), "source");
        }
        RestoreDbClusterToPointInTimeRequest.Builder request = RestoreDbClusterToPointInTimeRequest.builder()
                .sourceDBClusterIdentifier(spec.source())
                .dbClusterIdentifier(spec.temp())
                .restoreType(FULL_COPY)
                .restoreToTime(spec.restoreTime());
        clusters.client().restoreDBClusterToPointInTime(RestoreParameters.onto(request, copySettings(spec, copy, scaling,
                tags(spec, execution, spec.restoreTime(), null))).build());
        return new InstanceRestore.Started(spec.temp(), spec.restoreTime(), null, false, targetTags,
                "restoring " + spec.source() + " as of " + spec.restoreTime() + " into cluster " + spec.temp());
    }

    private InstanceRestore.Started fromSnapshot(RestoreSpec spec, ClusterCopySettings.Cluster copy, String execution, ServerlessV2ScalingConfiguration scaling,
                                                 Map<String, String> targetTags) {
        DBClusterSnapshot snapshot = spec.snapshot() == null ? clusters.newestSnapshotOf(spec.source())
                : clusters.findSnapshot(spec.snapshot()).orElse(null);
        // a snapshot shared from another account may not be listed by name here; AWS resolves its ARN at restore
        String ref = snapshot == null ? spec.snapshot() : spec.snapshot() != null ? spec.snapshot() : snapshot.dbClusterSnapshotIdentifier();
        if (snapshot != null && !Snapshots.AVAILABLE.equals(snapshot.status())) {
            throw new RestoreFailedException("DB cluster snapshot " + ref + " is " + snapshot.status() + ", not available");
        }
        String engine = spec.engine() != null ? spec.engine() : snapshot != null ? snapshot.engine() : null;
        if (engine == null) {
            throw new InvalidRefreshFileException("restore.engine is required to restore a cluster from a snapshot this account cannot describe");
        }
        Instant alignedTo = snapshot == null ? null : snapshot.snapshotCreateTime();
        RestoreDbClusterFromSnapshotRequest.Builder request = RestoreDbClusterFromSnapshotRequest.builder()
                .dbClusterIdentifier(spec.temp())
                .snapshotIdentifier(ref)
                .engine(engine)
                .engineVersion(spec.engineVersion());
        clusters.client().restoreDBClusterFromSnapshot(RestoreParameters.onto(request,
                copySettings(spec, copy, scaling, tags(spec, execution, alignedTo, ref))).build());
        return new InstanceRestore.Started(spec.temp(), alignedTo, ref, false, targetTags,
                "restoring DB cluster snapshot " + ref + " into cluster " + spec.temp());
    }

    private ServerlessV2ScalingConfiguration scalingOf(DBCluster cluster) {
        var info = cluster.serverlessV2ScalingConfiguration();
        if (info == null || info.minCapacity() == null || info.maxCapacity() == null) {
            return null;
        }
        return ServerlessV2ScalingConfiguration.builder().minCapacity(info.minCapacity()).maxCapacity(info.maxCapacity()).build();
    }

    /** The copy's settings, written on a point-in-time restore's request; a snapshot restore takes them by the same names. */
    private static RestoreDbClusterToPointInTimeRequest copySettings(RestoreSpec spec, ClusterCopySettings.Cluster copy,
            ServerlessV2ScalingConfiguration scaling, Map<String, String> tags) {
        return RestoreDbClusterToPointInTimeRequest.builder().kmsKeyId(blankToNull(spec.kmsKeyId()))
                .port(copy.port())
                .dbSubnetGroupName(copy.subnetGroup())
                .vpcSecurityGroupIds(nonEmpty(copy.securityGroupIds()))
                .enableIAMDatabaseAuthentication(copy.iamAuth())
                .enableCloudwatchLogsExports(nonEmpty(copy.cloudwatchLogsExports()))
                .copyTagsToSnapshot(copy.copyTagsToSnapshot())
                .deletionProtection(copy.deletionProtection())
                .dbClusterParameterGroupName(copy.clusterParameterGroup())
                .backtrackWindow(copy.backtrackWindowSeconds())
                .backupRetentionPeriod(copy.backupRetentionDays())
                .preferredBackupWindow(copy.backupWindow())
                .serverlessV2ScalingConfiguration(scaling)
                .tags(RefreshTags.toSdk(tags))
                .build();
    }

    private static Map<String, String> tags(RestoreSpec spec, String execution, Instant alignedTo, String snapshot) {
        return RefreshTags.ofCopy(spec, execution, alignedTo, snapshot);
    }

    private static List<String> nonEmpty(List<String> values) {
        return values == null || values.isEmpty() ? null : values;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Instant parseInstant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
