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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.local.EmailCensus;
import io.dbrefresh.local.EmulatedData;
import io.dbrefresh.local.EngineDirectory;
import io.dbrefresh.local.LocalRefresh;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * The safe order, seen from outside while it runs: a local run with data (moto and the
 * embedded server behind every emulated database), looked at each time a Task's handler
 * returned. Before the run touches anything the test writes a marker into the old target's
 * own database; then, at every point of the run: while the copy is restored, gets its password
 * and its scripts, the old target is available, was never recreated and still holds its marker;
 * nothing reachable under the target's name ever holds a real-looking e-mail address (no
 * exposure); and the target's name leads to the copy only after the scripts step succeeded.
 * When a script fails, or the copy fails its verification before the swap (verify-copy: not
 * available, or its new admin password refused), the old target is exactly as it was (never
 * stopped, never deleted, no final snapshot, its marker there) and the copy is gone. RDS and Aurora.
 * The swap itself, seen the same way: the old target, still holding its marker, is renamed out of
 * the way to {@code <target>-old-<minute>} only after the copy was verified, and is deleted, with
 * its final snapshot {@code <target>-final-<minute>00}, only once the copy holds the name: at
 * every point of the run the old data is under the target's name, under the kept name, or the
 * copy answers under the name.
 */
class SafeOrderEndToEndIT {

    private static final Path HOME = EngineDirectory.findHome();
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:dbrefresh-safe-order-e2e";
    private static final String MARKER = "dbrefresh_old_marker";

    /**
     * The account as the test saw it after one Task.
     *
     * @param status       the target's status under its name, or null when nothing has the name
     * @param created      when what holds the target's name was created
     * @param database     the embedded database behind the target's name, or null
     * @param marker       that database holds the marker the test wrote into the old target
     * @param realAddresses real-looking e-mail addresses reachable under the target's name
     * @param copyExists   something exists under the temporary name
     * @param copyPublic   the RDS copy under the temporary name is publicly accessible (null: none, or a cluster)
     * @param kept         the name the old target is renamed away to ({@code <target>-old-...}), while it exists and is
     *                     not being deleted; null otherwise
     * @param keptMarker   the database behind {@code kept} holds the marker the test wrote into the old target
     */
    record Seen(String state, String output, String status, Instant created, String database, boolean marker, long realAddresses,
                boolean copyExists, Boolean copyPublic, String kept, boolean keptMarker) {

        boolean scriptsSucceeded() {
            return state.startsWith("runscripts") && output.contains("\"status\":\"SUCCEEDED\"");
        }
    }

    /** A run's observations, its end, and what the account held afterwards. */
    record Run(LocalRefresh.Summary summary, String out, List<Seen> seen, Seen after, Map<String, AttributeValue> row,
               List<String> finalSnapshots) {
    }

    @Test
    void rds_theOldTargetServesUntouchedWhileTheCopyIsRestoredAndMasked_andTheCopyTakesTheNameOnlyAfterItsScripts()
            throws Exception {
        // production and the old target public: the copy must still be private while it holds unmasked data
        LocalRefresh.DuringRun publicBefore = (state, output, aws, data) -> {
            if (state.startsWith("validate-refresh-file")) {
                for (String id : List.of("mysqlinstp", "mysqlinstq")) {
                    aws.rds().modifyDBInstance(b -> b.dbInstanceIdentifier(id).applyImmediately(true).publiclyAccessible(true));
                }
            }
        };
        Run run = run(withTopic(Files.readString(HOME.resolve("refresh-files/rds-with-scripts.json"))), null,
                "mysqlinstq", "mysqlinstqtemp", false, publicBefore);

        assertThat(run.summary().status()).as(run.out()).isEqualTo("SUCCEEDED");
        assertServedUntouchedUntilTheSwap(run);
        assertTheOldTargetGoesOnlyOnceTheCopyHoldsTheName(run, "mysqlinstq");
        // from the moment the copy is available until the swap it is private. (moto drops a false
        // PubliclyAccessible from a restore request and copies the source's; RDS honours it, and the
        // perform-restore check makes a copy that came up public private before anything else runs)
        int available = indexOf(run.seen(), s -> s.state().equals("perform-restore: check") && s.output().contains("\"status\":\"SUCCEEDED\""));
        int verified = indexOf(run.seen(), s -> s.state().startsWith("verify-copy"));
        assertThat(available).as("the restore ended").isPositive();
        assertThat(verified).as("verify-copy ran").isGreaterThan(available);
        List<Seen> beforeTheSwap = run.seen().subList(available, verified + 1);
        assertThat(beforeTheSwap).as("the copy exists before the swap").allSatisfy(s -> assertThat(s.copyPublic()).isNotNull());
        assertThat(beforeTheSwap).as("the copy is private for its password, scripts and verification")
                .allSatisfy(s -> assertThat(s.copyPublic()).as(s.state()).isFalse());
        assertThat(run.after().database()).as("the target's name leads to the copy").isNotEqualTo(run.seen().get(0).database());
        assertThat(run.after().marker()).isFalse();
        assertThat(run.after().realAddresses()).isZero();
    }

    @Test
    void rds_aFailingScript_leavesTheOldTargetExactlyAsItWas_andRemovesTheCopy(@TempDir Path scripts) throws Exception {
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(Files.readString(HOME.resolve("refresh-files/rds-with-scripts.json")));
        ((ObjectNode) file.get("runscripts")).put("keys", "01-mask-personal-data.sql,02-broken.sql");
        Files.copy(HOME.resolve("sql-samples/mysql/01-mask-personal-data.sql"), scripts.resolve("01-mask-personal-data.sql"));
        Files.writeString(scripts.resolve("02-broken.sql"), "UPDATE no_such_table SET masked = 1;\n");

        Run run = run(withTopic(Json.MAPPER.writeValueAsString(file)), scripts, "mysqlinstq", "mysqlinstqtemp", false);

        assertFailedAtScriptsWithTheOldTargetAsItWas(run);
    }

    @Test
    void aurora_theOldClusterServesUntouchedWhileTheCloneIsMasked_andTheCloneTakesTheNameOnlyAfterItsScripts() throws Exception {
        Run run = run(auroraWithScripts("01-mask-personal-data.sql,02-purge-and-reset.sql,99-verify-masked.sql"), null,
                "auposclud", "auposcludtemp", true);

        assertThat(run.summary().status()).as(run.out()).isEqualTo("SUCCEEDED");
        assertServedUntouchedUntilTheSwap(run);
        assertTheOldTargetGoesOnlyOnceTheCopyHoldsTheName(run, "auposclud");
        assertThat(run.after().marker()).isFalse();
        assertThat(run.after().realAddresses()).isZero();
    }

    @Test
    void aurora_aFailingScript_leavesTheOldClusterExactlyAsItWas_andRemovesTheClone(@TempDir Path scripts) throws Exception {
        Files.copy(HOME.resolve("sql-samples/postgresql/01-mask-personal-data.sql"), scripts.resolve("01-mask-personal-data.sql"));
        Files.writeString(scripts.resolve("02-broken.sql"), "UPDATE no_such_table SET masked = 1;\n");

        Run run = run(auroraWithScripts("01-mask-personal-data.sql,02-broken.sql"), scripts, "auposclud", "auposcludtemp", true);

        assertFailedAtScriptsWithTheOldTargetAsItWas(run);
    }

    @Test
    void rds_aCopyNotAvailableAfterItsScripts_failsVerification_leavesTheOldTargetExactlyAsItWas_andRemovesTheCopy()
            throws Exception {
        // the scripts succeeded, then the copy stopped (a person, a maintenance event): it may not take the name
        LocalRefresh.DuringRun stopTheCopy = (state, output, aws, data) -> {
            if (state.startsWith("runscripts") && output.contains("\"status\":\"SUCCEEDED\"")) {
                aws.rds().stopDBInstance(b -> b.dbInstanceIdentifier("mysqlinstqtemp"));
            }
        };
        Run run = run(withTopic(Files.readString(HOME.resolve("refresh-files/rds-with-scripts.json"))), null,
                "mysqlinstq", "mysqlinstqtemp", false, stopTheCopy);

        assertFailedWithTheOldTargetAsItWas(run, "verify-copy", "mysqlinstqtemp is stopped");
        assertThat(run.seen()).as("the scripts succeeded before the verification").anyMatch(Seen::scriptsSucceeded);
    }

    @Test
    void aurora_aScriptThatLocksTheAdminOut_failsVerification_leavesTheOldClusterExactlyAsItWas_andRemovesTheClone(
            @TempDir Path scripts) throws Exception {
        // every statement succeeds, but the new admin password no longer logs in: the login probe is refused
        // (the embedded server's roles are shared by its databases; the test's own looks log in as its superuser)
        Files.copy(HOME.resolve("sql-samples/postgresql/01-mask-personal-data.sql"), scripts.resolve("01-mask-personal-data.sql"));
        Files.writeString(scripts.resolve("02-lock-admin.sql"), "ALTER ROLE admin NOLOGIN;\n");

        Run run = run(auroraWithScripts("01-mask-personal-data.sql,02-lock-admin.sql"), scripts, "auposclud", "auposcludtemp", true);

        assertFailedWithTheOldTargetAsItWas(run, "verify-copy", "is refused");
        assertThat(run.seen()).as("the scripts succeeded before the verification").anyMatch(Seen::scriptsSucceeded);
    }

    private static void assertServedUntouchedUntilTheSwap(Run run) {
        Seen first = run.seen().get(0);
        int scriptsDone = indexOf(run.seen(), Seen::scriptsSucceeded);
        assertThat(scriptsDone).as("the scripts step succeeded during the run").isNotNegative();
        int verified = indexOf(run.seen(), s -> s.state().startsWith("verify-copy"));
        assertThat(verified).as("verify-copy ran after the scripts").isGreaterThan(scriptsDone);
        // restore, password, scripts and verification: the old target serves, as it was
        List<Seen> building = run.seen().subList(0, verified + 1);
        assertThat(building).extracting(Seen::state).anyMatch(s -> s.startsWith("perform-restore"));
        assertThat(building).as("the old target while the copy is built").allSatisfy(s -> {
            assertThat(s.status()).as(s.state()).isEqualTo("available");
            assertThat(s.created()).as(s.state()).isEqualTo(first.created());
            assertThat(s.database()).as(s.state()).isEqualTo(first.database());
            assertThat(s.marker()).as(s.state()).isTrue();
        });
        assertThat(building).as("the copy exists beside it").anyMatch(Seen::copyExists);
        // the copy takes the name only after its scripts succeeded
        int swapped = indexOf(run.seen(), s -> s.database() != null && !s.database().equals(first.database()));
        assertThat(swapped).as("the target's name leads to another database in the end").isPositive();
        assertThat(swapped).as("the copy took the name after the scripts succeeded").isGreaterThan(scriptsDone);
        // at no point is production's unmasked data reachable under the target's name
        assertThat(run.seen()).as("exposure").allSatisfy(s -> assertThat(s.realAddresses()).as(s.state()).isZero());
    }

    /**
     * The swap: the old target is renamed away with its data after the verification, and deleted with
     * its final snapshot only once the copy answers under the name; the old data is never out of reach.
     */
    private static void assertTheOldTargetGoesOnlyOnceTheCopyHoldsTheName(Run run, String target) {
        Seen first = run.seen().get(0);
        int verified = indexOf(run.seen(), s -> s.state().startsWith("verify-copy"));
        int renamedAway = indexOf(run.seen(), s -> s.kept() != null);
        assertThat(renamedAway).as("the old target was renamed out of the way").isGreaterThan(verified);
        String kept = run.seen().get(renamedAway).kept();
        assertThat(kept).matches(Pattern.quote(target) + "-old-\\d{12}");
        assertThat(run.seen()).as("the old data, at every step of the run").allSatisfy(s -> {
            boolean oldUnderTheName = s.marker() && "available".equals(s.status());
            boolean oldKept = kept.equals(s.kept()) && s.keptMarker();
            boolean copyUnderTheName = s.database() != null && !s.database().equals(first.database()) && "available".equals(s.status());
            assertThat(oldUnderTheName || oldKept || copyUnderTheName).as(s.state() + ": " + s).isTrue();
        });
        assertThat(run.after().kept()).as("the old target is deleted once the copy holds the name").isNull();
        assertThat(run.finalSnapshots()).as("with its final snapshot, named for the minute it was renamed away")
                .contains(target + "-final-" + kept.substring(kept.length() - 12) + "00");
    }

    private static void assertFailedAtScriptsWithTheOldTargetAsItWas(Run run) {
        assertFailedWithTheOldTargetAsItWas(run, "runscripts", "02-broken.sql");
    }

    private static void assertFailedWithTheOldTargetAsItWas(Run run, String failedStep, String error) {
        assertThat(run.summary().status()).as(run.out()).isEqualTo("FAILED");
        assertThat(run.row().get("failedstep").s()).as(run.out()).isEqualTo(failedStep);
        assertThat(run.row().get("error").s()).contains(error);
        Seen first = run.seen().get(0);
        assertThat(run.seen()).as("the scripts ran on the copy").anyMatch(s -> s.state().startsWith("runscripts"));
        assertThat(run.seen()).as("the old target, at every step of the run").allSatisfy(s -> {
            assertThat(s.status()).as(s.state()).isEqualTo("available");
            assertThat(s.created()).as(s.state()).isEqualTo(first.created());
            assertThat(s.database()).as(s.state()).isEqualTo(first.database());
            assertThat(s.marker()).as(s.state()).isTrue();
            assertThat(s.realAddresses()).as(s.state()).isZero();
            assertThat(s.kept()).as(s.state() + ": never renamed away").isNull();
        });
        assertThat(run.seen()).extracting(Seen::state).noneMatch(s -> s.startsWith("stop-old-database")
                || s.startsWith("delete-old-database") || s.startsWith("delete-replicas") || s.startsWith("rename-"));
        assertThat(run.after().status()).isEqualTo("available");
        assertThat(run.after().created()).isEqualTo(first.created());
        assertThat(run.after().marker()).isTrue();
        assertThat(run.after().copyExists()).as("the copy is removed").isFalse();
        assertThat(run.finalSnapshots()).as("no final snapshot: the old target was never deleted").isEmpty();
        assertThat(run.row().get("recovery").s()).contains("deleted the temp");
    }

    private static int indexOf(List<Seen> seen, java.util.function.Predicate<Seen> p) {
        for (int i = 0; i < seen.size(); i++) {
            if (p.test(seen.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private Run run(String json, Path scriptsDir, String target, String temp, boolean cluster) throws Exception {
        return run(json, scriptsDir, target, temp, cluster, (state, output, aws, data) -> { });
    }

    /** @param fault acts on the account after a Task returned, after the test looked at it */
    private Run run(String json, Path scriptsDir, String target, String temp, boolean cluster, LocalRefresh.DuringRun fault)
            throws Exception {
        RefreshFileResult read = RefreshFiles.read(json);
        assertThat(read.errors()).isEmpty();
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Run> after = new AtomicReference<>();
        LocalRefresh.DuringRun during = (state, output, aws, data) -> {
            if (seen.isEmpty()) {
                mark(data, target);
            }
            seen.add(look(state, output, aws, data, target, temp, cluster));
            fault.onTask(state, output, aws, data);
        };
        StringWriter out = new StringWriter();
        LocalRefresh.AfterRun inspect = (execution, aws, data) -> {
            String table = read.plan().tableName() != null ? read.plan().tableName() : LocalRefresh.LOCAL_HISTORY_TABLE;
            List<Map<String, AttributeValue>> rows = aws.dynamoDb().query(b -> b.tableName(table)
                    .keyConditionExpression("dbinstance = :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(target)))).items();
            List<String> finals = cluster
                    ? aws.rds().describeDBClusterSnapshots(b -> b.snapshotType("manual"))
                    .dbClusterSnapshots().stream().map(s -> s.dbClusterSnapshotIdentifier()).filter(n -> n.startsWith(target + "-final-")).toList()
                    : aws.rds().describeDBSnapshots(b -> b.snapshotType("manual"))
                    .dbSnapshots().stream().map(s -> s.dbSnapshotIdentifier()).filter(n -> n.startsWith(target + "-final-")).toList();
            after.set(new Run(null, null, null, look("after", "", aws, data, target, temp, cluster),
                    rows.isEmpty() ? Map.of() : rows.get(rows.size() - 1), finals));
        };
        LocalRefresh.Summary summary = new LocalRefresh(new PrintWriter(out, true), HOME).run(json, read.plan(),
                new LocalRefresh.Options(null, scriptsDir, false, inspect, null, during));
        assertThat(seen).as(out.toString()).isNotEmpty();
        return new Run(summary, out.toString(), List.copyOf(seen), after.get().after(), after.get().row(), after.get().finalSnapshots());
    }

    /** Writes the marker into the old target's own database, before any step ran. */
    private static void mark(EmulatedData data, String target) throws SQLException {
        EmulatedData.Backing b = data.backing(target).orElseThrow(() -> new AssertionError("no database behind " + target));
        try (Connection c = data.server().connect(b.database()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + MARKER + " (v VARCHAR(20))");
            s.execute("INSERT INTO " + MARKER + " VALUES ('old')");
        }
    }

    private static Seen look(String state, String output, AwsClients aws, EmulatedData data, String target, String temp, boolean cluster)
            throws SQLException {
        String status = null;
        Instant created = null;
        boolean copy;
        Boolean copyPublic = null;
        if (cluster) {
            Optional<DBCluster> c = cluster(aws, target);
            status = c.map(DBCluster::status).orElse(null);
            created = c.map(DBCluster::clusterCreateTime).orElse(null);
            copy = cluster(aws, temp).filter(x -> !"deleting".equals(x.status())).isPresent();
        } else {
            Optional<DBInstance> i = instance(aws, target);
            status = i.map(DBInstance::dbInstanceStatus).orElse(null);
            created = i.map(DBInstance::instanceCreateTime).orElse(null);
            copy = instance(aws, temp).filter(x -> !"deleting".equals(x.dbInstanceStatus())).isPresent();
            copyPublic = instance(aws, temp).map(DBInstance::publiclyAccessible).orElse(null);
        }
        String prefix = target + "-old-";
        String kept = cluster
                ? aws.rds().describeDBClusters().dbClusters().stream().filter(c -> c.dbClusterIdentifier().startsWith(prefix))
                .filter(c -> !"deleting".equals(c.status())).map(DBCluster::dbClusterIdentifier).findFirst().orElse(null)
                : aws.rds().describeDBInstances().dbInstances().stream().filter(i -> i.dbInstanceIdentifier().startsWith(prefix))
                .filter(i -> !"deleting".equals(i.dbInstanceStatus())).map(DBInstance::dbInstanceIdentifier).findFirst().orElse(null);
        boolean keptMarker = false;
        Optional<EmulatedData.Backing> k = kept == null ? Optional.empty() : data.backing(kept);
        if (k.isPresent()) {
            try (Connection c = data.server().connect(k.get().database())) {
                keptMarker = hasMarker(c);
            }
        }
        Optional<EmulatedData.Backing> b = data.backing(target);
        if (b.isEmpty() || status == null) {
            return new Seen(state, output, status, created, null, false, 0, copy, copyPublic, kept, keptMarker);
        }
        try (Connection c = data.server().connect(b.get().database())) {
            long real = EmailCensus.total(EmailCensus.realAddresses(c, data.server().dialect()));
            return new Seen(state, output, status, created, b.get().database(), hasMarker(c), real, copy, copyPublic, kept, keptMarker);
        }
    }

    private static boolean hasMarker(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM " + MARKER)) {
            return rs.next() && "old".equals(rs.getString(1));
        } catch (SQLException e) {
            return false;
        }
    }

    private static Optional<DBInstance> instance(AwsClients aws, String id) {
        try {
            return aws.rds().describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().stream().findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Optional<DBCluster> cluster(AwsClients aws, String id) {
        try {
            return aws.rds().describeDBClusters(b -> b.dbClusterIdentifier(id)).dbClusters().stream().findFirst();
        } catch (DbClusterNotFoundException e) {
            return Optional.empty();
        }
    }

    private static String auroraWithScripts(String keys) throws Exception {
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(Files.readString(HOME.resolve("refresh-files/aurora-fastcloning.json")));
        ObjectNode scripts = file.putObject("runscripts");
        scripts.put("engine", "aurora-postgresql").put("cluster", "auposclud").put("access", "secret")
                // the secret change-admin-pwd writes the copy's new password to
                .put("secretname", file.path("changemasterpwd").path("secretname").asText()).put("method", "lambda")
                .put("bucketname", "app2-dbrefresh-scripts").put("prefix", "sqlscripts/auposclud")
                .put("keys", keys).put("wait_time", 5).put("torun", true);
        return withTopic(Json.MAPPER.writeValueAsString(file));
    }

    private static String withTopic(String json) throws Exception {
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(json);
        ((ObjectNode) file.get("sendmsg")).put("topicarn", TOPIC);
        return Json.MAPPER.writeValueAsString(file);
    }
}
