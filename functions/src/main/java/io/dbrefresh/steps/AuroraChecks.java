package io.dbrefresh.steps;

import java.util.List;
import java.util.Map;

import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.AuroraClusters;
import io.dbrefresh.rds.ClusterInstances;
import io.dbrefresh.rds.ClusterLifecycle;
import io.dbrefresh.rds.ClusterRestore;
import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.refreshfile.Replica;
import io.dbrefresh.refreshfile.StepId;

/** The checks of the Aurora cluster steps, each reading what its start handler recorded. */
final class AuroraChecks {

    private AuroraChecks() {
    }

    static Map<StepId, StepCheck> over(AuroraClusters clusters) {
        ClusterRestore restore = new ClusterRestore(clusters);
        ClusterInstances instances = new ClusterInstances(clusters);
        ClusterLifecycle lifecycle = new ClusterLifecycle(clusters);
        OldCopies oldCopies = OldCopies.ofClusters(clusters);
        return Map.of(
                StepId.DELETE_REPLICAS, (in, r) -> instances.goneProgress(names(r)),
                StepId.PERFORM_RESTORE, (in, r) -> restore.progress(StepInputs.restoreToRun(in, clusters::region)),
                StepId.CREATE_INSTANCE, (in, r) -> instances.availability(List.of(r.resource())),
                StepId.DELETE_OLD_DATABASE, (in, r) -> instances.goneProgress(names(r)),
                StepId.DELETE_OLD_CLUSTER, (in, r) -> in.plan().delete() != null && in.plan().delete().renamesAway()
                        ? oldCopies.keptProgress(r.resource(), StepInputs.execution(in), in.plan().delete().deleteAfterSwap())
                        : lifecycle.deletionProgress(r.resource(), r.snapshot()),
                StepId.RENAME_CLUSTER, (in, r) -> StepInputs.deleteAfterSwap(in, oldCopies, r.resource(),
                        lifecycle.renameProgress(StepInputs.restore(in.plan()).temp(), r.resource(), StepInputs.execution(in))),
                StepId.RENAME_DATABASE, (in, r) -> instances.availability(List.of(r.resource())),
                StepId.FIX_TAGS, (in, r) -> lifecycle.tagsProgress(r.resource(), r.tags() == null ? Map.of() : r.tags()),
                StepId.CREATE_READ_REPLICAS, (in, r) -> instances.availability(names(r)));
    }

    private static List<String> names(StepResult result) {
        return result.replicas() == null ? List.of() : result.replicas().stream().map(Replica::name).toList();
    }
}
