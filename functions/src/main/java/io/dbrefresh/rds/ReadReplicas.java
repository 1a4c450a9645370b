package io.dbrefresh.rds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.execution.DeletionProtectedException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.UnsafeTargetException;
import io.dbrefresh.refreshfile.RdsArn;
import io.dbrefresh.refreshfile.ReplicaDescription;
import io.dbrefresh.refreshfile.ReplicaSpec;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceReadReplicaRequest;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

/**
 * Removes the read replicas of the old target (remembering each one), and creates the
 * replicas of the refreshed target. RDS cannot take a final snapshot of a read replica, and
 * its data is the primary's, so replicas are deleted without one.
 */
public final class ReadReplicas {

    private final RdsInstances instances;

    public ReadReplicas(RdsInstances instances) {
        this.instances = instances;
    }

    /** What delete-replicas did: the replicas it found (each now deleting or gone). */
    public record Removal(boolean primaryFound, List<ReplicaDescription> replicas, String message) {
    }

    /** What create-read-replicas did: the replicas asked for, and how many this call created. */
    public record Creation(List<ReplicaDescription> replicas, int created, String message) {
    }

    /**
     * Deletes every read replica of {@code primaryId}. A replica already deleting is remembered
     * but not deleted twice; a replica with deletion protection fails the step unless
     * {@code liftDeletionProtection}.
     */
    public Removal deleteAll(String primaryId, boolean liftDeletionProtection) {
        Optional<DBInstance> primary = instances.find(primaryId);
        if (primary.isEmpty()) {
            return new Removal(false, List.of(), "DB instance " + primaryId + " is absent: no read replicas to delete");
        }
        List<String> ids = instances.readReplicaIds(primary.get()).stream().map(id -> localId(primary.get(), id)).toList();
        List<DBInstance> found = ids.stream().map(instances::find).flatMap(Optional::stream).toList();
        for (DBInstance replica : found) {
            if (Boolean.TRUE.equals(replica.deletionProtection()) && !liftDeletionProtection) {
                throw new DeletionProtectedException("read replica " + replica.dbInstanceIdentifier() + " of "
                        + primaryId + " has deletion protection; turn it off, or allow the refresh to lift it "
                        + "(delete.liftdeletionprotection)");
            }
        }
        List<ReplicaDescription> removed = new ArrayList<>();
        for (DBInstance replica : found) {
            removed.add(describe(replica));
            if (InstanceStatus.GOING_AWAY.contains(replica.dbInstanceStatus())) {
                continue;
            }
            if (Boolean.TRUE.equals(replica.deletionProtection())) {
                instances.client().modifyDBInstance(ModifyDbInstanceRequest.builder()
                        .dbInstanceIdentifier(replica.dbInstanceIdentifier()).deletionProtection(false).applyImmediately(true).build());
            }
            // a replica gone since it was listed (a retried start, its deletion ending) is what was asked for
            IdempotentDelete.instance(instances.client(), DeleteDbInstanceRequest.builder()
                    .dbInstanceIdentifier(replica.dbInstanceIdentifier()).skipFinalSnapshot(true).build());
        }
        return new Removal(true, List.copyOf(removed), removed.isEmpty()
                ? "DB instance " + primaryId + " has no read replicas"
                : "deleting " + removed.size() + " read replica(s) of " + primaryId + ": " + names(removed));
    }

    /** Done when none of {@code names} exists any more. */
    public Observation deletionProgress(List<String> names) {
        for (String name : names) {
            Optional<DBInstance> replica = instances.find(name);
            if (replica.isPresent()) {
                return Observation.inProgress("read replica " + name + " is " + replica.get().dbInstanceStatus());
            }
        }
        return Observation.done(names.isEmpty() ? "no read replicas to delete" : "read replicas deleted: " + String.join(", ", names));
    }

    /**
     * Creates each replica of {@code primaryId} that does not exist yet. A replica this
     * execution already created (same name, tagged with the execution, replicating the
     * primary) is left as it is; any other instance holding the name stops the step.
     */
    public Creation create(String primaryId, List<ReplicaDescription> replicas, ReplicaSpec spec, String execution) {
        DBInstance primary = instances.require(primaryId, "refreshed target");
        String subnetGroup = spec == null ? null : spec.subnetGroup();
        // RDS takes a subnet group for a replica in its primary's region only when the primary is
        // named by ARN (by its identifier it answers DBSubnetGroupNotAllowedFault); without one the
        // replica is in the primary's subnet group
        String source = subnetGroup != null && primary.dbInstanceArn() != null ? primary.dbInstanceArn() : primaryId;
        int created = 0;
        for (ReplicaDescription replica : replicas) {
            Optional<DBInstance> existing = instances.find(replica.name());
            if (existing.isPresent()) {
                requireOurs(existing.get(), primaryId, execution);
                continue;
            }
            Map<String, String> tags = new LinkedHashMap<>();
            replica.tags().forEach((k, v) -> {
                if (!k.startsWith(RefreshTags.PREFIX)) {
                    tags.put(k, v);
                }
            });
            tags.put(RefreshTags.EXECUTION, execution);
            String parameterGroup = spec != null && spec.dbParameterGroup() != null ? spec.dbParameterGroup() : replica.dbParameterGroup();
            instances.client().createDBInstanceReadReplica(CreateDbInstanceReadReplicaRequest.builder()
                    .dbInstanceIdentifier(replica.name())
                    .sourceDBInstanceIdentifier(source)
                    .dbSubnetGroupName(subnetGroup)
                    .dbInstanceClass(replica.dbClass())
                    .availabilityZone(replica.availabilityZone())
                    .dbParameterGroupName(parameterGroup)
                    .autoMinorVersionUpgrade(spec == null ? null : spec.autoMinorVersionUpgrade())
                    .copyTagsToSnapshot(spec == null ? null : spec.copyTagsToSnapshot())
                    .replicaMode(spec == null ? null : spec.replicaMode())
                    .tags(RefreshTags.toSdk(RefreshTags.managed(tags)))
                    .build());
            created++;
        }
        return new Creation(List.copyOf(replicas), created, replicas.isEmpty()
                ? "no read replicas to create for " + primaryId
                : "creating read replica(s) of " + primaryId + ": " + names(replicas)
                        + (created < replicas.size() ? " (" + (replicas.size() - created) + " already begun)" : ""));
    }

    /** Done when every replica is {@code available}; a terminal status or a missing replica fails. */
    public Observation creationProgress(List<String> names) {
        List<String> waiting = new ArrayList<>();
        for (String name : names) {
            Optional<DBInstance> replica = instances.find(name);
            if (replica.isEmpty()) {
                return Observation.failed("read replica " + name + " not found: its creation was rejected or it was deleted");
            }
            String status = replica.get().dbInstanceStatus();
            switch (InstanceStatus.classify(status)) {
                case FAILED -> {
                    return Observation.failed("read replica " + name + " is " + status);
                }
                case IN_PROGRESS -> waiting.add(name + " is " + status);
                case DONE -> { }
            }
        }
        return waiting.isEmpty()
                ? Observation.done(names.isEmpty() ? "no read replicas to create" : "read replicas available: " + String.join(", ", names))
                : Observation.inProgress("read replica " + String.join(", ", waiting));
    }

    private void requireOurs(DBInstance existing, String primaryId, String execution) {
        String source = existing.readReplicaSourceDBInstanceIdentifier();
        boolean replicatesPrimary = source != null && (source.equals(primaryId) || source.endsWith(":db:" + primaryId));
        boolean ours = instances.createdBy(existing, execution);
        if (!replicatesPrimary || !ours) {
            throw new UnsafeTargetException("cannot create read replica " + existing.dbInstanceIdentifier() + " of "
                    + primaryId + ": a DB instance with that name already exists and was not created by this execution");
        }
    }

    private static ReplicaDescription describe(DBInstance replica) {
        String parameterGroup = replica.hasDbParameterGroups() && !replica.dbParameterGroups().isEmpty()
                ? replica.dbParameterGroups().getFirst().dbParameterGroupName() : null;
        return new ReplicaDescription(replica.dbInstanceIdentifier(), replica.dbInstanceClass(), replica.availabilityZone(),
                parameterGroup, userTags(replica));
    }

    /** The replica's tags as DescribeDBInstances lists them, without this project's and AWS's own. */
    private static Map<String, String> userTags(DBInstance replica) {
        Map<String, String> tags = new LinkedHashMap<>();
        RefreshTags.fromSdk(replica.hasTagList() ? replica.tagList() : List.of()).forEach((k, v) -> {
            if (!k.startsWith(RefreshTags.PREFIX) && !k.startsWith(RefreshTags.AWS_PREFIX)) {
                tags.put(k, v);
            }
        });
        return tags;
    }

    /** The replica's identifier in this region; a replica in another region cannot be deleted from here. */
    private static String localId(DBInstance primary, String replicaId) {
        if (!RdsArn.isArn(replicaId)) {
            return replicaId;
        }
        String primaryRegion = RdsArn.isArn(primary.dbInstanceArn()) ? RdsArn.regionOf(primary.dbInstanceArn()) : null;
        if (primaryRegion == null || !primaryRegion.equals(RdsArn.regionOf(replicaId))) {
            throw new UnsupportedOperationException("DB instance " + primary.dbInstanceIdentifier()
                    + " has a read replica in another region (" + replicaId + "); delete it before the refresh");
        }
        return RdsArn.resourceNameOf(replicaId);
    }

    private static String names(List<ReplicaDescription> replicas) {
        return String.join(", ", replicas.stream().map(ReplicaDescription::name).toList());
    }
}
