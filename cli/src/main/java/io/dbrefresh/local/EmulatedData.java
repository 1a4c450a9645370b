package io.dbrefresh.local;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.dbrefresh.scripts.EndpointOverrides;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * The data behind the emulated account: every instance or cluster moto knows is one database
 * on the run's embedded server. The source holds "production" (a dump or the sample); a copy
 * the refresh restores (from a point in time, a snapshot or a clone) gets a copy of the
 * source's database when it first appears; a read replica a copy of its primary's; an Aurora
 * instance shares its cluster's. A database follows its instance or cluster through renames
 * (it is keyed by the resource id and creation time, which a rename keeps) and is dropped
 * when the instance or cluster is deleted. After each {@link #sync()}, the names resolve to
 * their databases for the handlers ({@link EndpointOverrides}).
 */
public final class EmulatedData {

    /** One database: which emulated resource it backs, under which name it was made, and how it was filled. */
    public record Backing(String database, String createdAs, String origin, String masterUsername) {
    }

    private final LocalDatabases server;
    private final RdsClient rds;
    private final String source;
    private final EndpointOverrides endpoints;
    private final Map<String, Backing> byResource = new LinkedHashMap<>();
    private final Map<String, Backing> byName = new LinkedHashMap<>();
    private int counter;

    public EmulatedData(LocalDatabases server, RdsClient rds, String source, EndpointOverrides endpoints) {
        this.server = server;
        this.rds = rds;
        this.source = source;
        this.endpoints = endpoints;
    }

    public LocalDatabases server() {
        return server;
    }

    /**
     * Gives every resource that exists before the run its database: the source's filled by
     * {@code loader} (the dump or the sample), any other (the current target, its replicas) an
     * empty one. Returns one line per database made.
     */
    public List<String> seed(SourceLoader loader) throws SQLException {
        List<String> lines = new ArrayList<>();
        for (Resource r : resources()) {
            if (byResource.containsKey(r.key())) {
                continue;
            }
            if (r.cluster() != null && !r.isCluster()) {
                continue;
            }
            String db = newDatabase(r.name());
            server.create(db);
            String origin;
            if (r.name().equals(source)) {
                origin = loader.load(server, db);
            } else {
                origin = "empty (the current copy's data plays no part in a refresh)";
            }
            server.ensureLogin(r.masterUsername());
            byResource.put(r.key(), new Backing(db, r.name(), origin, r.masterUsername()));
            lines.add("database " + db + " for " + r.name() + ": " + origin);
        }
        register();
        return lines;
    }

    /** Fills "production" when the run starts. */
    @FunctionalInterface
    public interface SourceLoader {
        /** Loads database {@code db} of {@code server}; returns what was loaded, for the run's output. */
        String load(LocalDatabases server, String db) throws SQLException;
    }

    /**
     * Brings the databases in line with the emulated account: a database for each new instance
     * or cluster, none for a deleted one, each current name resolving to its database.
     */
    public synchronized void sync() {
        try {
            List<Resource> now = resources();
            Set<String> present = new HashSet<>();
            // clusters first: their instances share the cluster's database
            for (Resource r : now) {
                present.add(r.key());
                if (byResource.containsKey(r.key()) || (r.cluster() != null && !r.isCluster())) {
                    continue;
                }
                String from = r.replicaOf() != null ? r.replicaOf() : source;
                Backing origin = byName.get(from);
                String db = newDatabase(r.name());
                if (origin == null) {
                    server.create(db);
                    byResource.put(r.key(), new Backing(db, r.name(), "empty (" + from + " has no database)", r.masterUsername()));
                } else {
                    server.copy(origin.database(), db);
                    byResource.put(r.key(), new Backing(db, r.name(),
                            (r.replicaOf() != null ? "replica of " : "copy of ") + from + " (" + origin.database() + ")",
                            r.masterUsername()));
                }
                server.ensureLogin(r.masterUsername());
            }
            for (String gone : new ArrayList<>(byResource.keySet())) {
                if (!present.contains(gone)) {
                    server.drop(byResource.remove(gone).database());
                }
            }
            register();
        } catch (SQLException e) {
            throw new IllegalStateException("local run: cannot keep the embedded databases in line with the emulated account: "
                    + e.getMessage(), e);
        }
    }

    /** The database behind instance or cluster {@code name} as of the last sync. */
    public synchronized Optional<Backing> backing(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every current name and its database, as of the last sync. */
    public synchronized Map<String, Backing> names() {
        return Map.copyOf(byName);
    }

    /** Points each current name at its database; names gone are removed (no moment where a current name is unknown). */
    private void register() {
        List<Resource> now = resources();
        Map<String, String> clusterKeys = new LinkedHashMap<>();
        now.stream().filter(Resource::isCluster).forEach(r -> clusterKeys.put(r.name(), r.key()));
        Map<String, Backing> current = new LinkedHashMap<>();
        for (Resource r : now) {
            String key = r.isCluster() || r.cluster() == null ? r.key() : clusterKeys.get(r.cluster());
            Backing b = key == null ? null : byResource.get(key);
            if (b != null) {
                current.put(r.name(), b);
                endpoints.register(r.name(), server.endpoint(b.database(), b.masterUsername()));
            }
        }
        byName.keySet().stream().filter(n -> !current.containsKey(n)).forEach(endpoints::remove);
        byName.clear();
        byName.putAll(current);
    }

    /** A database name on the server for a resource first seen as {@code name}: unique, and short enough for both engines. */
    private String newDatabase(String name) {
        counter++;
        String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String db = "dbr" + counter + "_" + clean;
        return db.length() > 60 ? db.substring(0, 60) : db;
    }

    /** An instance or cluster as moto describes it now. */
    private record Resource(String key, String name, boolean isCluster, String cluster, String replicaOf, String masterUsername) {
    }

    private List<Resource> resources() {
        List<Resource> out = new ArrayList<>();
        for (DBCluster c : rds.describeDBClustersPaginator(b -> { }).dbClusters()) {
            out.add(new Resource("cluster:" + c.dbClusterResourceId() + "@" + c.clusterCreateTime(), c.dbClusterIdentifier(),
                    true, c.dbClusterIdentifier(), null, c.masterUsername()));
        }
        for (DBInstance i : rds.describeDBInstancesPaginator(b -> { }).dbInstances()) {
            out.add(new Resource("instance:" + i.dbiResourceId() + "@" + i.instanceCreateTime(), i.dbInstanceIdentifier(),
                    false, i.dbClusterIdentifier(), i.readReplicaSourceDBInstanceIdentifier(), i.masterUsername()));
        }
        return out;
    }
}
