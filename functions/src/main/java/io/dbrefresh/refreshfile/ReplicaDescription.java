package io.dbrefresh.refreshfile;

import java.util.Map;

/**
 * A read replica as it was before delete-replicas removed it: enough to create it again where
 * and as it was.
 *
 * @param availabilityZone  where it ran, or null to let RDS choose
 * @param dbParameterGroup  its own parameter group, or null to inherit the primary's
 * @param tags              its tags (without this project's own)
 */
public record ReplicaDescription(String name, String dbClass, String availabilityZone, String dbParameterGroup,
                                 Map<String, String> tags) {

    public ReplicaDescription {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A replica known only by name and class (the refresh file's {@code replicas} list). */
    public static ReplicaDescription of(Replica replica) {
        return new ReplicaDescription(replica.name(), replica.dbClass(), null, null, Map.of());
    }

    public Replica toReplica() {
        return new Replica(name, dbClass);
    }
}
