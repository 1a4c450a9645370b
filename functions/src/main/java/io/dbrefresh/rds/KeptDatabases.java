package io.dbrefresh.rds;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

/**
 * What {@link OldCopies} keeps for a grace period, one variant per service: RDS instances, or
 * Aurora clusters, whose instances are renamed with them (the writer's name must be free for
 * the refreshed cluster's writer, and a kept cluster must keep an instance to reach its data).
 */
public interface KeptDatabases {

    /** A database as the grace period sees it: its name, ARN, status, deletion protection and tags. */
    record Database(String id, String arn, String status, boolean deletionProtection, Map<String, String> tags) {
    }

    /** "DB instance" or "DB cluster", for messages. */
    String noun();

    Optional<Database> find(String id);

    /** Every database of this kind in the account and region (a cluster's instances are not databases of their own here). */
    List<Database> all();

    Map<String, String> tags(String arn);

    void addTags(String arn, Map<String, String> tags);

    void removeTags(String arn, Collection<String> keys);

    /** Throws unless {@code replacement} (the restored copy) is available: {@code id} must not leave before. */
    void requireAvailable(String replacement, String id);

    /**
     * Renames {@code from} to {@code to} (nothing when they are equal), immediately. A cluster's
     * instances follow: put aside with it ({@code aside}) under its suffix and marked with their
     * own name, or given their own names back. One line per instance renamed.
     */
    List<String> rename(String from, String to, boolean aside);

    /** What is still under way after the database itself is available (a kept cluster's instances being renamed), or empty. */
    Optional<String> pending(String id);

    /** Deletes the database (and a cluster's instances), with a final snapshot when {@code snapshot} is not null. */
    List<String> delete(String id, String snapshot);

    /**
     * Before {@link #delete}: deletion protection off ({@code liftProtection}), and the database's
     * tags copied to its final snapshot ({@code copyTags}), so the snapshot is born with the marks
     * of snapshot housekeeping. Nothing when neither is asked.
     */
    void allowRemoval(String id, boolean liftProtection, boolean copyTags);

    static KeptDatabases instances(RdsInstances instances) {
        return new Instances(instances);
    }

    static KeptDatabases clusters(AuroraClusters clusters) {
        return new Clusters(clusters);
    }

    /**
     * What both kinds do alike: an instance's and a cluster's tags are read and written by ARN
     * through the same RDS calls, and an instance is renamed the same way alone or in a cluster.
     */
    abstract class Kind implements KeptDatabases {

        final RdsInstances instances;

        Kind(RdsInstances instances) {
            this.instances = instances;
        }

        @Override
        public Map<String, String> tags(String arn) {
            return instances.tags(arn);
        }

        @Override
        public void addTags(String arn, Map<String, String> tags) {
            instances.addTags(arn, tags);
        }

        @Override
        public void removeTags(String arn, Collection<String> keys) {
            instances.removeTags(arn, keys);
        }

        void renameInstance(String from, String to) {
            instances.client().modifyDBInstance(ModifyDbInstanceRequest.builder()
                    .dbInstanceIdentifier(from).newDBInstanceIdentifier(to).applyImmediately(true).build());
        }
    }

    /** RDS instances; the instances of Aurora clusters are left to {@link Clusters}. */
    final class Instances extends Kind {

        Instances(RdsInstances instances) {
            super(instances);
        }

        @Override
        public String noun() {
            return "DB instance";
        }

        @Override
        public Optional<Database> find(String id) {
            return instances.find(id).map(Instances::database);
        }

        @Override
        public List<Database> all() {
            List<Database> out = new ArrayList<>();
            instances.client().describeDBInstancesPaginator(DescribeDbInstancesRequest.builder().build()).dbInstances().forEach(i -> {
                if (i.dbClusterIdentifier() == null) {
                    out.add(database(i));
                }
            });
            return out;
        }

        private static Database database(DBInstance i) {
            return new Database(i.dbInstanceIdentifier(), i.dbInstanceArn(), i.dbInstanceStatus(), Boolean.TRUE.equals(i.deletionProtection()),
                    RefreshTags.fromSdk(i.tagList()));
        }

        @Override
        public void requireAvailable(String replacement, String id) {
            InstanceDeletion.requireAvailable(instances, replacement, id);
        }

        @Override
        public List<String> rename(String from, String to, boolean aside) {
            if (!from.equals(to)) {
                renameInstance(from, to);
            }
            return List.of();
        }

        @Override
        public Optional<String> pending(String id) {
            return Optional.empty();
        }

        @Override
        public void allowRemoval(String id, boolean liftProtection, boolean copyTags) {
            if (liftProtection || copyTags) {
                instances.client().modifyDBInstance(ModifyDbInstanceRequest.builder().dbInstanceIdentifier(id)
                        .deletionProtection(liftProtection ? false : null).copyTagsToSnapshot(copyTags ? true : null)
                        .applyImmediately(true).build());
            }
        }

        @Override
        public List<String> delete(String id, String snapshot) {
            IdempotentDelete.instance(instances.client(), DeleteDbInstanceRequest.builder().dbInstanceIdentifier(id)
                    .skipFinalSnapshot(snapshot == null).finalDBSnapshotIdentifier(snapshot).build());
            return List.of();
        }
    }

    /**
     * Aurora clusters. A kept cluster's instances are renamed with the cluster's suffix
     * ({@code <instance>-old-<yyyymmddhhmm>}) and marked with the name they had
     * ({@link RefreshTags#OLD_COPY_OF}, {@link RefreshTags#KEPT_AS}); they take it back when
     * the cluster takes its own back.
     */
    final class Clusters extends Kind {

        private final AuroraClusters clusters;

        Clusters(AuroraClusters clusters) {
            super(clusters.instances());
            this.clusters = clusters;
        }

        @Override
        public String noun() {
            return "DB cluster";
        }

        @Override
        public Optional<Database> find(String id) {
            return clusters.find(id).map(this::database);
        }

        @Override
        public List<Database> all() {
            List<Database> out = new ArrayList<>();
            clusters.client().describeDBClustersPaginator(DescribeDbClustersRequest.builder().build()).dbClusters()
                    .forEach(c -> out.add(database(c)));
            return out;
        }

        private Database database(DBCluster c) {
            return new Database(c.dbClusterIdentifier(), c.dbClusterArn(), c.status(), Boolean.TRUE.equals(c.deletionProtection()),
                    clusters.tags(c));
        }

        @Override
        public void requireAvailable(String replacement, String id) {
            InstanceStatus.requireReplacementAvailable(noun(), replacement, r -> clusters.find(r).map(DBCluster::status),
                    id + " is not renamed away");
        }

        /**
         * Aside, the instances go first (while the cluster still lists them under its name), each
         * marked before its rename so a retry finds it; back, the cluster goes first and then its
         * instances, each only when its own name is free.
         */
        @Override
        public List<String> rename(String from, String to, boolean aside) {
            List<String> lines = new ArrayList<>();
            if (aside) {
                String suffix = to.substring(to.lastIndexOf("-old-"));
                for (DBInstance member : members(from)) {
                    Map<String, String> tags = instances.tags(member.dbInstanceArn());
                    if (tags.get(RefreshTags.OLD_COPY_OF) != null && !tags.get(RefreshTags.OLD_COPY_OF).equals(member.dbInstanceIdentifier())) {
                        continue;
                    }
                    String keptAs = OldCopies.keptName(member.dbInstanceIdentifier(), suffix);
                    instances.addTags(member.dbInstanceArn(), Map.of(RefreshTags.OLD_COPY_OF, member.dbInstanceIdentifier(),
                            RefreshTags.KEPT_AS, keptAs));
                    renameInstance(member.dbInstanceIdentifier(), keptAs);
                    lines.add("renaming its instance " + member.dbInstanceIdentifier() + " to " + keptAs);
                }
                renameCluster(from, to);
                return lines;
            }
            renameCluster(from, to);
            for (DBInstance member : members(to)) {
                String own = instances.tags(member.dbInstanceArn()).get(RefreshTags.OLD_COPY_OF);
                if (own == null || own.equals(member.dbInstanceIdentifier())) {
                    continue;
                }
                if (instances.find(own).isPresent()) {
                    lines.add("left its instance " + member.dbInstanceIdentifier() + " as it is: an instance named " + own + " exists");
                    continue;
                }
                instances.removeTags(member.dbInstanceArn(), RefreshTags.KEPT_MARKS);
                renameInstance(member.dbInstanceIdentifier(), own);
                lines.add("renaming its instance " + member.dbInstanceIdentifier() + " back to " + own);
            }
            return lines;
        }

        /** A kept cluster is settled when each of its instances is available under its kept name. */
        @Override
        public Optional<String> pending(String id) {
            for (DBInstance member : members(id)) {
                if (!InstanceStatus.AVAILABLE.equals(member.dbInstanceStatus())) {
                    return Optional.of("instance " + member.dbInstanceIdentifier() + " of cluster " + id + " is " + member.dbInstanceStatus());
                }
            }
            return Optional.empty();
        }

        @Override
        public void allowRemoval(String id, boolean liftProtection, boolean copyTags) {
            if (liftProtection || copyTags) {
                clusters.client().modifyDBCluster(ModifyDbClusterRequest.builder().dbClusterIdentifier(id)
                        .deletionProtection(liftProtection ? false : null).copyTagsToSnapshot(copyTags ? true : null)
                        .applyImmediately(true).build());
            }
        }

        /** Its instances are deleted first: AWS deletes a cluster only once it has none. */
        @Override
        public List<String> delete(String id, String snapshot) {
            List<String> lines = new ArrayList<>();
            for (DBInstance member : members(id)) {
                if (!InstanceStatus.GOING_AWAY.contains(member.dbInstanceStatus())) {
                    IdempotentDelete.instance(clusters.client(), DeleteDbInstanceRequest.builder()
                            .dbInstanceIdentifier(member.dbInstanceIdentifier()).build());
                    lines.add("deleting instance " + member.dbInstanceIdentifier() + " of " + id);
                }
            }
            IdempotentDelete.cluster(clusters.client(), DeleteDbClusterRequest.builder().dbClusterIdentifier(id)
                    .skipFinalSnapshot(snapshot == null).finalDBSnapshotIdentifier(snapshot).build());
            return lines;
        }

        private List<DBInstance> members(String clusterId) {
            return clusters.find(clusterId).map(c -> clusters.members(c).stream()
                    .map(m -> instances.find(m.dbInstanceIdentifier())).flatMap(Optional::stream).toList()).orElse(List.of());
        }

        private void renameCluster(String from, String to) {
            if (!from.equals(to)) {
                clusters.client().modifyDBCluster(ModifyDbClusterRequest.builder()
                        .dbClusterIdentifier(from).newDBClusterIdentifier(to).applyImmediately(true).build());
            }
        }
    }
}
