package io.dbrefresh.refreshfile;

import java.util.List;

/**
 * create-read-replicas. An empty {@code replicas} list means: recreate the replicas that
 * delete-replicas removed, with their names and classes.
 */
public record ReplicaSpec(
        List<Replica> replicas,
        String engine,
        String subnetGroup,
        String dbParameterGroup,
        Boolean autoMinorVersionUpgrade,
        Boolean copyTagsToSnapshot) {
}
