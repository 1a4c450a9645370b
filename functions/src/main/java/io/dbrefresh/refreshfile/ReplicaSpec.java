package io.dbrefresh.refreshfile;

import java.util.List;

/**
 * create-read-replicas. An empty {@code replicas} list means: recreate the replicas that
 * delete-replicas removed, with their names and classes.
 *
 * @param replicaMode Oracle only: {@code open-read-only} or {@code mounted}; null for RDS's default
 */
public record ReplicaSpec(
        List<Replica> replicas,
        String engine,
        String subnetGroup,
        String dbParameterGroup,
        Boolean autoMinorVersionUpgrade,
        Boolean copyTagsToSnapshot,
        String replicaMode) {

    /** The form before {@code replicaMode} was added (Oracle only): RDS's default, open read-only. */
    public ReplicaSpec(List<Replica> replicas, String engine, String subnetGroup, String dbParameterGroup,
                       Boolean autoMinorVersionUpgrade, Boolean copyTagsToSnapshot) {
        this(replicas, engine, subnetGroup, dbParameterGroup, autoMinorVersionUpgrade, copyTagsToSnapshot, null);
    }
}
