package io.dbrefresh.rds;

import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * What a person connecting to the refreshed copy needs to know, as RDS describes it after the
 * refresh: where it answers, what it runs on, and its replicas (Aurora: its readers).
 *
 * @param endpoint       host name of the instance, or of the cluster's writer endpoint
 * @param readerEndpoint Aurora: the cluster's reader endpoint; rds: null
 * @param port           the port it listens on
 * @param engine         engine and version, as "mysql 8.0.40"
 * @param instanceClass  the instance class (Aurora: the writer's)
 * @param storage        storage type and size, as "gp3, 100 GiB" (Aurora: the cluster's storage type)
 * @param replicas       read replicas (rds) or reader instances (aurora)
 */
public record CopyDetails(String endpoint, String readerEndpoint, Integer port, String engine, String instanceClass,
                          String storage, List<String> replicas) {

    public CopyDetails {
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
    }

    /** The refreshed instance as RDS describes it now; empty when it is not there. */
    public static Optional<CopyDetails> ofInstance(RdsInstances instances, String id) {
        return instances.find(id).map(CopyDetails::of);
    }

    /** The refreshed cluster and its writer as RDS describes them now; empty when the cluster is not there. */
    public static Optional<CopyDetails> ofCluster(AuroraClusters clusters, String id) {
        return clusters.find(id).map(c -> of(c, clusters));
    }

    static CopyDetails of(DBInstance i) {
        String storage = i.storageType() == null ? null
                : i.storageType() + (i.allocatedStorage() == null ? "" : ", " + i.allocatedStorage() + " GiB")
                        + (i.iops() == null ? "" : ", " + i.iops() + " IOPS");
        return new CopyDetails(i.endpoint() == null ? null : i.endpoint().address(), null,
                i.endpoint() == null ? i.dbInstancePort() : i.endpoint().port(),
                engine(i.engine(), i.engineVersion()), i.dbInstanceClass(), storage,
                i.hasReadReplicaDBInstanceIdentifiers() ? i.readReplicaDBInstanceIdentifiers() : List.of());
    }

    static CopyDetails of(DBCluster c, AuroraClusters clusters) {
        String writerClass = clusters.members(c).stream().filter(m -> Boolean.TRUE.equals(m.isClusterWriter())).findFirst()
                .flatMap(m -> clusters.instances().find(m.dbInstanceIdentifier())).map(DBInstance::dbInstanceClass)
                .orElse(c.dbClusterInstanceClass());
        // Aurora storage grows by itself: the type (aurora, aurora-iopt1) is what a DBA chose
        String storage = c.storageType() != null ? c.storageType() : "aurora";
        return new CopyDetails(c.endpoint(), c.readerEndpoint(), c.port(), engine(c.engine(), c.engineVersion()),
                writerClass, storage, clusters.readers(c));
    }

    private static String engine(String engine, String version) {
        return engine == null ? null : version == null ? engine : engine + " " + version;
    }
}
