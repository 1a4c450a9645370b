package io.dbrefresh.local;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
 * their databases for the handlers ({@link LocalEndpoints}).
 */
public final class EmulatedData {

    /** One database: which emulated resource it backs, under which name it was made, and how it was filled. */
    public record Backing(String database, String createdAs, String origin, String masterUsername) {
    }

    private final LocalDatabases server;
    private final RdsClient rds;
    private final String source;
    private final LocalEndpoints endpoints;
    /** Each current instance or cluster name (not Aurora members: they share their cluster's) and its database. */
    private final Map<String, Tracked> tracked = new LinkedHashMap<>();
    private final Map<String, Backing> byName = new LinkedHashMap<>();
    private final Map<String, String> finalNames = new LinkedHashMap<>();
    /** The sources "production" is loaded into: one in a single run, each of a fleet's in a fleet run. */
    private final java.util.Set<String> sources = new java.util.HashSet<>();
    /** For a copy's first name (a temp name), the source whose data it gets, when it is not {@code source}. */
    private final Map<String, String> copyOf = new LinkedHashMap<>();
    private java.util.function.Predicate<String> engines = engine -> true;
    /** The source's account when it is not the run's own (a refresh across accounts); null otherwise. */
    private RdsClient sourceAccount;
    private int counter;

    /** A database and the identity of the resource it backs (resource id and creation time: a rename keeps both). */
    private record Tracked(String key, Backing backing) {
    }

    public EmulatedData(LocalDatabases server, RdsClient rds, String source, LocalEndpoints endpoints) {
        this.server = server;
        this.rds = rds;
        this.source = source;
        this.endpoints = endpoints;
        this.sources.add(source);
    }

    /**
     * One more refresh in the same account (a fleet): {@code source} is loaded with "production"
     * too, and the copy first made as {@code temp} gets {@code source}'s data and is named after
     * {@code target}.
     */
    public synchronized EmulatedData alsoFrom(String source, String temp, String target) {
        sources.add(source);
        copyOf.put(temp, source);
        return finalName(temp, target);
    }

    /**
     * Backs only the instances and clusters whose engine {@code engines} accepts: a fleet with
     * MySQL and PostgreSQL databases has one server of each family, each backing its own.
     */
    public synchronized EmulatedData onlyEngines(java.util.function.Predicate<String> engines) {
        this.engines = engines;
        return this;
    }

    /**
     * Names the database of a copy first made as {@code temp} after {@code target}, the name the
     * refresh gives it: what a reader looks for in the run's output and on the server.
     */
    public EmulatedData finalName(String temp, String target) {
        if (temp != null && target != null) {
            finalNames.put(temp, target);
        }
        return this;
    }

    /**
     * The source lives in another account of the emulator (restore.sourceaccount): its instances
     * and clusters are backed too, so "production" is loaded there and a copy restored here from
     * its shared snapshot gets its data.
     */
    public synchronized EmulatedData withSourceAccount(RdsClient otherAccount) {
        this.sourceAccount = otherAccount;
        return this;
    }

    public LocalDatabases server() {
        return server;
    }

    /**
     * Gives every resource that exists before the run its database: the source's filled by
     * {@code loader} (the dump or the sample), any other (the current target, its replicas) an
     * empty one. Returns one line per database made.
     */
    public synchronized List<String> seed(SourceLoader loader) throws SQLException {
        return align(loader);
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
            align(null);
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

    /**
     * Matches what moto lists now to the databases known: the same name with the same identity
     * first, then an identity whose name went away (a rename), then a new database for the rest;
     * databases nothing matched are dropped. Identity alone is not enough: moto gives a read
     * replica its primary's resource id and creation time.
     */
    private List<String> align(SourceLoader seeding) throws SQLException {
        List<Resource> now = resources();
        List<Resource> own = now.stream().filter(r -> r.isCluster() || r.cluster() == null).toList();
        Map<String, Tracked> unmatched = new LinkedHashMap<>(tracked);
        Map<String, Tracked> next = new LinkedHashMap<>();
        List<Resource> fresh = new ArrayList<>();
        for (Resource r : own) {
            Tracked t = unmatched.get(r.name());
            if (t != null && t.key().equals(r.key())) {
                next.put(r.name(), unmatched.remove(r.name()));
            } else {
                fresh.add(r);
            }
        }
        for (Resource r : new ArrayList<>(fresh)) {
            unmatched.entrySet().stream().filter(e -> e.getValue().key().equals(r.key())).findFirst().ifPresent(e -> {
                next.put(r.name(), e.getValue());
                unmatched.remove(e.getKey());
                fresh.remove(r);
            });
        }
        List<String> lines = new ArrayList<>();
        for (Resource r : fresh) {
            String db = newDatabase(r.name());
            String origin;
            if (seeding != null) {
                server.create(db);
                origin = sources.contains(r.name()) ? seeding.load(server, db) : "empty (the current copy's data plays no part in a refresh)";
            } else {
                String from = r.replicaOf() != null ? r.replicaOf() : copyOf.getOrDefault(r.name(), source);
                Tracked of = next.get(from);
                if (of == null) {
                    server.create(db);
                    origin = "empty (" + from + " has no database)";
                } else {
                    server.copy(of.backing().database(), db);
                    origin = (r.replicaOf() != null ? "replica of " : "copy of ") + from + " (" + of.backing().database() + ")";
                }
            }
            server.ensureLogin(r.masterUsername());
            next.put(r.name(), new Tracked(r.key(), new Backing(db, r.name(), origin, r.masterUsername())));
            lines.add("database " + db + " for " + r.name() + ": " + origin);
        }
        for (Tracked gone : unmatched.values()) {
            server.drop(gone.backing().database());
        }
        tracked.clear();
        tracked.putAll(next);
        register(now);
        return lines;
    }

    /** Points each current name at its database; names gone are removed (no moment where a current name is unknown). */
    private void register(List<Resource> now) {
        Map<String, Backing> current = new LinkedHashMap<>();
        for (Resource r : now) {
            Tracked t = tracked.get(r.isCluster() || r.cluster() == null ? r.name() : r.cluster());
            if (t != null) {
                current.put(r.name(), t.backing());
                endpoints.register(r.name(), server.endpoint(t.backing().database(), t.backing().masterUsername()));
            }
        }
        byName.keySet().stream().filter(n -> !current.containsKey(n)).forEach(endpoints::remove);
        byName.clear();
        byName.putAll(current);
    }

    /** A database name on the server for a resource first seen as {@code name}: unique, and short enough for both engines. */
    private String newDatabase(String name) {
        counter++;
        String clean = finalNames.getOrDefault(name, name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String db = "dbr" + counter + "_" + clean;
        return db.length() > 60 ? db.substring(0, 60) : db;
    }

    /** An instance or cluster as moto describes it now. */
    private record Resource(String key, String name, boolean isCluster, String cluster, String replicaOf, String masterUsername,
                            String engine) {
    }

    private List<Resource> resources() {
        List<Resource> out = new ArrayList<>(resourcesOf(rds, ""));
        if (sourceAccount != null) {
            out.addAll(resourcesOf(sourceAccount, "source-account:"));
        }
        return out.stream().filter(r -> r.engine() == null || engines.test(r.engine())).toList();
    }

    private static List<Resource> resourcesOf(RdsClient rds, String account) {
        List<Resource> out = new ArrayList<>();
        for (DBCluster c : rds.describeDBClustersPaginator(b -> { }).dbClusters()) {
            out.add(new Resource("cluster:" + c.dbClusterResourceId() + "@" + c.clusterCreateTime(), c.dbClusterIdentifier(),
                    true, c.dbClusterIdentifier(), null, c.masterUsername(), c.engine()));
        }
        for (DBInstance i : rds.describeDBInstancesPaginator(b -> { }).dbInstances()) {
            out.add(new Resource("instance:" + i.dbiResourceId() + "@" + i.instanceCreateTime(), i.dbInstanceIdentifier(),
                    false, i.dbClusterIdentifier(), i.readReplicaSourceDBInstanceIdentifier(), i.masterUsername(), i.engine()));
        }
        return out.stream().map(r -> new Resource(account + r.key(), r.name(), r.isCluster(), r.cluster(), r.replicaOf(),
                r.masterUsername(), r.engine())).toList();
    }
}
