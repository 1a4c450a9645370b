package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The masking samples of sql-samples/sqlserver and sql-samples/oracle, split by the runner's
 * splitters and run over the vendors' JDBC drivers on real servers: the official SQL Server
 * image and an Oracle Free image, started by Testcontainers. Where Docker is absent (as on
 * the machines this was written on) every test is skipped with that reason; the splitting is
 * tested without servers by ScriptCorpusTest, TsqlBatchesTest and SqlPlusScriptTest, the
 * URLs by JdbcConnectorTest.
 */
class SqlServerOracleServersIT {

    private static final String SQLSERVER_IMAGE = "mcr.microsoft.com/mssql/server:2022-latest";
    private static final String ORACLE_IMAGE = "gvenzl/oracle-free:23-slim-faststart";
    /** A test server's password, nothing else; it never leaves the container. */
    private static final String PASSWORD = "Dbrefresh-IT-1";
    private static final Path SAMPLES = Path.of(System.getProperty("dbrefresh.home", "../")).resolve("sql-samples");
    private static final List<String> KEYS = List.of("01-mask-personal-data.sql", "02-purge-and-reset.sql", "99-verify-masked.sql");

    private static boolean docker;

    @BeforeAll
    static void lookForDocker() {
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
    }

    // per test, so that each is reported as skipped, with the reason
    @BeforeEach
    void dockerIsThere() {
        assumeTrue(docker, "Docker is not available here: the SQL Server and Oracle servers cannot be started,"
                + " so these tests are skipped (the splitters and URLs are tested without servers)");
    }

    /** A SQL Server container, not started yet: the sa login's password is {@link #PASSWORD}. */
    private static GenericContainer<?> sqlServer() {
        return new GenericContainer<>(DockerImageName.parse(SQLSERVER_IMAGE))
                .withEnv("ACCEPT_EULA", "Y")
                .withEnv("MSSQL_SA_PASSWORD", PASSWORD)
                .withExposedPorts(1433)
                .waitingFor(Wait.forLogMessage(".*SQL Server is now ready for client connections.*", 1)
                        .withStartupTimeout(Duration.ofMinutes(4)));
    }

    @Test
    void sqlServer_samplesMaskTheCopy_throughTheMicrosoftDriver_withTls() throws Exception {
        try (GenericContainer<?> server = sqlServer()) {
            server.start();
            // the image's certificate is self-signed: require encrypts without checking it, as on RDS without a bundle
            JdbcTarget target = new JdbcTarget(SqlDialect.SQLSERVER, server.getHost(), server.getMappedPort(1433), null, "sa",
                    PASSWORD, TlsMode.REQUIRE, null);
            try (Connection c = new JdbcConnector().open(target)) {
                assertThat(run(c, SqlDialect.SQLSERVER, List.of(script("production.sql", resource("sqlserver-production.sql"))))
                        .error()).isNull();
                assertThat(scalar(c, "SELECT CAST(encrypt_option AS varchar(10)) FROM sys.dm_exec_connections WHERE session_id = @@SPID"))
                        .isEqualTo("TRUE");

                JdbcScriptRunner.Outcome masked = run(c, SqlDialect.SQLSERVER, samples("sqlserver"));

                assertThat(masked.error()).as(String.valueOf(masked.error())).isNull();
                assertThat(masked.scripts()).hasSize(3);
                assertThat(scalar(c, "SELECT COUNT(*) FROM app.dbo.customers WHERE email NOT LIKE '%@example.invalid'")).isEqualTo("0");
                assertThat(scalar(c, "SELECT COUNT(*) FROM app.dbo.audit_log")).isEqualTo("0");
                assertThat(scalar(c, "SELECT MIN(card_number) FROM app.dbo.payment_cards")).startsWith("XXXX-XXXX-XXXX-");
            }
        }
    }

    @Test
    void sqlServer_goWithACount_runsTheBatchThatManyTimes() throws Exception {
        try (GenericContainer<?> server = sqlServer()) {
            server.start();
            JdbcTarget target = new JdbcTarget(SqlDialect.SQLSERVER, server.getHost(), server.getMappedPort(1433), "master", "sa",
                    PASSWORD, TlsMode.REQUIRE, null);
            try (Connection c = new JdbcConnector().open(target)) {
                JdbcScriptRunner.Outcome o = run(c, SqlDialect.SQLSERVER, List.of(script("go.sql", """
                        CREATE TABLE #t (id int IDENTITY, note nvarchar(20));
                        GO
                        INSERT INTO #t (note) VALUES (N'GO; not a separator');
                        GO 3
                        """)));
                assertThat(o.error()).isNull();
                assertThat(scalar(c, "SELECT COUNT(*) FROM #t")).isEqualTo("3");
            }
        }
    }

    @Test
    void oracle_samplesMaskTheCopy_throughOracleJdbc() throws Exception {
        try (GenericContainer<?> server = new GenericContainer<>(DockerImageName.parse(ORACLE_IMAGE))
                .withEnv("ORACLE_PASSWORD", PASSWORD)
                .withEnv("APP_USER", "APP")
                .withEnv("APP_USER_PASSWORD", PASSWORD)
                .withExposedPorts(1521)
                .waitingFor(Wait.forLogMessage(".*DATABASE IS READY TO USE!.*", 1).withStartupTimeout(Duration.ofMinutes(6)))) {
            server.start();
            // the image serves plain TCP only; TCPS (the runner's default) is covered by JdbcConnectorTest's URLs
            JdbcTarget target = new JdbcTarget(SqlDialect.ORACLE, server.getHost(), server.getMappedPort(1521), "FREEPDB1", "system",
                    PASSWORD, TlsMode.DISABLE, null);
            try (Connection c = new JdbcConnector().open(target)) {
                assertThat(run(c, SqlDialect.ORACLE, List.of(script("production.sql", resource("oracle-production.sql")))).error())
                        .isNull();

                JdbcScriptRunner.Outcome masked = run(c, SqlDialect.ORACLE, samples("oracle"));

                assertThat(masked.error()).as(String.valueOf(masked.error())).isNull();
                assertThat(masked.scripts()).hasSize(3);
                assertThat(scalar(c, "SELECT COUNT(*) FROM app.customers WHERE email NOT LIKE '%@example.invalid'")).isEqualTo("0");
                assertThat(scalar(c, "SELECT COUNT(*) FROM app.user_sessions")).isEqualTo("0");
                assertThat(scalar(c, "SELECT MIN(phone) FROM app.customers")).startsWith("+1-555-01");
            }
        }
    }

    private static JdbcScriptRunner.Outcome run(Connection c, SqlDialect dialect, List<Script> scripts) {
        return new JdbcScriptRunner(Clock.systemUTC(), Duration.ofMinutes(1)).run(c, scripts, dialect, false, false, PASSWORD,
                done -> { });
    }

    private static List<Script> samples(String folder) throws IOException {
        List<Script> scripts = new ArrayList<>();
        for (String key : KEYS) {
            scripts.add(script(key, Files.readString(SAMPLES.resolve(folder).resolve(key))));
        }
        return scripts;
    }

    private static Script script(String key, String text) {
        return new Script(key, key, text, "test", text.length());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SqlServerOracleServersIT.class.getResourceAsStream("/scripts/servers/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
