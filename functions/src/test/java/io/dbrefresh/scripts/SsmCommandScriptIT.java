package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.testing.EmbeddedDatabases;

/**
 * The shell script that {@code method: ec2} sends, run here as the instance would run it:
 * with the engine's real client ({@code mysql}/{@code mariadb} or {@code psql}) against an
 * embedded server, and a stand-in {@code aws} command whose S3 is a folder and whose secret
 * is a file. Skipped when the client is not installed.
 */
class SsmCommandScriptIT {

    private static final String PASSWORD = "Shell-Secret-77";
    private static final String BUCKET = "dbrefresh-scripts";
    private static final String PREFIX = "sqlscripts/app1/appdbdev";

    /** The AWS CLI calls the script makes, served from local files. */
    private static final String AWS_STUB = """
            #!/bin/bash
            set -euo pipefail
            if [ "$1 $2" = "secretsmanager get-secret-value" ]; then cat "$STUB_SECRET"; exit 0; fi
            shift 2
            paths=()
            while [ $# -gt 0 ]; do
              case "$1" in
                --content-type) shift 2 ;;
                --*) shift ;;
                *) paths+=("$1"); shift ;;
              esac
            done
            src=${paths[0]}; dst=${paths[1]}
            if [[ $src == s3://* ]]; then cp "$STUB_S3/${src#s3://}" "$dst"
            else mkdir -p "$(dirname "$STUB_S3/${dst#s3://}")"; cp "$src" "$STUB_S3/${dst#s3://}"; fi
            """;

    @TempDir
    Path dir;

    /** Which of the commands are not on the PATH, so a skip names only what is really missing. */
    private static List<String> missing(String... commands) {
        return java.util.Arrays.stream(commands).filter(c -> !installed(c)).toList();
    }

    private static boolean installed(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private record Run(int exit, String output, RunReport report) {
    }

    private Run run(SqlDialect dialect, EmbeddedDatabases.Server server, List<String> keys) throws Exception {
        return run(dialect, server, keys, new TlsPolicy(TlsMode.DISABLE, null));
    }

    private Run run(SqlDialect dialect, EmbeddedDatabases.Server server, List<String> keys, TlsPolicy tls) throws Exception {
        Path s3 = dir.resolve("s3");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("aws"), AWS_STUB);
        Files.setPosixFilePermissions(bin.resolve("aws"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("secret.json"),
                "{\"username\":\"" + server.adminUser() + "\",\"password\":\"" + PASSWORD + "\"}");
        ScriptRunRequest req = ScriptRunRequest.from(ScriptFixtures.input(s -> {
            s.put("engine", ScriptFixtures.engine(dialect));
            s.put("method", "ec2");
            s.putArray("keys").addAll(keys.stream().map(Json.MAPPER.getNodeFactory()::textNode).toList());
        }));
        SsmScriptRunner runner = new SsmScriptRunner(null, null, tls, "us-east-1");
        Path script = dir.resolve("command.sh");
        Files.write(script, runner.commands(req, server.endpoint("appdbdev")));
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("STUB_S3", s3.toString());
        pb.environment().put("STUB_SECRET", dir.resolve("secret.json").toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Path reportFile = s3.resolve(BUCKET).resolve(PREFIX).resolve("reports/refresh-appdbdev-1.json");
        RunReport report = Files.exists(reportFile) ? Json.MAPPER.readValue(reportFile.toFile(), RunReport.class) : null;
        return new Run(p.exitValue(), output, report);
    }

    private EmbeddedDatabases.Server given(SqlDialect dialect, String extraKey, String extraText) throws Exception {
        EmbeddedDatabases.Server server = EmbeddedDatabases.server(dialect);
        server.recreate("appdbdev");
        try (Connection c = server.connect("appdbdev")) {
            Script sample = new Script("sample", "sample", ScriptFixtures.sample(dialect, "sample-production.sql"), "-", 0);
            assertThat(new JdbcScriptRunner(Clock.systemUTC(), Duration.ofMinutes(1))
                    .run(c, List.of(sample), dialect, false, false, null, d -> { }).error()).isNull();
        }
        Path folder = Files.createDirectories(dir.resolve("s3").resolve(BUCKET).resolve(PREFIX));
        for (String key : List.of("01-mask-personal-data.sql", "02-purge-and-reset.sql", "99-verify-masked.sql")) {
            Files.writeString(folder.resolve(key), ScriptFixtures.sample(dialect, key));
        }
        if (extraKey != null) {
            Files.writeString(folder.resolve(extraKey), extraText);
        }
        return server;
    }

    private static String client(SqlDialect dialect) {
        return dialect == SqlDialect.MYSQL ? "mysql" : "psql";
    }

    @ParameterizedTest
    @EnumSource(value = SqlDialect.class, names = {"MYSQL", "POSTGRESQL"})
    void commandScript_runsTheSamplesWithTheEngineClient_andUploadsASucceededReport(SqlDialect dialect) throws Exception {
        assumeTrue(missing(client(dialect), "python3").isEmpty(), () -> "not installed: " + missing(client(dialect), "python3"));
        EmbeddedDatabases.Server server = given(dialect, null, null);

        Run run = run(dialect, server, List.of("01-mask-personal-data.sql", "02-purge-and-reset.sql", "99-verify-masked.sql"));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.report().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.report().scripts()).hasSize(3).allSatisfy(s -> assertThat(s.sha256()).hasSize(64));
        assertThat(run.output()).doesNotContain(PASSWORD);
        try (Connection c = server.connect("appdbdev"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM customers WHERE email NOT LIKE '%@example.invalid'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SqlDialect.class, names = {"MYSQL", "POSTGRESQL"})
    void commandScript_failingScript_exitsNonZero_andReportsScriptAndLine(SqlDialect dialect) throws Exception {
        assumeTrue(missing(client(dialect), "python3").isEmpty(), () -> "not installed: " + missing(client(dialect), "python3"));
        EmbeddedDatabases.Server server = given(dialect, "bad.sql", "SELECT 1;\n\nUPDATE no_such_table SET a = 1;\n");

        Run run = run(dialect, server, List.of("bad.sql", "01-mask-personal-data.sql"));

        assertThat(run.exit()).isNotZero();
        assertThat(run.report().status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.report().scripts()).hasSize(1);
        assertThat(run.report().error().script()).isEqualTo("bad.sql");
        assertThat(run.report().error().line()).isEqualTo(3);
        assertThat(run.report().error().message()).contains("no_such_table");
    }

    /**
     * The tests' MariaDB serves TLS with a self-signed certificate, which no RDS authority
     * signed: verified by default against the region's RDS authorities the command carries, the
     * client refuses it and no script runs; verified against a bundle holding its certificate
     * (a file on the instance), it runs them.
     */
    @Test
    void commandScript_verifyingByDefault_refusesAServerNoRdsAuthoritySigned_andRunsWithItsOwnCertificate() throws Exception {
        assumeTrue(missing("mysql", "python3").isEmpty(), () -> "not installed: " + missing("mysql", "python3"));
        EmbeddedDatabases.Server server = given(SqlDialect.MYSQL, null, null);
        String cert;
        try (Connection c = server.connect(null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW VARIABLES LIKE 'ssl_cert'")) {
            assertThat(rs.next()).isTrue();
            cert = rs.getString(2);
        }

        Run refused = run(SqlDialect.MYSQL, server, List.of("01-mask-personal-data.sql"), new TlsPolicy(null, null));

        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.report().status()).isEqualTo(RunStatus.FAILED);
        assertThat(refused.report().error().message()).containsIgnoringCase("certificate");
        try (Connection c = server.connect("appdbdev"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM customers WHERE email NOT LIKE '%@example.invalid'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("no script ran").isPositive();
        }

        Run verified = run(SqlDialect.MYSQL, server, List.of("01-mask-personal-data.sql"), new TlsPolicy(null, cert));

        assertThat(verified.exit()).as(verified.output()).isZero();
        assertThat(verified.report().status()).isEqualTo(RunStatus.SUCCEEDED);
    }
}
