package io.dbrefresh.steps;

import java.util.List;
import java.util.Map;

import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.InstanceDeletion;
import io.dbrefresh.rds.InstanceRename;
import io.dbrefresh.rds.InstanceRestore;
import io.dbrefresh.rds.InstanceShutdown;
import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.ReadReplicas;
import io.dbrefresh.rds.Snapshots;
import io.dbrefresh.rds.TargetTags;
import io.dbrefresh.refreshfile.Replica;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.services.rds.RdsClient;

/** The checks of the RDS-instance steps, each reading what its start handler recorded. */
final class RdsChecks {

    private RdsChecks() {
    }

    static Map<StepId, StepCheck> over(RdsClient rds) {
        return over(new RdsInstances(rds));
    }

    static Map<StepId, StepCheck> over(RdsInstances instances) {
        ReadReplicas replicas = new ReadReplicas(instances);
        InstanceShutdown shutdown = new InstanceShutdown(instances);
        InstanceRestore restore = new InstanceRestore(instances, new Snapshots(instances));
        InstanceDeletion deletion = new InstanceDeletion(instances);
        InstanceRename rename = new InstanceRename(instances);
        TargetTags tags = new TargetTags(instances);
        OldCopies oldCopies = new OldCopies(instances);
        return Map.of(
                StepId.DELETE_REPLICAS, (in, r) -> replicas.deletionProgress(names(r)),
                // renamed away to be deleted after the swap, the old target is left running (see StopOldDatabase)
                StepId.STOP_OLD_DATABASE, (in, r) -> in.plan().delete() != null && in.plan().delete().deleteAfterSwap()
                        ? Observation.done(r.message()) : shutdown.progress(r.resource()),
                StepId.PERFORM_RESTORE, (in, r) -> restore.progress(StepInputs.restoreToRun(in, instances::region), r.snapshot(), r.alignedTo(),
                        StepInputs.execution(in)),
                StepId.DELETE_OLD_DATABASE, (in, r) -> in.plan().delete() != null && in.plan().delete().renamesAway()
                        ? oldCopies.keptProgress(r.resource(), StepInputs.execution(in), in.plan().delete().deleteAfterSwap())
                        : deletion.progress(r.resource(), r.snapshot()),
                StepId.RENAME_DATABASE, (in, r) -> StepInputs.deleteAfterSwap(in, oldCopies, r.resource(),
                        rename.progress(StepInputs.restore(in.plan()).temp(), r.resource(), StepInputs.execution(in))),
                StepId.FIX_TAGS, (in, r) -> tags.progress(r.resource(), r.tags() == null ? Map.of() : r.tags()),
                StepId.CREATE_READ_REPLICAS, (in, r) -> replicas.creationProgress(names(r)));
    }

    private static List<String> names(StepResult result) {
        return result.replicas() == null ? List.of() : result.replicas().stream().map(Replica::name).toList();
    }
}
