package io.dbrefresh.e2e;

import static io.dbrefresh.e2e.AuroraFixture.CLUSTER;
import static io.dbrefresh.e2e.AuroraFixture.WRITER;
import static io.dbrefresh.e2e.ClusterIdentity.members;
import static io.dbrefresh.e2e.ClusterIdentity.volume;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.local.EmulatedData;
import io.dbrefresh.local.EngineDirectory;
import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.local.LocalRefresh;
import io.dbrefresh.rds.AuroraClusters;
import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * An Aurora refresh with a grace period (deletecluster.graceperiod) through the real state
 * machine: the old cluster is renamed out of the way with its writer instead of deleted, the
 * refreshed cluster takes the name, and a rollback within the grace period gives the old
 * cluster back under the name (with its writer under the writer's name), keeping the
 * refreshed one aside in its turn. A cluster is told by its volume's identity (resource id and
 * creation time, which a rename keeps): the old data is where the old cluster's volume is. The
 * same refresh as a local run with data ({@code dbrefresh run --local}: the embedded server
 * behind every emulated cluster, following it through renames) tells the old data by its rows.
 */
class AuroraGracePeriodEndToEndIT {

    private static final Path HOME = EngineDirectory.findHome();
    private static final String MARKER = "dbrefresh_old_marker";
    /** A table of the sample production database the local run loads (sql-samples/mysql/sample-production.sql). */
    private static final String PRODUCTION_TABLE = "customers";

    @Test
    void aurora_theOldClusterIsKeptWithItsWriter_andARollbackGivesItBack() throws Exception {
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(LocalWorld.fixture("aurora-latestpoint.json"));
        ((ObjectNode) file.get("deletecluster")).put("graceperiod", "3d");
        try (LocalWorld world = LocalWorld.seededWith(Json.MAPPER.writeValueAsString(file), new ClusterSwapRepair())) {
            RdsClient moto = Emulators.clients().rds();
            String oldVolume = volume(moto, CLUSTER);

            ExecutionResult result = world.run("e2e-aurora-grace");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            // the workflow's own view, through the repair of moto's cluster rename
            AuroraClusters clusters = new AuroraClusters(new RdsInstances(world.aws.rds()));
            OldCopies copies = OldCopies.ofClusters(clusters);
            List<OldCopies.Copy> kept = copies.copiesOf(CLUSTER);
            assertThat(kept).as("the old cluster is kept under another name").singleElement()
                    .satisfies(c -> assertThat(c.name()).startsWith(CLUSTER + "-old-"))
                    .satisfies(c -> assertThat(c.keptBy()).isEqualTo("e2e-aurora-grace"))
                    .satisfies(c -> assertThat(c.expires()).isAfter(Instant.now().plus(Duration.ofDays(2))));
            String keptName = kept.get(0).name();
            assertThat(volume(moto, keptName)).as("the kept cluster is the old one, with its data").isEqualTo(oldVolume);
            assertThat(members(clusters, keptName)).as("it keeps its writer, renamed out of the way").singleElement().asString()
                    .startsWith(WRITER + "-old-");
            assertThat(volume(moto, CLUSTER)).as("the name leads to the refreshed cluster").isNotEqualTo(oldVolume);
            assertThat(clusters.tags(clusters.find(CLUSTER).orElseThrow())).containsEntry(RefreshTags.EXECUTION, "e2e-aurora-grace");
            assertThat(members(clusters, CLUSTER)).as("the refreshed cluster's writer has the writer's name").contains(WRITER);
            assertThat(world.historyRows()).singleElement().satisfies(row -> assertThat(row.get("status").s()).isEqualTo("SUCCEEDED"));

            // a minute on: the refreshed cluster is put aside under another minute's name than the old one's
            List<String> lines = copies.rollback(CLUSTER, Instant.now().plus(Duration.ofMinutes(1)), d -> { },
                    Duration.ofSeconds(1), Duration.ofSeconds(30));

            assertThat(lines).last().asString().contains(CLUSTER + " is the old copy again");
            assertThat(volume(moto, CLUSTER)).as("after the rollback the name leads to the old data").isEqualTo(oldVolume);
            assertThat(members(clusters, CLUSTER)).as("with its writer under the writer's name again").containsExactly(WRITER);
            Map<String, String> tags = clusters.tags(clusters.find(CLUSTER).orElseThrow());
            assertThat(tags).as("back under its name it is no kept copy").doesNotContainKeys(RefreshTags.KEPT_MARKS.toArray(String[]::new));
            List<OldCopies.Copy> after = copies.copiesOf(CLUSTER);
            assertThat(after).as("the refreshed cluster is kept aside in its turn").singleElement()
                    .satisfies(c -> assertThat(c.name()).startsWith(CLUSTER + "-old-").isNotEqualTo(keptName));
            assertThat(members(clusters, after.get(0).name())).as("with its own writer and readers put aside")
                    .isNotEmpty().allSatisfy(m -> assertThat(m).contains("-old-"));
        }
    }

    /** What the data test saw after the run and after the rollback. */
    record Seen(List<String> keptCopies, boolean markerKept, boolean markerUnderNameAfterRun, boolean productionUnderNameAfterRun,
                boolean markerUnderNameAfterRollback, List<String> keptAfterRollback, List<String> rollback) {
    }

    @Test
    void aurora_withData_aRollbackWithinTheGracePeriodGivesBackTheOldRows() throws Exception {
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(Files.readString(HOME.resolve("refresh-files/aurora-latestpoint.json")));
        ((ObjectNode) file.get("deletecluster")).put("graceperiod", "3d");
        ((ObjectNode) file.get("sendmsg")).put("topicarn", "arn:aws:sns:us-east-1:123456789012:dbrefresh-aurora-grace-e2e");
        String json = Json.MAPPER.writeValueAsString(file);
        RefreshFileResult read = RefreshFiles.read(json);
        assertThat(read.errors()).isEmpty();

        AtomicReference<Seen> seen = new AtomicReference<>();
        List<Boolean> marked = new ArrayList<>();
        // before the first step acts, the old cluster's data gets a row production does not have
        LocalRefresh.DuringRun during = (state, output, aws, data) -> {
            if (marked.isEmpty()) {
                mark(data, CLUSTER);
                marked.add(true);
            }
        };
        LocalRefresh.AfterRun after = (execution, aws, data) -> {
            OldCopies copies = OldCopies.ofClusters(new AuroraClusters(new RdsInstances(aws.rds())));
            List<String> kept = copies.copiesOf(CLUSTER).stream().map(OldCopies.Copy::name).toList();
            boolean markerKept = !kept.isEmpty() && hasMarker(data, kept.get(0));
            boolean markerAfterRun = hasMarker(data, CLUSTER);
            boolean productionAfterRun = hasTable(data, CLUSTER, PRODUCTION_TABLE);
            // a minute on: the refreshed cluster is put aside under another minute's name than the old one's
            List<String> rollback = copies.rollback(CLUSTER, Instant.now().plus(Duration.ofMinutes(1)), d -> { },
                    Duration.ofSeconds(1), Duration.ofSeconds(30));
            data.sync();
            seen.set(new Seen(kept, markerKept, markerAfterRun, productionAfterRun, hasMarker(data, CLUSTER),
                    copies.copiesOf(CLUSTER).stream().map(OldCopies.Copy::name).toList(), rollback));
        };
        StringWriter out = new StringWriter();
        LocalRefresh.Summary summary = new LocalRefresh(new PrintWriter(out, true), HOME).run(json, read.plan(),
                new LocalRefresh.Options(null, null, false, after, null, during));

        assertThat(summary.status()).as(out.toString()).isEqualTo("SUCCEEDED");
        Seen s = seen.get();
        assertThat(s.keptCopies()).as("the old cluster is kept under another name").singleElement().asString()
                .startsWith(CLUSTER + "-old-");
        assertThat(s.markerKept()).as("the kept cluster holds the old rows").isTrue();
        assertThat(s.markerUnderNameAfterRun()).as("the cluster's name leads to the refreshed copy, without the old rows").isFalse();
        assertThat(s.productionUnderNameAfterRun()).as("the refreshed copy holds production's tables").isTrue();
        assertThat(s.markerUnderNameAfterRollback()).as("after the rollback the cluster's name leads to the old rows").isTrue();
        assertThat(s.keptAfterRollback()).as("the refreshed cluster is kept aside in its turn").singleElement().asString()
                .startsWith(CLUSTER + "-old-").isNotEqualTo(s.keptCopies().get(0));
        assertThat(s.rollback()).last().asString().contains(CLUSTER + " is the old copy again");
    }

    private static void mark(EmulatedData data, String cluster) throws SQLException {
        EmulatedData.Backing b = data.backing(cluster).orElseThrow(() -> new AssertionError("no database behind " + cluster));
        try (Connection c = data.server().connect(b.database()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + MARKER + " (v VARCHAR(20))");
            s.execute("INSERT INTO " + MARKER + " VALUES ('old')");
        }
    }

    private static boolean hasMarker(EmulatedData data, String name) throws SQLException {
        var b = data.backing(name);
        if (b.isEmpty()) {
            return false;
        }
        try (Connection c = data.server().connect(b.get().database()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM " + MARKER)) {
            return rs.next() && "old".equals(rs.getString(1));
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean hasTable(EmulatedData data, String name, String table) throws SQLException {
        var b = data.backing(name);
        if (b.isEmpty()) {
            return false;
        }
        try (Connection c = data.server().connect(b.get().database());
             ResultSet rs = c.getMetaData().getTables(b.get().database(), null, table, null)) {
            return rs.next();
        }
    }
}
