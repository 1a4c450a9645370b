package io.dbrefresh.preflight;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.dbrefresh.rds.SnapshotHousekeeping;
import io.dbrefresh.rds.Snapshots;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.SnapshotRetention;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AccountQuota;
import software.amazon.awssdk.services.rds.model.DescribeAccountAttributesRequest;

/**
 * The account's RDS quotas have room for what the refresh creates while the old target still
 * exists: the copy (an instance; for Aurora a cluster and its writer), the final snapshot of
 * the old target, and the re-encrypted copy of a snapshot. A full quota is otherwise found by
 * the step that creates, after the replicas were deleted or the old target stopped: that is a
 * problem. A quota the refresh leaves {@linkplain #NEARLY_FULL_PERCENT nearly full} is a warning:
 * this refresh fits, the next one (or one running beside it) may not.
 *
 * <p>For the manual snapshot quotas, "after the refresh" counts what fix-tags prunes: the
 * target's final snapshots beyond the file's retention and the kmskeyid copies. Pruning runs
 * after the final snapshot is made, so it never makes room for it: no room now stays a problem.
 */
final class Quotas {

    static final String DB_INSTANCES = "DBInstances";
    static final String DB_CLUSTERS = "DBClusters";
    static final String MANUAL_SNAPSHOTS = "ManualSnapshots";
    static final String MANUAL_CLUSTER_SNAPSHOTS = "ManualClusterSnapshots";
    /** A quota this full or more (used, in percent of the maximum) once the refresh is done is "nearly full". */
    static final int NEARLY_FULL_PERCENT = 90;
    /** The name the final snapshot this refresh will make stands under while its pruning is worked out. */
    private static final String THIS_REFRESHS_FINAL = "(this refresh's final snapshot)";

    private final RdsClient rds;
    private final SnapshotHousekeeping housekeeping;
    private final Supplier<Instant> clock;

    Quotas(RdsClient rds, SnapshotHousekeeping housekeeping) {
        this(rds, housekeeping, Instant::now);
    }

    Quotas(RdsClient rds, SnapshotHousekeeping housekeeping, Supplier<Instant> clock) {
        this.rds = rds;
        this.housekeeping = housekeeping;
        this.clock = clock;
    }

    void check(RefreshPlan plan, List<Problem> problems, List<Problem> warnings) {
        boolean aurora = plan.service() == DbService.AURORA;
        int instances = aurora ? (plan.runs(StepId.CREATE_INSTANCE) ? 1 : 0) : 1;
        int clusters = aurora ? 1 : 0;
        StepId delete = aurora ? StepId.DELETE_OLD_CLUSTER : StepId.DELETE_OLD_DATABASE;
        boolean finalSnapshot = plan.runs(delete) && plan.delete() != null && plan.delete().finalSnapshot() && !plan.delete().keepsOld();
        boolean copy = !aurora && plan.restore().restoreType() == RestoreType.FROM_SNAPSHOT
                && plan.restore().kmsKeyId() != null && !plan.restore().kmsKeyId().isBlank();
        int snapshots = (finalSnapshot ? 1 : 0) + (copy ? 1 : 0);
        Map<String, AccountQuota> quotas;
        try {
            quotas = rds.describeAccountAttributes(DescribeAccountAttributesRequest.builder().build()).accountQuotas().stream()
                    .collect(Collectors.toMap(AccountQuota::accountQuotaName, Function.identity(), (a, b) -> a));
        } catch (SdkException e) {
            if (Offered.notOffered(e)) {
                return;
            }
            throw e;
        }
        String newCopy = "the copy " + plan.restore().temp();
        databases(quotas.get(DB_INSTANCES), instances, aurora ? "/createinstance/dbinstance" : "/restore/target",
                "DB instances", aurora ? "the new writer" : newCopy, problems, warnings);
        databases(quotas.get(DB_CLUSTERS), clusters, "/restore/targetcluster", "DB clusters", newCopy, problems, warnings);
        String forWhat = copy && finalSnapshot ? "the re-encrypted copy of the snapshot and the old target's final snapshot"
                : copy ? "the re-encrypted copy of the snapshot" : "the old target's final snapshot";
        AccountQuota quota = quotas.get(aurora ? MANUAL_CLUSTER_SNAPSHOTS : MANUAL_SNAPSHOTS);
        String what = aurora ? "manual cluster snapshots" : "manual snapshots";
        String path = copy && !finalSnapshot ? "/restore/kmskeyid" : "/" + delete.block() + "/finalsnapshot";
        if (!room(quota, snapshots, path, what, forWhat, problems) || !nearlyFull(quota.used() + snapshots, quota.max())) {
            return;
        }
        SnapshotRetention retention = finalSnapshot ? plan.delete().snapshotRetention() : null;
        int pruned = plan.runs(StepId.FIX_TAGS) ? prunedAtFixTags(plan.target(), aurora, finalSnapshot, copy, retention) : 0;
        long after = quota.used() + snapshots - pruned;
        if (!nearlyFull(after, quota.max())) {
            return;
        }
        String retentionKey = "/" + delete.block() + "/snapshotretention";
        String counted = pruned == 0 ? "" : ", " + pruned + " removed by fix-tags"
                + (retention == null ? "" : " (retention " + retention.text() + ")");
        String advice = !finalSnapshot ? "delete unused snapshots or ask AWS for a higher quota"
                : retention == null ? "set " + retentionKey.substring(1).replace('/', '.') + " so dbrefresh prunes the target's"
                        + " final snapshots, delete unused snapshots (dbrefresh cleanup removes those beyond a retention) or ask"
                        + " AWS for a higher quota"
                : "keep fewer final snapshots (" + retentionKey.substring(1).replace('/', '.') + "), delete unused snapshots or"
                        + " ask AWS for a higher quota";
        warnings.add(new Problem(retention != null ? retentionKey : path, "the account's quota of " + what + " is " + quota.max()
                + " and " + quota.used() + " are used: after this refresh (" + forWhat + " made" + counted + ") " + after
                + " will be, " + NEARLY_FULL_PERCENT + " % of the quota or more, and the next refresh may find no room ("
                + advice + ")"));
    }

    /** A DB instance or cluster quota: no room is a problem, a quota nearly full with the copy a warning. */
    private static void databases(AccountQuota quota, int needed, String path, String what, String forWhat, List<Problem> problems,
                                  List<Problem> warnings) {
        if (room(quota, needed, path, what, forWhat, problems) && nearlyFull(quota.used() + needed, quota.max())) {
            warnings.add(new Problem(path, "the account's quota of " + what + " is " + quota.max() + " and " + quota.used()
                    + " are used: with " + forWhat + " " + (quota.used() + needed) + " will be, " + NEARLY_FULL_PERCENT
                    + " % of the quota or more, and a refresh running beside this one may find no room (delete unused ones or"
                    + " ask AWS for a higher quota)"));
        }
    }

    /** Adds the problem when there is no room; true when the quota is known, something is needed and it fits. */
    private static boolean room(AccountQuota quota, int needed, String path, String what, String forWhat, List<Problem> problems) {
        if (needed == 0 || quota == null || quota.max() == null || quota.used() == null) {
            return false;
        }
        if (quota.used() + needed > quota.max()) {
            problems.add(new Problem(path, "the account's quota of " + what + " is " + quota.max() + " and " + quota.used()
                    + " are used: no room for " + forWhat + " (delete unused ones or ask AWS for a higher quota)"));
            return false;
        }
        return true;
    }

    static boolean nearlyFull(long used, long max) {
        return used * 100 >= max * NEARLY_FULL_PERCENT;
    }

    /**
     * How many snapshots fix-tags removes after this refresh: the target's final snapshots the
     * file's retention no longer keeps once this refresh's own is the newest, the kmskeyid copies
     * of the target, and this refresh's own copy. Only snapshots dbrefresh made are counted.
     */
    private int prunedAtFixTags(String target, boolean aurora, boolean finalSnapshot, boolean copy, SnapshotRetention retention) {
        if (retention == null && !copy) {
            return 0;
        }
        Instant now = clock.get();
        String of = target.toLowerCase(Locale.ROOT);
        List<SnapshotHousekeeping.Owned> owned = new ArrayList<>(housekeeping.owned(of).getOrDefault(of, List.of()).stream()
                .filter(o -> o.cluster() == aurora).toList());
        if (finalSnapshot) {
            owned.add(new SnapshotHousekeeping.Owned(THIS_REFRESHS_FINAL, null, aurora, SnapshotHousekeeping.Kind.FINAL, of, now,
                    Snapshots.AVAILABLE, retention));
        }
        int pruned = SnapshotHousekeeping.prunable(owned, retention, THIS_REFRESHS_FINAL, copy ? now.plusSeconds(1) : null, now).size();
        return pruned + (copy ? 1 : 0);
    }
}
