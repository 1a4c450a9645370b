package io.dbrefresh.preflight;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AccountQuota;
import software.amazon.awssdk.services.rds.model.DescribeAccountAttributesRequest;

/**
 * The account's RDS quotas have room for what the refresh creates while the old target still
 * exists: the copy (an instance; for Aurora a cluster and its writer), the final snapshot of
 * the old target, and the re-encrypted copy of a snapshot. A full quota is otherwise found by
 * the step that creates, after the replicas were deleted or the old target stopped.
 */
final class Quotas {

    static final String DB_INSTANCES = "DBInstances";
    static final String DB_CLUSTERS = "DBClusters";
    static final String MANUAL_SNAPSHOTS = "ManualSnapshots";
    static final String MANUAL_CLUSTER_SNAPSHOTS = "ManualClusterSnapshots";

    private final RdsClient rds;

    Quotas(RdsClient rds) {
        this.rds = rds;
    }

    void check(RefreshPlan plan, List<Problem> problems) {
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
        String deleteBlock = "/" + delete.block() + "/finalsnapshot";
        room(quotas.get(DB_INSTANCES), instances, aurora ? "/createinstance/dbinstance" : "/restore/target",
                "DB instances", aurora ? "the new writer" : "the copy " + plan.restore().temp(), problems);
        room(quotas.get(DB_CLUSTERS), clusters, "/restore/targetcluster", "DB clusters", "the copy " + plan.restore().temp(), problems);
        room(quotas.get(aurora ? MANUAL_CLUSTER_SNAPSHOTS : MANUAL_SNAPSHOTS), snapshots, copy && !finalSnapshot ? "/restore/kmskeyid"
                : deleteBlock, aurora ? "manual cluster snapshots" : "manual snapshots",
                copy && finalSnapshot ? "the re-encrypted copy of the snapshot and the old target's final snapshot"
                        : copy ? "the re-encrypted copy of the snapshot" : "the old target's final snapshot", problems);
    }

    private static void room(AccountQuota quota, int needed, String path, String what, String forWhat, List<Problem> problems) {
        if (needed == 0 || quota == null || quota.max() == null || quota.used() == null) {
            return;
        }
        if (quota.used() + needed > quota.max()) {
            problems.add(new Problem(path, "the account's quota of " + what + " is " + quota.max() + " and " + quota.used()
                    + " are used: no room for " + forWhat + " (delete unused ones or ask AWS for a higher quota)"));
        }
    }
}
