package io.dbrefresh.steps;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.AuroraClusters;
import io.dbrefresh.rds.ClusterInstances;
import io.dbrefresh.rds.ClusterLifecycle;
import io.dbrefresh.rds.ClusterRestore;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.Replica;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The checks of the Aurora cluster steps, and the map {@link CheckStep} uses: for a step both
 * services have, the plan's service picks the check.
 */
final class AuroraChecks {

    private AuroraChecks() {
    }

    static Map<StepId, StepCheck> over(RdsClient rds) {
        AuroraClusters clusters = ClusterSteps.clusters(rds);
        ClusterRestore restore = new ClusterRestore(clusters);
        ClusterInstances instances = new ClusterInstances(clusters);
        ClusterLifecycle lifecycle = new ClusterLifecycle(clusters);
        return Map.of(
                StepId.DELETE_REPLICAS, (in, r) -> instances.goneProgress(names(r)),
                StepId.PERFORM_RESTORE, (in, r) -> restore.progress(StepInputs.restoreToRun(in, () -> RdsChecks.region(rds))),
                StepId.CREATE_INSTANCE, (in, r) -> instances.availability(List.of(r.resource())),
                StepId.DELETE_OLD_DATABASE, (in, r) -> instances.goneProgress(names(r)),
                StepId.DELETE_OLD_CLUSTER, (in, r) -> lifecycle.deletionProgress(r.resource(), r.snapshot()),
                StepId.RENAME_CLUSTER, (in, r) -> lifecycle.renameProgress(StepInputs.restore(in.plan()).temp(), r.resource(),
                        StepInputs.execution(in)),
                StepId.RENAME_DATABASE, (in, r) -> instances.availability(List.of(r.resource())),
                StepId.FIX_TAGS, (in, r) -> lifecycle.tagsProgress(r.resource(), r.tags() == null ? Map.of() : r.tags()),
                StepId.CREATE_READ_REPLICAS, (in, r) -> instances.availability(names(r)));
    }

    /** The RDS checks and these, each step's check chosen by the plan's service. */
    static Map<StepId, StepCheck> alongside(Map<StepId, StepCheck> rdsChecks, RdsClient rds) {
        Map<StepId, StepCheck> aurora = over(rds);
        Map<StepId, StepCheck> all = new EnumMap<>(StepId.class);
        all.putAll(rdsChecks);
        aurora.forEach((step, check) -> {
            StepCheck rdsCheck = rdsChecks.get(step);
            all.put(step, rdsCheck == null ? check : (in, r) -> (in.plan().service() == DbService.AURORA ? check : rdsCheck).observe(in, r));
        });
        return all;
    }

    private static List<String> names(StepResult result) {
        return result.replicas() == null ? List.of() : result.replicas().stream().map(Replica::name).toList();
    }
}
