package io.dbrefresh.rds;

import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.StopDbInstanceRequest;

import io.dbrefresh.execution.Observation;

/**
 * Stops the old target before its replacement is restored, so nobody keeps writing to data
 * that is about to be replaced. Before stopping it, the instance is tagged with the execution
 * ({@link RefreshTags#STOPPED_BY}): a retried start and the recovery path can then tell an
 * instance this execution stopped from one that was stopped already.
 */
public final class InstanceShutdown {

    private final RdsInstances instances;

    public InstanceShutdown(RdsInstances instances) {
        this.instances = instances;
    }

    /** @param stoppedHere true when this execution stopped the instance (and so restarts it on failure) */
    public record Stop(boolean found, boolean stoppedHere, String message) {
    }

    public Stop stop(String id, String execution) {
        Optional<DBInstance> found = instances.find(id);
        if (found.isEmpty()) {
            return new Stop(false, false, "DB instance " + id + " is absent: nothing to stop");
        }
        DBInstance instance = found.get();
        String status = instance.dbInstanceStatus();
        boolean ours = execution.equals(instances.tags(instance.dbInstanceArn()).get(RefreshTags.STOPPED_BY));
        if (InstanceStatus.STOPPED.equals(status) || "stopping".equals(status)) {
            return new Stop(true, ours, ours ? "DB instance " + id + " is " + status + " (stopped by this execution)"
                    : "DB instance " + id + " is already " + status);
        }
        instances.addTags(instance.dbInstanceArn(), Map.of(RefreshTags.STOPPED_BY, execution));
        instances.client().stopDBInstance(StopDbInstanceRequest.builder().dbInstanceIdentifier(id).build());
        return new Stop(true, true, "stopping DB instance " + id);
    }

    /** Done when the instance is {@code stopped} or absent. */
    public Observation progress(String id) {
        Optional<DBInstance> found = instances.find(id);
        if (found.isEmpty()) {
            return Observation.done("DB instance " + id + " is absent");
        }
        String status = found.get().dbInstanceStatus();
        return switch (InstanceStatus.towards(InstanceStatus.STOPPED, status)) {
            case DONE -> Observation.done("DB instance " + id + " is stopped");
            case FAILED -> Observation.failed("DB instance " + id + " is " + status + " instead of stopping");
            case IN_PROGRESS -> Observation.inProgress("DB instance " + id + " is " + status);
        };
    }
}
