package io.dbrefresh.rds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.execution.DatabaseNotFoundException;
import io.dbrefresh.execution.DeletionProtectedException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.RestoreFailedException;
import io.dbrefresh.execution.UnsafeTargetException;
import io.dbrefresh.refreshfile.InstanceSpec;
import io.dbrefresh.refreshfile.ReplicaDescription;
import io.dbrefresh.refreshfile.ReplicaSpec;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

/**
 * The instances of Aurora clusters: the readers of the old target (removed, remembered, created
 * again in the refreshed cluster), the writer created in the restored cluster, the old cluster's
 * instances deleted, the new writer renamed. Aurora instances hold no data of their own (the
 * cluster volume does), so none is deleted with a snapshot.
 */
public final class ClusterInstances {

    /** Enhanced monitoring's interval when the file turns it on without one. */
    static final int DEFAULT_MONITORING_INTERVAL = 60;

    private final AuroraClusters clusters;

    public ClusterInstances(AuroraClusters clusters) {
        this.clusters = clusters;
    }

    /** Deletes the reader instances of {@code clusterId}, remembering each. */
    public ReadReplicas.Removal deleteReaders(String clusterId, boolean liftDeletionProtection) {
        Optional<DBCluster> cluster = clusters.find(clusterId);
        if (cluster.isEmpty()) {
            return new ReadReplicas.Removal(false, List.of(), "DB cluster " + clusterId + " is absent: no reader instances to delete");
        }
        List<DBInstance> readers = clusters.readers(cluster.get()).stream().map(clusters.instances()::find).flatMap(Optional::stream).toList();
        List<ReplicaDescription> removed = new ArrayList<>();
        for (DBInstance reader : readers) {
            removed.add(describe(reader));
        }
        deleteAll(readers, liftDeletionProtection, "reader instance");
        return new ReadReplicas.Removal(true, List.copyOf(removed), removed.isEmpty()
                ? "DB cluster " + clusterId + " has no reader instances"
                : "deleting " + removed.size() + " reader instance(s) of cluster " + clusterId + ": "
                + String.join(", ", removed.stream().map(ReplicaDescription::name).toList()));
    }

    /**
     * Creates the writer ({@code spec.tempInstance()}) in the restored cluster, once that cluster
     * is available. A writer this execution already created is reported, not created twice.
     */
    public String createWriter(InstanceSpec spec, String tempCluster, String execution) {
        DBCluster cluster = clusters.require(tempCluster, "restored");
        if (!InstanceStatus.AVAILABLE.equals(cluster.status())) {
            throw new RestoreFailedException("restored DB cluster " + tempCluster + " is " + cluster.status()
                    + ", not available: no writer is created in it");
        }
        Optional<DBInstance> existing = clusters.instances().find(spec.tempInstance());
        if (existing.isPresent()) {
            requireOurs(existing.get(), execution);
            return "writer " + spec.tempInstance() + " already created by this execution (" + existing.get().dbInstanceStatus() + ")";
        }
        Optional<DBInstance> oldWriter = clusters.instances().find(spec.instance());
        WriterSettings settings = WriterSettings.of(spec, oldWriter);
        // born private like an RDS copy; rename-database gives it the old writer's public access back
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(RefreshTags.EXECUTION, execution);
        oldWriter.map(DBInstance::publiclyAccessible)
                .ifPresent(p -> tags.put(RefreshTags.PUBLICLY_ACCESSIBLE, p.toString()));
        boolean insights = Boolean.TRUE.equals(settings.performanceInsights());
        boolean monitoring = settings.monitoringIntervalSeconds() != null && settings.monitoringIntervalSeconds() > 0;
        clusters.client().createDBInstance(CreateDbInstanceRequest.builder()
                .dbInstanceIdentifier(spec.tempInstance())
                .dbClusterIdentifier(tempCluster)
                .engine(spec.engine() != null ? spec.engine() : cluster.engine())
                .dbInstanceClass(settings.dbClass())
                .dbSubnetGroupName(spec.subnetGroup())
                .dbParameterGroupName(settings.dbParameterGroup())
                .autoMinorVersionUpgrade(settings.autoMinorVersionUpgrade())
                .copyTagsToSnapshot(settings.copyTagsToSnapshot())
                .enablePerformanceInsights(settings.performanceInsights())
                .performanceInsightsRetentionPeriod(insights ? settings.performanceInsightsRetentionDays() : null)
                .performanceInsightsKMSKeyId(insights ? settings.performanceInsightsKmsKeyId() : null)
                .monitoringInterval(settings.monitoringIntervalSeconds())
                .monitoringRoleArn(monitoring ? settings.monitoringRoleArn() : null)
                .caCertificateIdentifier(settings.caCertificate())
                .preferredMaintenanceWindow(settings.maintenanceWindow())
                .promotionTier(settings.promotionTier())
                .publiclyAccessible(false)
                .tags(RefreshTags.toSdk(RefreshTags.managed(tags)))
                .build());
        List<CopySettings.Setting> inherited = settings.inherited();
        String note = inherited.isEmpty() ? "" : "; from the old writer " + spec.instance() + ": "
                + String.join(", ", inherited.stream().map(x -> x.name() + " " + x.value()).toList());
        return "creating writer " + spec.tempInstance() + " (" + settings.dbClass() + ") in cluster " + tempCluster + note;
    }

    /** Done when every named instance is {@code available}; a terminal status fails at once. */
    public Observation availability(List<String> names) {
        for (String name : names) {
            Optional<DBInstance> instance = clusters.instances().find(name);
            if (instance.isEmpty()) {
                return Observation.failed("DB instance " + name + " not found: its creation was rejected or it was deleted");
            }
            String status = instance.get().dbInstanceStatus();
            switch (InstanceStatus.classify(status)) {
                case FAILED -> {
                    return Observation.failed("DB instance " + name + " is " + status);
                }
                case IN_PROGRESS -> {
                    return Observation.inProgress("DB instance " + name + " is " + status);
                }
                case DONE -> { }
            }
        }
        return Observation.done(names.size() == 1 ? "DB instance " + names.get(0) + " is available"
                : "DB instances " + String.join(", ", names) + " are available");
    }

    /**
     * Deletes every instance of the old cluster, but only once the restored cluster has an
     * available writer: the old cluster keeps its data volume until delete-old-cluster, yet
     * without instances it serves nobody.
     */
    public ReadReplicas.Removal deleteMembers(String clusterId, String tempCluster, String tempWriter, boolean liftDeletionProtection) {
        Optional<DBCluster> cluster = clusters.find(clusterId);
        if (cluster.isEmpty()) {
            return new ReadReplicas.Removal(false, List.of(), "DB cluster " + clusterId + " is absent: no instances to delete");
        }
        if (tempWriter != null) {
            String status = clusters.instances().find(tempWriter).map(DBInstance::dbInstanceStatus).orElseThrow(() ->
                    new DatabaseNotFoundException("writer " + tempWriter + " of the restored cluster " + tempCluster
                            + " not found: the instances of " + clusterId + " are not deleted"));
            if (!InstanceStatus.AVAILABLE.equals(status)) {
                throw new RestoreFailedException("writer " + tempWriter + " is " + status + ", not available: the instances of "
                        + clusterId + " are not deleted");
            }
        }
        List<DBInstance> members = clusters.members(cluster.get()).stream()
                .map(m -> clusters.instances().find(m.dbInstanceIdentifier())).flatMap(Optional::stream).toList();
        deleteAll(members, liftDeletionProtection, "DB instance");
        List<ReplicaDescription> removed = members.stream().map(ClusterInstances::describe).toList();
        return new ReadReplicas.Removal(true, removed, removed.isEmpty() ? "DB cluster " + clusterId + " has no instances"
                : "deleting the instances of cluster " + clusterId + ": "
                + String.join(", ", removed.stream().map(ReplicaDescription::name).toList()));
    }

    /** Done when none of the named instances exists any more. */
    public Observation goneProgress(List<String> names) {
        for (String name : names) {
            Optional<DBInstance> instance = clusters.instances().find(name);
            if (instance.isPresent()) {
                return Observation.inProgress("DB instance " + name + " is " + instance.get().dbInstanceStatus());
            }
        }
        return Observation.done(names.isEmpty() ? "no instances to delete" : "deleted " + String.join(", ", names));
    }

    /** Renames the new writer to the old writer's name, which must be free by now. */
    public String renameWriter(String tempWriter, String writer, String execution) {
        Optional<DBInstance> existing = clusters.instances().find(writer);
        Optional<DBInstance> temp = clusters.instances().find(tempWriter);
        if (existing.isPresent()) {
            if (temp.isEmpty() && ours(existing.get(), execution)) {
                return "writer " + tempWriter + " already renamed to " + writer + " by this execution";
            }
            throw new UnsafeTargetException("cannot rename " + tempWriter + " to " + writer + ": a DB instance named " + writer
                    + " still exists (" + existing.get().dbInstanceStatus() + "); the old cluster's instances must be deleted first");
        }
        DBInstance instance = temp.orElseThrow(() -> new DatabaseNotFoundException("writer " + tempWriter + " not found: nothing to rename to " + writer));
        requireOurs(instance, execution);
        clusters.client().modifyDBInstance(ModifyDbInstanceRequest.builder()
                .dbInstanceIdentifier(tempWriter).newDBInstanceIdentifier(writer).applyImmediately(true).build());
        return "renaming writer " + tempWriter + " to " + writer;
    }

    /**
     * Creates the reader instances in the refreshed cluster with their names and classes (the
     * class may be {@code db.serverless}: the cluster carries the capacity range).
     */
    public ReadReplicas.Creation createReaders(String clusterId, List<ReplicaDescription> readers, ReplicaSpec spec, String execution) {
        DBCluster cluster = clusters.require(clusterId, "refreshed");
        int created = 0;
        for (ReplicaDescription reader : readers) {
            Optional<DBInstance> existing = clusters.instances().find(reader.name());
            if (existing.isPresent()) {
                requireOurs(existing.get(), execution);
                continue;
            }
            Map<String, String> tags = new LinkedHashMap<>(reader.tags());
            tags.put(RefreshTags.EXECUTION, execution);
            clusters.client().createDBInstance(CreateDbInstanceRequest.builder()
                    .dbInstanceIdentifier(reader.name())
                    .dbClusterIdentifier(clusterId)
                    .engine(spec != null && spec.engine() != null ? spec.engine() : cluster.engine())
                    .dbInstanceClass(reader.dbClass())
                    .availabilityZone(reader.availabilityZone())
                    .dbParameterGroupName(reader.dbParameterGroup() != null ? reader.dbParameterGroup()
                            : spec == null ? null : spec.dbParameterGroup())
                    .autoMinorVersionUpgrade(spec == null ? null : spec.autoMinorVersionUpgrade())
                    .copyTagsToSnapshot(spec == null ? null : spec.copyTagsToSnapshot())
                    // AWS takes an Aurora instance's subnet group only when it is its cluster's
                    .dbSubnetGroupName(spec == null ? null : spec.subnetGroup())
                    .tags(RefreshTags.toSdk(RefreshTags.managed(tags)))
                    .build());
            created++;
        }
        return new ReadReplicas.Creation(readers, created, readers.isEmpty() ? "no reader instances to create"
                : "creating " + created + " reader instance(s) in cluster " + clusterId + ": "
                + String.join(", ", readers.stream().map(r -> r.name() + " (" + r.dbClass() + ")").toList()));
    }

    /** The file's interval when monitoring is on (60 s when it names none), 0 when off, the AWS default when unsaid. */
    static Integer monitoringInterval(InstanceSpec spec) {
        if (spec.enhancedMonitoring() == null) {
            return null;
        }
        if (!spec.enhancedMonitoring()) {
            return 0;
        }
        return spec.monitoringIntervalSeconds() == null ? Integer.valueOf(DEFAULT_MONITORING_INTERVAL) : spec.monitoringIntervalSeconds();
    }

    private void deleteAll(List<DBInstance> members, boolean liftDeletionProtection, String what) {
        for (DBInstance member : members) {
            if (Boolean.TRUE.equals(member.deletionProtection()) && !liftDeletionProtection) {
                throw new DeletionProtectedException(what + " " + member.dbInstanceIdentifier() + " has deletion protection;"
                        + " turn it off, or allow the refresh to lift it (delete.liftdeletionprotection)");
            }
        }
        for (DBInstance member : members) {
            if (InstanceStatus.GOING_AWAY.contains(member.dbInstanceStatus())) {
                continue;
            }
            if (Boolean.TRUE.equals(member.deletionProtection())) {
                clusters.client().modifyDBInstance(ModifyDbInstanceRequest.builder()
                        .dbInstanceIdentifier(member.dbInstanceIdentifier()).deletionProtection(false).applyImmediately(true).build());
            }
            IdempotentDelete.instance(clusters.client(), DeleteDbInstanceRequest.builder()
                    .dbInstanceIdentifier(member.dbInstanceIdentifier()).build());
        }
    }

    private void requireOurs(DBInstance instance, String execution) {
        if (!ours(instance, execution)) {
            throw new UnsafeTargetException("DB instance " + instance.dbInstanceIdentifier()
                    + " already exists and was not created by this execution; delete or rename it, then refresh again");
        }
    }

    private boolean ours(DBInstance instance, String execution) {
        return clusters.instances().createdBy(instance, execution);
    }

    private static ReplicaDescription describe(DBInstance instance) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (instance.hasTagList()) {
            instance.tagList().stream()
                    .filter(t -> !t.key().startsWith(RefreshTags.PREFIX) && !t.key().startsWith(RefreshTags.AWS_PREFIX))
                    .forEach(t -> tags.put(t.key(), t.value()));
        }
        String paramGroup = instance.hasDbParameterGroups() && !instance.dbParameterGroups().isEmpty()
                ? instance.dbParameterGroups().get(0).dbParameterGroupName() : null;
        return new ReplicaDescription(instance.dbInstanceIdentifier(), instance.dbInstanceClass(), instance.availabilityZone(),
                paramGroup != null && paramGroup.startsWith("default.") ? null : paramGroup, tags);
    }
}
