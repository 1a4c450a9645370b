package io.dbrefresh.rds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.RdsArn;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * The checks made before a refresh touches anything. Each returns the reasons the target
 * must not be refreshed; an empty list lets the run go on. Read-only: only Describe calls.
 * The tag rule is the deployed permissions' own ({@link #judge}): a run refused here is one
 * AWS would refuse halfway, so a local run shows it too.
 */
public final class TargetGuard {

    /** A DBA marks a database that no refresh may replace with this tag set to {@code true}. */
    public static final String PROTECTED_TAG = "dbrefresh:protected";
    /** Tags whose value names the database's environment. */
    public static final Set<String> ENVIRONMENT_TAGS = Set.of("environment", "env");
    public static final Set<String> PRODUCTION = RefreshPlan.PRODUCTION_ENVIRONMENTS;

    /** The command a person runs (with their own rights) to mark an existing target as managed. */
    public static final String ADOPT_COMMAND = "dbrefresh adopt ";

    /**
     * What the tags of one database allow.
     *
     * @param refusals      why no refresh may touch it; empty when it may
     * @param needsAdoption true when the only thing missing is {@link RefreshTags#MANAGED}
     */
    public record Verdict(String name, List<String> refusals, boolean needsAdoption) {

        public boolean cleared() {
            return refusals.isEmpty();
        }
    }

    private final RdsClient rds;

    public TargetGuard(RdsClient rds) {
        this.rds = rds;
    }

    public List<String> refusals(RefreshPlan plan) {
        List<String> reasons = new ArrayList<>();
        String target = plan.service() == DbService.RDS && plan.instance() != null ? plan.instance() : plan.target();
        if (target == null) {
            return reasons;
        }
        String source = plan.source();
        if (source != null && sameName(source, target)) {
            reasons.add(target + " is the refresh's source");
        }
        if (production(plan.environment())) {
            reasons.add("the refresh file's environment is " + plan.environment());
        }
        if (plan.service() == DbService.RDS) {
            instance(target).ifPresent(i -> checkInstance(plan, i, source, reasons));
            if (source != null) {
                instance(source).ifPresent(s -> {
                    if (s.readReplicaDBInstanceIdentifiers().stream().anyMatch(r -> sameName(r, target))) {
                        reasons.add(target + " is a read replica of the source " + source);
                    }
                });
            }
        } else {
            cluster(target).ifPresent(c -> {
                reasons.addAll(judge(target, RefreshTags.fromSdk(c.tagList())).refusals());
                if (source != null && c.replicationSourceIdentifier() != null && sameName(source, c.replicationSourceIdentifier())) {
                    reasons.add(target + " replicates from the source " + source);
                }
                checkDeletionProtection(plan, target, Boolean.TRUE.equals(c.deletionProtection()), StepId.DELETE_OLD_CLUSTER, reasons);
                if (plan.runs(StepId.DELETE_REPLICAS) || plan.runs(StepId.DELETE_OLD_DATABASE) || plan.runs(StepId.DELETE_OLD_CLUSTER)) {
                    List<String> members = c.hasDbClusterMembers()
                            ? c.dbClusterMembers().stream().map(m -> m.dbInstanceIdentifier()).toList() : List.of();
                    checkMembers(target, "cluster instance", members, reasons);
                }
            });
        }
        checkOldDataKept(plan, reasons);
        return reasons;
    }

    private void checkInstance(RefreshPlan plan, DBInstance i, String source, List<String> reasons) {
        reasons.addAll(judge(i.dbInstanceIdentifier(), RefreshTags.fromSdk(tags(i))).refusals());
        if (source != null && i.readReplicaSourceDBInstanceIdentifier() != null
                && sameName(source, i.readReplicaSourceDBInstanceIdentifier())) {
            reasons.add(i.dbInstanceIdentifier() + " is a read replica of the source " + source);
        }
        checkDeletionProtection(plan, i.dbInstanceIdentifier(), Boolean.TRUE.equals(i.deletionProtection()),
                StepId.DELETE_OLD_DATABASE, reasons);
        if (plan.runs(StepId.DELETE_REPLICAS)) {
            checkMembers(i.dbInstanceIdentifier(), "read replica",
                    i.hasReadReplicaDBInstanceIdentifiers() ? i.readReplicaDBInstanceIdentifiers() : List.of(), reasons);
        }
    }

    /**
     * The replicas or cluster instances the refresh deletes with the target need the same tags:
     * AWS would refuse their deletion after the copy is made. One adoption of the target tags them.
     */
    private void checkMembers(String target, String role, List<String> ids, List<String> reasons) {
        for (String listed : ids) {
            // a replica listed by ARN is looked up by its name here; one in another region is not found (the step refuses it)
            String id = RdsArn.nameOf(listed);
            instance(id).ifPresent(member -> {
                Verdict v = judge(id, RefreshTags.fromSdk(tags(member)));
                if (v.needsAdoption()) {
                    reasons.add(role + " " + id + " of " + target + " is not adopted: it lacks the tag " + RefreshTags.MANAGED
                            + "=" + RefreshTags.MANAGED_VALUE + "; run `" + ADOPT_COMMAND + target + "`, which tags it with "
                            + target);
                } else {
                    reasons.addAll(v.refusals());
                }
            });
        }
    }

    /** Describe answers carry the tags; older answers (and some emulators) do not, so ask for them then. */
    private List<Tag> tags(DBInstance i) {
        if (i.hasTagList() && !i.tagList().isEmpty()) {
            return i.tagList();
        }
        if (i.dbInstanceArn() == null) {
            return List.of();
        }
        List<Tag> listed = rds.listTagsForResource(ListTagsForResourceRequest.builder().resourceName(i.dbInstanceArn()).build()).tagList();
        return listed == null ? List.of() : listed;
    }

    /**
     * Whether an existing database named {@code name}, carrying {@code tags}, may be refreshed:
     * never when it is tagged protected or production; otherwise only once it carries
     * {@link RefreshTags#MANAGED}{@code =true}, since the deployed roles may stop, rename and
     * delete nothing else. The refusal then names the tag and the command that adopts it.
     */
    public static Verdict judge(String name, Map<String, String> tags) {
        List<String> reasons = new ArrayList<>(productionMarks(name, tags));
        boolean needsAdoption = reasons.isEmpty() && !managed(tags);
        if (needsAdoption) {
            reasons.add(name + " is not adopted: it lacks the tag " + RefreshTags.MANAGED + "=" + RefreshTags.MANAGED_VALUE
                    + ", without which this deployment may not stop, rename or delete it; run `" + ADOPT_COMMAND + name
                    + "` (see docs/deploy.md, Adoption)");
        }
        return new Verdict(name, List.copyOf(reasons), needsAdoption);
    }

    /** The tags that mark {@code name} as one no refresh and no adoption may touch. */
    public static List<String> productionMarks(String name, Map<String, String> tags) {
        List<String> reasons = new ArrayList<>();
        tags.forEach((k, v) -> {
            String key = k.toLowerCase(Locale.ROOT);
            if (PROTECTED_TAG.equals(key) && "true".equalsIgnoreCase(v)) {
                reasons.add(name + " is tagged " + PROTECTED_TAG + "=true");
            }
            if (ENVIRONMENT_TAGS.contains(key) && production(v)) {
                reasons.add(name + " is tagged " + k + "=" + v);
            }
        });
        return reasons;
    }

    /** Whether {@code tags} carry {@link RefreshTags#MANAGED} with its value (as IAM compares it: exactly). */
    public static boolean managed(Map<String, String> tags) {
        return RefreshTags.MANAGED_VALUE.equals(tags.get(RefreshTags.MANAGED));
    }

    private static void checkDeletionProtection(RefreshPlan plan, String target, boolean protectedNow, StepId delete,
                                                List<String> reasons) {
        boolean lift = plan.delete() != null && plan.delete().liftDeletionProtection();
        if (protectedNow && plan.runs(delete) && !lift) {
            reasons.add(target + " has deletion protection and the refresh file does not allow lifting it");
        }
    }

    /** Deleting the old target with no final snapshot and no new copy made first would lose its data. */
    private static void checkOldDataKept(RefreshPlan plan, List<String> reasons) {
        boolean deletes = plan.runs(StepId.DELETE_OLD_DATABASE) || plan.runs(StepId.DELETE_OLD_CLUSTER);
        boolean restores = plan.runs(StepId.PERFORM_RESTORE);
        boolean snapshot = plan.delete() == null || plan.delete().finalSnapshot();
        if (deletes && !restores && !snapshot) {
            reasons.add("the old target would be deleted with no final snapshot and no new copy restored first");
        }
    }

    static boolean production(String environment) {
        return environment != null && PRODUCTION.contains(environment.trim().toLowerCase(Locale.ROOT));
    }

    private static boolean sameName(String a, String b) {
        return RdsArn.nameOf(a).equalsIgnoreCase(RdsArn.nameOf(b));
    }

    private Optional<DBInstance> instance(String id) {
        try {
            return rds.describeDBInstances(DescribeDbInstancesRequest.builder().dbInstanceIdentifier(id).build()).dbInstances().stream().findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<DBCluster> cluster(String id) {
        try {
            return rds.describeDBClusters(DescribeDbClustersRequest.builder().dbClusterIdentifier(id).build()).dbClusters().stream().findFirst();
        } catch (DbClusterNotFoundException e) {
            return Optional.empty();
        }
    }
}
