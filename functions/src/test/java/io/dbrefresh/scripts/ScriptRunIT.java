package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.EndpointResolver;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.steps.RunScripts;
import io.dbrefresh.testing.EmbeddedDatabases;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The runscripts step end to end below the state machine: the sql-samples scripts served by
 * moto's S3, the login from moto's Secrets Manager, a copy of the sample "production" on an
 * embedded MariaDB or PostgreSQL as the target, the real start handler (in-process worker)
 * and the check.
 */
class ScriptRunIT {

    private static final String PASSWORD = "Sup3r-Secret-Pa55word";
    private static final String BUCKET = "dbrefresh-scripts";
    private static final String PREFIX = "sqlscripts/app1/appdbdev";
    private static final List<String> SAMPLE_SCRIPTS = List.of("01-mask-personal-data.sql", "02-purge-and-reset.sql",
            "99-verify-masked.sql");

    private AwsClients aws;
    private StepEnvironment env;
    private EmbeddedDatabases.Server server;
    private String target;

    /** Production with the sample data, its copy as the target, the scripts in S3, the admin secret. */
    private void given(SqlDialect dialect) throws Exception {
        Emulators.reset();
        aws = Emulators.clients();
        server = EmbeddedDatabases.server(dialect);
        String prod = "appdbprod";
        target = "appdbdev";
        // the target is the embedded copy, and the worker runs on a thread of this process, as in a local run
        EndpointResolver copy = (instance, cluster) -> target.equals(instance) ? Optional.of(server.endpoint(target)) : Optional.empty();
        env = new StepEnvironment(aws, Clock.systemUTC(), 0, null, null).runningLocally(copy, run -> Thread.ofVirtual().start(run));
        server.recreate(prod);
        try (Connection c = server.connect(prod)) {
            Script sample = new Script("sample-production.sql", "sample-production.sql",
                    ScriptFixtures.sample(dialect, "sample-production.sql"), "-", 0);
            JdbcScriptRunner.Outcome seeded = new JdbcScriptRunner(Clock.systemUTC(), Duration.ofMinutes(1))
                    .run(c, List.of(sample), dialect, false, false, null, done -> { });
            assertThat(seeded.error()).as("sample loads").isNull();
        }
        try (Connection admin = server.connect(null)) {
            DatabaseCopy.copy(admin, dialect, prod, target);
        }
        aws.s3().createBucket(b -> b.bucket(BUCKET));
        for (String key : SAMPLE_SCRIPTS) {
            put(key, ScriptFixtures.sample(dialect, key));
        }
        aws.secretsManager().createSecret(b -> b.name("app1/appdbdev/admin").secretString(
                "{\"username\":\"" + server.adminUser() + "\",\"password\":\"" + PASSWORD + "\",\"engine\":\""
                        + ScriptFixtures.engine(dialect) + "\",\"port\":" + server.port() + "}"));
    }

    private void put(String key, String text) {
        aws.s3().putObject(b -> b.bucket(BUCKET).key(PREFIX + "/" + key), RequestBody.fromString(text));
    }

    private StepInput input(SqlDialect dialect, Consumer<ObjectNode> edit) {
        return ScriptFixtures.input(s -> {
            s.put("engine", ScriptFixtures.engine(dialect));
            edit.accept(s);
        });
    }

    /** Start, then check until the run is no longer in progress, as the state machine would. */
    private StepResult runToEnd(StepInput in) throws Exception {
        StepResult r = Json.MAPPER.readValue(new RunScripts(env).handle(Json.MAPPER.writeValueAsString(in)), StepResult.class);
        assertThat(r.status()).isEqualTo(StepStatus.IN_PROGRESS);
        ScriptRunCheck check = new ScriptRunCheck(env);
        Instant deadline = Instant.now().plusSeconds(180);
        Observation seen = check.observe(in, r);
        while (seen.progress() == Progress.IN_PROGRESS && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            seen = check.observe(in, r);
        }
        StepStatus status = switch (seen.progress()) {
            case DONE -> StepStatus.SUCCEEDED;
            case FAILED -> StepStatus.FAILED;
            case IN_PROGRESS -> StepStatus.IN_PROGRESS;
        };
        return r.withStatus(status, seen.message(), Instant.now());
    }

    private RunReport report() throws Exception {
        return Json.MAPPER.readValue(reportJson(), RunReport.class);
    }

    private String reportJson() {
        return aws.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(PREFIX + "/reports/refresh-appdbdev-1.json"))
                .asString(StandardCharsets.UTF_8);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = server.connect(target); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String text(String database, String sql) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SqlDialect.class, names = {"MYSQL", "POSTGRESQL"})
    void maskingSamples_leaveNoUnmaskedEmail_keepJoins_andLeaveProductionAlone(SqlDialect dialect) throws Exception {
        given(dialect);

        StepResult result = runToEnd(input(dialect, s -> { }));

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(result.message()).contains("ran 3 scripts on appdbdev");
        assertThat(count("SELECT COUNT(*) FROM customers WHERE email NOT LIKE '%@example.invalid'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM orders WHERE customer_email NOT LIKE '%@example.invalid'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM app_users WHERE email NOT LIKE '%@example.invalid'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM orders o JOIN customers c ON c.email = o.customer_email")).isEqualTo(24);
        assertThat(count("SELECT COUNT(*) FROM payment_cards WHERE card_number LIKE 'XXXX-XXXX-XXXX-%'")).isEqualTo(12);
        assertThat(count("SELECT COUNT(*) FROM audit_log")).isZero();
        assertThat(text("appdbprod", "SELECT email FROM customers WHERE id = 1")).isEqualTo("alice.martin@gmail.com");
    }

    @ParameterizedTest
    @EnumSource(value = SqlDialect.class, names = {"MYSQL", "POSTGRESQL"})
    void report_hasEveryScriptWithChecksumStatementsAndRows_andNeverThePassword(SqlDialect dialect) throws Exception {
        given(dialect);

        StepResult result = runToEnd(input(dialect, s -> { }));

        RunReport report = report();
        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.scripts()).extracting(ScriptReport::key).containsExactlyElementsOf(SAMPLE_SCRIPTS);
        byte[] first = ScriptFixtures.sample(dialect, SAMPLE_SCRIPTS.get(0)).getBytes(StandardCharsets.UTF_8);
        assertThat(report.scripts().get(0).sha256()).isEqualTo(ScriptSource.sha256(first));
        assertThat(report.scripts().get(0).details()).isNotEmpty().allSatisfy(d -> assertThat(d.line()).isPositive());
        assertThat(report.statements()).isEqualTo(report.scripts().stream().mapToInt(ScriptReport::statements).sum());
        assertThat(report.rowsAffected()).isGreaterThanOrEqualTo(12 * 4);
        assertThat(reportJson()).doesNotContain(PASSWORD);
        assertThat(Json.MAPPER.writeValueAsString(result)).doesNotContain(PASSWORD);
    }

    @ParameterizedTest
    @EnumSource(value = SqlDialect.class, names = {"MYSQL", "POSTGRESQL"})
    void verification_failsOnAnUnmaskedCopy_namingWhatRemains(SqlDialect dialect) throws Exception {
        given(dialect);
        String verify = ScriptFixtures.sample(dialect, "99-verify-masked.sql");
        int line = SqlSplitter.of(dialect).split(verify).stream()
                .filter(s -> s.sql().startsWith(dialect == SqlDialect.MYSQL ? "CALL" : "DO")).findFirst().orElseThrow().line();

        StepResult result = runToEnd(input(dialect, s -> s.putArray("keys").add("99-verify-masked.sql")));

        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(result.message()).contains("99-verify-masked.sql line " + line)
                .contains("personal data remains").contains("e-mail addresses in customers.email")
                .contains("card-like numbers in payment_cards.card_number");
    }

    @ParameterizedTest
    @EnumSource(value = SqlDialect.class, names = {"MYSQL", "POSTGRESQL"})
    void failingStatement_stopsTheRun_andTheMessageNamesScriptLineAndStatement(SqlDialect dialect) throws Exception {
        given(dialect);
        put("bad.sql", """
                UPDATE customers SET email = 'first@example.invalid' WHERE id = 1;

                -- the table name is wrong
                UPDATE no_such_table SET a = 1;
                UPDATE customers SET first_name = 'Never' WHERE id = 2;
                """);

        StepResult result = runToEnd(input(dialect, s -> s.putArray("keys").add("bad.sql")));

        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(result.message()).contains("bad.sql line 4 (statement 2)").contains("no_such_table")
                .contains("UPDATE no_such_table SET a = 1");
        assertThat(text(target, "SELECT email FROM customers WHERE id = 1")).isEqualTo("first@example.invalid");
        assertThat(text(target, "SELECT first_name FROM customers WHERE id = 2")).isEqualTo("Bob");
        assertThat(report().error().line()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(value = SqlDialect.class, names = {"MYSQL", "POSTGRESQL"})
    void continueOnError_runsTheRest_andReportsTheFailureWithoutFailingTheStep(SqlDialect dialect) throws Exception {
        given(dialect);
        put("bad.sql", "UPDATE no_such_table SET a = 1;\nUPDATE customers SET first_name = 'After' WHERE id = 2;\n");

        StepResult result = runToEnd(input(dialect, s -> {
            s.putArray("keys").add("bad.sql");
            s.put("continueOnError", true);
        }));

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(result.message()).contains("1 failed statements ignored");
        assertThat(text(target, "SELECT first_name FROM customers WHERE id = 2")).isEqualTo("After");
        assertThat(report().failedStatements()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = SqlDialect.class, names = {"MYSQL", "POSTGRESQL"})
    void singleTransaction_undoesTheWholeScript_whenAStatementFails(SqlDialect dialect) throws Exception {
        given(dialect);
        put("bad.sql", "UPDATE customers SET email = 'first@example.invalid' WHERE id = 1;\nUPDATE no_such_table SET a = 1;\n");

        StepResult result = runToEnd(input(dialect, s -> {
            s.putArray("keys").add("bad.sql");
            s.put("singleTransaction", true);
        }));

        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(text(target, "SELECT email FROM customers WHERE id = 1")).isEqualTo("alice.martin@gmail.com");
        assertThat(report().scripts().get(0).details().get(0).rolledBack()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = SqlDialect.class, names = {"MYSQL", "POSTGRESQL"})
    void legacyPwdAccess_logsInAsTheMasterUserWithTheTempPassword_andWarns(SqlDialect dialect) throws Exception {
        given(dialect);

        StepResult result = runToEnd(input(dialect, s -> {
            s.put("access", "pwd");
            s.remove("secretName");
            s.put("tempPassword", PASSWORD);
        }));

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(report().warnings()).contains(CredentialsSource.PWD_WARNING);
        assertThat(reportJson()).doesNotContain(PASSWORD);
    }

    @ParameterizedTest
    @EnumSource(value = SqlDialect.class, names = {"MYSQL", "POSTGRESQL"})
    void missingScript_failsTheStartBeforeAnythingRuns(SqlDialect dialect) throws Exception {
        given(dialect);
        StepInput in = input(dialect, s -> s.putArray("keys").add("01-mask-personal-data.sql").add("nope.sql"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RunScripts(env).handle(Json.MAPPER.writeValueAsString(in)))
                .isInstanceOf(ScriptNotFoundException.class).hasMessageContaining(PREFIX + "/nope.sql");
        assertThat(count("SELECT COUNT(*) FROM customers WHERE email LIKE '%@example.invalid'")).isZero();
    }
}
