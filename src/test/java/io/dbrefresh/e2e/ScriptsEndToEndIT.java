package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.local.EmulatedData;
import io.dbrefresh.local.EngineDirectory;
import io.dbrefresh.local.LocalDatabases;
import io.dbrefresh.local.LocalRefresh;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.ScriptsSpec;
import io.dbrefresh.scripts.ReportStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole local run the README shows, with data: moto, the embedded server behind every
 * emulated database, the sample "production" with its invented people, the real state
 * machine, and the sample masking scripts run by the scripts step on the refreshed copy.
 * Afterwards the test reads the databases itself: the copy holds no real-looking e-mail, the
 * source still does. A failing statement fails the refresh, naming script, line and statement
 * in the execution's error, the history row and the message.
 */
class ScriptsEndToEndIT {

    private static final Path HOME = EngineDirectory.findHome();
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:dbrefresh-scripts-e2e";

    /** What the test saw in the databases and the account after the run, before they stopped. */
    record Seen(String executionName, Map<String, AttributeValue> historyRow, Counts target, Counts source, List<String> pairs,
                String password, String report) {
    }

    /** E-mail values outside example.invalid, per table, and rows left in the purged tables. */
    record Counts(long customers, long orders, long appUsers, long auditRows, long sessionRows) {
    }

    @Test
    void mysqlFamily_theExampleRefreshFile_leavesNoUnmaskedEmailInTheRefreshedCopy() throws Exception {
        String json = withTopic(Files.readString(HOME.resolve("refresh-files/rds-with-scripts.json")));
        StringWriter out = new StringWriter();
        AtomicReference<Seen> seen = new AtomicReference<>();

        LocalRefresh.Summary summary = run(json, null, out, seen, "mysqlinstq", "mysqlinstp", "");

        assertThat(summary.status()).as(out.toString()).isEqualTo("SUCCEEDED");
        assertMasked(seen.get());
        // the scripts masked the copy under its temporary name, before it took the target's
        assertThat(seen.get().historyRow().get("scripts").s()).startsWith("ran 3 scripts on mysqlinstqtemp:");
        assertThat(out.toString()).contains("99-verify-masked.sql").contains("Scripts on mysqlinstqtemp (mysql, lambda): SUCCEEDED")
                .as("the emulated account adopts its target, as a person would on AWS")
                .contains("seeded current target mysqlinstq adopted: ").contains("dbrefresh:managed=true")
                .as("a local run says its connections go without TLS").contains(LocalDatabases.WITHOUT_TLS);
        // the scripts logged in with the password the change wrote to the secret; it is nowhere else
        String password = seen.get().password();
        assertThat(password).hasSizeGreaterThan(15);
        assertThat(out.toString()).doesNotContain(password);
        assertThat(seen.get().report()).contains("\"status\"").doesNotContain(password);
        assertThat(seen.get().historyRow().toString()).doesNotContain(password);
        // what the user sees: the copy's count of real-looking addresses, and production's rows beside the copy's
        assertThat(out.toString()).containsPattern("mysqlinstq +dbr\\d+_mysqlinstq +0\\n")
                .containsPattern("alice\\.martin@gmail\\.com  ->  user_[0-9a-f]{16}@example\\.invalid")
                .doesNotContain("this file runs no scripts");
    }

    @Test
    void withoutScripts_theCopyHoldsProductionsDataAsItIs_andTheRunSaysSo() throws Exception {
        String json = Files.readString(HOME.resolve("refresh-files/rds-latestpoint.json"));
        StringWriter out = new StringWriter();
        AtomicReference<Seen> seen = new AtomicReference<>();
        RefreshFileResult read = RefreshFiles.read(json);
        AtomicReference<java.time.Instant> seeded = new AtomicReference<>();
        LocalRefresh.AfterRun inspect = (execution, aws, data) -> {
            seen.set(new Seen(execution, Map.of(),
                    counts(data, read.plan().target(), ""), counts(data, read.plan().source(), ""), List.of(), null, null));
            seeded.set(aws.rds().describeDBInstances(b -> b.dbInstanceIdentifier(read.plan().source()))
                    .dbInstances().getFirst().instanceCreateTime());
        };

        LocalRefresh.Summary summary = new LocalRefresh(new PrintWriter(out, true), HOME).run(json, read.plan(),
                new LocalRefresh.Options(null, null, false, inspect));

        assertThat(summary.status()).as(out.toString()).isEqualTo("SUCCEEDED");
        // the restore copied production's database to the refreshed target
        assertThat(seen.get().target()).isEqualTo(seen.get().source());
        assertThat(seen.get().target().customers()).isEqualTo(12);
        assertThat(out.toString()).contains("this file runs no scripts")
                .contains("alice.martin@gmail.com  ->  alice.martin@gmail.com");
        assertSummaryIsTrue(out.toString(), read.plan().target(), seeded.get());
    }

    /**
     * What the summary says agrees with the run: the copy's database is named after the target,
     * the summary's duration is the message's, the execution is named after its own start, and
     * fix-tags names the tags it left.
     */
    private static void assertSummaryIsTrue(String out, String target, java.time.Instant seeded) {
        assertThat(out).containsPattern("\\n\\s+" + target + "\\s+dbr\\d+_" + target + "\\s")
                .doesNotContain("_" + target + "temp ");
        java.util.regex.Matcher summaryDuration = java.util.regex.Pattern.compile("\\n  duration\\s+(\\S+ \\S+)\\n").matcher(out);
        java.util.regex.Matcher messageDuration = java.util.regex.Pattern.compile("\\n\\s+Duration: (.+)\\n").matcher(out);
        assertThat(summaryDuration.find()).as(out).isTrue();
        assertThat(messageDuration.find()).as(out).isTrue();
        assertThat(summaryDuration.group(1)).isEqualTo(messageDuration.group(1).strip());
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("execution local-(\\d{8}-\\d{6})\\n").matcher(out);
        java.util.regex.Matcher started = java.util.regex.Pattern.compile("\\n\\s+Started: (\\S+)\\n").matcher(out);
        assertThat(name.find()).as(out).isTrue();
        assertThat(started.find()).as(out).isTrue();
        java.time.Instant named = java.time.LocalDateTime.parse(name.group(1),
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")).toInstant(java.time.ZoneOffset.UTC);
        // named as the engine starts it: after the account was seeded (not when the command began), not after its start
        assertThat(named).as("named after the seeding").isAfterOrEqualTo(seeded.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .as("named before its start").isBeforeOrEqualTo(java.time.Instant.parse(started.group(1)));
        assertThat(out).containsPattern("fix-tags .* carries its \\d+ tags: .*dbrefresh:");
    }

    @Test
    void postgresql_anAuroraCloneWithScripts_leavesNoUnmaskedEmailInTheRefreshedCluster() throws Exception {
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(Files.readString(HOME.resolve("refresh-files/aurora-fastcloning.json")));
        ObjectNode scripts = file.putObject("runscripts");
        scripts.put("engine", "aurora-postgresql").put("cluster", "auposclud").put("access", "secret")
                .put("secretname", "dbrefresh/development/app2/auposclud/master").put("method", "lambda")
                .put("bucketname", "app2-dbrefresh-scripts").put("prefix", "sqlscripts/auposclud")
                .put("keys", "01-mask-personal-data.sql,02-purge-and-reset.sql,99-verify-masked.sql")
                .put("wait_time", 5).put("torun", true);
        String json = withTopic(Json.MAPPER.writeValueAsString(file));
        StringWriter out = new StringWriter();
        AtomicReference<Seen> seen = new AtomicReference<>();

        LocalRefresh.Summary summary = run(json, null, out, seen, "auposclud", "auposclup", "public.");

        assertThat(summary.status()).as(out.toString()).isEqualTo("SUCCEEDED");
        assertMasked(seen.get());
    }

    @Test
    void aFailingStatement_failsTheRefresh_namingScriptLineAndStatement_inErrorHistoryAndMessage(@TempDir Path scripts)
            throws Exception {
        Files.copy(HOME.resolve("sql-samples/mysql/01-mask-personal-data.sql"), scripts.resolve("01-mask-personal-data.sql"));
        Files.writeString(scripts.resolve("02-broken.sql"), """
                -- a script with a mistake on its fourth line
                UPDATE customers SET city = 'Springfield';

                UPDATE no_such_table SET masked = 1;
                UPDATE customers SET country = 'XX';
                """);
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(Files.readString(HOME.resolve("refresh-files/rds-with-scripts.json")));
        ((ObjectNode) file.get("runscripts")).put("keys", "01-mask-personal-data.sql,02-broken.sql");
        // the scripts run on the copy before it replaces the target: kept, so the test can read how far they went
        ((ObjectNode) file.get("restore")).put("keeptemponfailure", true);
        String json = withTopic(Json.MAPPER.writeValueAsString(file));
        StringWriter out = new StringWriter();
        AtomicReference<Seen> seen = new AtomicReference<>();

        LocalRefresh.Summary summary = run(json, scripts, out, seen, "mysqlinstq", "mysqlinstqtemp", "mysqlinstp", "");

        assertThat(summary.status()).as(out.toString()).isEqualTo("FAILED");
        String where = "02-broken.sql";
        String statement = "UPDATE no_such_table SET masked = 1";
        assertThat(summary.cause()).contains(where).contains("line 4").contains(statement);
        Map<String, AttributeValue> row = seen.get().historyRow();
        assertThat(row.get("status").s()).isEqualTo("FAILED");
        assertThat(row.get("failedstep").s()).isEqualTo("runscripts");
        assertThat(row.get("error").s()).contains(where).contains("line 4").contains(statement);
        String message = out.toString().substring(out.toString().indexOf("  notification:"));
        assertThat(message).contains("FAILED").contains(where).contains("line 4").contains(statement);
        // stopped at the failing statement: the one after it did not run (read on the copy that was kept)
        assertThat(seen.get().pairs()).isNotEmpty();
        assertThat(count(seen.get(), "country = 'XX'")).isZero();
    }

    private static long count(Seen seen, String marker) {
        return seen.pairs().stream().filter(p -> p.contains(marker)).count();
    }

    private static LocalRefresh.Summary run(String json, Path scriptsDir, StringWriter out, AtomicReference<Seen> seen,
                                            String target, String source, String schema) {
        return run(json, scriptsDir, out, seen, target, target, source, schema);
    }

    /** {@code inspected}: the database whose data the test reads (the target, or a copy kept under its temporary name). */
    private static LocalRefresh.Summary run(String json, Path scriptsDir, StringWriter out, AtomicReference<Seen> seen,
                                            String target, String inspected, String source, String schema) {
        RefreshFileResult read = RefreshFiles.read(json);
        assertThat(read.errors()).isEmpty();
        LocalRefresh.AfterRun inspect = (execution, aws, data) -> {
            String table = read.plan().tableName() != null ? read.plan().tableName() : LocalRefresh.LOCAL_HISTORY_TABLE;
            List<Map<String, AttributeValue>> rows = aws.dynamoDb().query(b -> b.tableName(table)
                    .keyConditionExpression("dbinstance = :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(target)))).items();
            ScriptsSpec scripts = read.plan().scripts();
            String password = Json.MAPPER.readTree(aws.secretsManager().getSecretValue(b -> b.secretId(scripts.secretName()))
                    .secretString()).path("password").asText();
            String report = aws.s3().getObjectAsBytes(b -> b.bucket(scripts.bucket())
                    .key(ReportStore.key(scripts.prefix(), execution))).asUtf8String();
            seen.set(new Seen(execution, rows.isEmpty() ? Map.of() : rows.get(rows.size() - 1),
                    counts(data, inspected, schema), counts(data, source, schema), countries(data, inspected, schema),
                    password, report));
        };
        return new LocalRefresh(new PrintWriter(out, true), HOME).run(json, read.plan(),
                new LocalRefresh.Options(null, scriptsDir, false, inspect));
    }

    private static Counts counts(EmulatedData data, String name, String schema) throws SQLException {
        EmulatedData.Backing b = data.backing(name).orElseThrow(() -> new AssertionError("no database behind " + name));
        try (Connection c = data.server().connect(b.database()); Statement s = c.createStatement()) {
            return new Counts(
                    real(s, schema + "customers", "email"),
                    real(s, schema + "orders", "customer_email"),
                    real(s, schema + "app_users", "email"),
                    rows(s, schema + "audit_log"),
                    rows(s, schema + "user_sessions"));
        }
    }

    private static List<String> countries(EmulatedData data, String name, String schema) throws SQLException {
        EmulatedData.Backing b = data.backing(name).orElseThrow();
        List<String> out = new ArrayList<>();
        try (Connection c = data.server().connect(b.database()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT country FROM " + schema + "customers")) {
            while (rs.next()) {
                out.add("country = '" + rs.getString(1) + "'");
            }
        }
        return out;
    }

    private static long real(Statement s, String table, String column) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + column + " LIKE '%@%' AND "
                + column + " NOT LIKE '%@example.invalid'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long rows(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertMasked(Seen seen) {
        // production keeps its people: the copy, not the source, was masked
        assertThat(seen.source().customers()).isEqualTo(12);
        assertThat(seen.source().orders()).isGreaterThan(0);
        assertThat(seen.source().auditRows()).isGreaterThan(0);
        assertThat(seen.target()).isEqualTo(new Counts(0, 0, 0, 0, 0));
        assertThat(seen.historyRow().get("status").s()).isEqualTo("SUCCEEDED");
    }

    private static String withTopic(String json) throws Exception {
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(json);
        ((ObjectNode) file.get("sendmsg")).put("topicarn", TOPIC);
        return Json.MAPPER.writeValueAsString(file);
    }
}
