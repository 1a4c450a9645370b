package io.dbrefresh.rds;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.refreshfile.RdsArn;

import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Marks an existing non-production database as one this deployment may stop, rename and
 * delete: tags it (and the read replicas or cluster instances a refresh also deletes)
 * {@link RefreshTags#MANAGED}{@code =true}. Run by a person with their own rights: the
 * deployed roles may add that tag only to copies they create. Refuses what the guard refuses:
 * a source of a given refresh file (or a replica of one), and anything tagged protected or
 * production.
 */
public final class TargetAdoption {

    /**
     * One database the adoption tags.
     *
     * @param kind    "DB instance" or "DB cluster"
     * @param role    what it is to the target: "target", "read replica", "cluster instance"
     * @param managed true when it carries the tag already (nothing to do)
     */
    public record Member(String kind, String name, String role, String arn, boolean managed) {
    }

    /** What adopting {@code target} would do, or why it must not be adopted. */
    public record Plan(String target, List<Member> members, List<String> refusals) {

        public boolean refused() {
            return !refusals.isEmpty();
        }

        /** The members still to tag. */
        public List<Member> toTag() {
            return members.stream().filter(m -> !m.managed()).toList();
        }
    }

    private final RdsInstances instances;
    private final AuroraClusters clusters;

    public TargetAdoption(RdsInstances instances) {
        this.instances = instances;
        this.clusters = new AuroraClusters(instances);
    }

    /**
     * Looks at {@code target} (an instance, else a cluster) and what a refresh of it deletes
     * with it; {@code sources} are the sources of the refresh files given, which it must not be.
     * Read-only.
     */
    public Plan plan(String target, Collection<String> sources) {
        List<Member> members = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (String source : sources) {
            if (sameName(source, target)) {
                refusals.add(target + " is the source of a refresh file given");
            }
        }
        Optional<DBInstance> instance = instances.find(target);
        if (instance.isPresent()) {
            DBInstance i = instance.get();
            if (i.dbClusterIdentifier() != null) {
                refusals.add(target + " is an instance of the DB cluster " + i.dbClusterIdentifier()
                        + ": adopt the cluster, " + TargetGuard.ADOPT_COMMAND + i.dbClusterIdentifier());
            }
            String replicaOf = i.readReplicaSourceDBInstanceIdentifier();
            if (replicaOf != null && sources.stream().anyMatch(s -> sameName(s, replicaOf))) {
                refusals.add(target + " is a read replica of the source " + replicaOf);
            }
            members.add(instanceMember(i, "target", refusals));
            for (String replica : instances.readReplicaIds(i)) {
                instances.find(replica).ifPresent(r -> members.add(instanceMember(r, "read replica", refusals)));
            }
            return new Plan(target, List.copyOf(members), List.copyOf(refusals));
        }
        Optional<DBCluster> cluster = clusters.find(target);
        if (cluster.isEmpty()) {
            refusals.add("no DB instance or DB cluster named " + target);
            return new Plan(target, List.of(), List.copyOf(refusals));
        }
        DBCluster c = cluster.get();
        String replicates = c.replicationSourceIdentifier();
        if (replicates != null && sources.stream().anyMatch(s -> sameName(s, replicates))) {
            refusals.add(target + " replicates from the source " + replicates);
        }
        Map<String, String> tags = clusters.tags(c);
        refusals.addAll(TargetGuard.productionMarks(target, tags));
        members.add(new Member("DB cluster", target, "target", c.dbClusterArn(), TargetGuard.managed(tags)));
        for (DBClusterMember m : clusters.members(c)) {
            instances.find(m.dbInstanceIdentifier()).ifPresent(i -> members.add(instanceMember(i, "cluster instance", refusals)));
        }
        return new Plan(target, List.copyOf(members), List.copyOf(refusals));
    }

    /** Tags every member of an unrefused {@code plan} not tagged yet; returns the members tagged. */
    public List<Member> adopt(Plan plan) {
        if (plan.refused()) {
            throw new IllegalStateException("refused adoption of " + plan.target() + ": " + String.join("; ", plan.refusals()));
        }
        List<Member> tagged = plan.toTag();
        for (Member m : tagged) {
            instances.addTags(m.arn(), Map.of(RefreshTags.MANAGED, RefreshTags.MANAGED_VALUE));
        }
        return tagged;
    }

    private Member instanceMember(DBInstance i, String role, List<String> refusals) {
        Map<String, String> tags = instances.tags(i.dbInstanceArn());
        refusals.addAll(TargetGuard.productionMarks(i.dbInstanceIdentifier(), tags));
        return new Member("DB instance", i.dbInstanceIdentifier(), role, i.dbInstanceArn(), TargetGuard.managed(tags));
    }

    private static boolean sameName(String a, String b) {
        return RdsArn.nameOf(a).equalsIgnoreCase(RdsArn.nameOf(b));
    }
}
