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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.local.EngineDirectory;
import io.dbrefresh.local.EmulatedData;
import io.dbrefresh.local.LocalRefresh;
import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;

/**
 * A refresh with a grace period (delete.graceperiod), with data: a local run of the real state
 * machine with the embedded server behind every emulated database. The old target is renamed
 * out of the way and kept with its data and its marks; the target's name leads to the masked
 * copy; a rollback within the grace period gives the old data back under the target's name and
 * keeps the refreshed copy aside in its turn.
 */
class GracePeriodEndToEndIT {

    private static final Path HOME = EngineDirectory.findHome();
    private static final String MARKER = "dbrefresh_old_marker";
    private static final String TARGET = "mysqlinstq";

    /** What the test saw after the run and after the rollback. */
    record Seen(List<String> keptCopies, boolean markerKept, boolean markerUnderNameAfterRun, boolean markerUnderNameAfterRollback,
                List<String> keptAfterRollback, List<String> rollback) {
    }

    @Test
    void rds_theOldTargetIsKeptForTheGracePeriod_andARollbackGivesBackItsData() throws Exception {
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(Files.readString(HOME.resolve("refresh-files/rds-with-scripts.json")));
        ((ObjectNode) file.get("stopdb")).put("torun", false);
        ((ObjectNode) file.get("delete")).put("graceperiod", "3d");
        ((ObjectNode) file.get("sendmsg")).put("topicarn", "arn:aws:sns:us-east-1:123456789012:dbrefresh-grace-e2e");
        String json = Json.MAPPER.writeValueAsString(file);
        RefreshFileResult read = RefreshFiles.read(json);
        assertThat(read.errors()).isEmpty();

        AtomicReference<Seen> seen = new AtomicReference<>();
        List<Boolean> marked = new ArrayList<>();
        LocalRefresh.DuringRun during = (state, output, aws, data) -> {
            if (marked.isEmpty()) {
                mark(data, TARGET);
                marked.add(true);
            }
        };
        LocalRefresh.AfterRun after = (execution, aws, data) -> {
            OldCopies copies = new OldCopies(new RdsInstances(aws.rds()));
            List<String> kept = copies.copiesOf(TARGET).stream().map(OldCopies.Copy::name).toList();
            boolean markerKept = !kept.isEmpty() && hasMarker(data, kept.get(0));
            boolean markerAfterRun = hasMarker(data, TARGET);
            // a minute on: the refreshed copy is put aside under another minute's name than the old one's
            List<String> rollback = copies.rollback(TARGET, Instant.now().plus(Duration.ofMinutes(1)), d -> { },
                    Duration.ofSeconds(1), Duration.ofSeconds(30));
            data.sync();
            seen.set(new Seen(kept, markerKept, markerAfterRun, hasMarker(data, TARGET),
                    copies.copiesOf(TARGET).stream().map(OldCopies.Copy::name).toList(), rollback));
        };
        StringWriter out = new StringWriter();
        LocalRefresh.Summary summary = new LocalRefresh(new PrintWriter(out, true), HOME).run(json, read.plan(),
                new LocalRefresh.Options(null, null, false, after, null, during));

        assertThat(summary.status()).as(out.toString()).isEqualTo("SUCCEEDED");
        Seen s = seen.get();
        assertThat(s.keptCopies()).as("the old target is kept under another name").singleElement().asString()
                .startsWith(TARGET + "-old-");
        assertThat(s.markerKept()).as("the kept copy holds the old data").isTrue();
        assertThat(s.markerUnderNameAfterRun()).as("the target's name leads to the refreshed copy").isFalse();
        assertThat(s.markerUnderNameAfterRollback()).as("after the rollback the target's name leads to the old data").isTrue();
        assertThat(s.keptAfterRollback()).as("the refreshed copy is kept aside in its turn").singleElement().asString()
                .startsWith(TARGET + "-old-").isNotEqualTo(s.keptCopies().get(0));
        assertThat(s.rollback()).last().asString().contains(TARGET + " is the old copy again");
    }

    private static void mark(EmulatedData data, String target) throws SQLException {
        EmulatedData.Backing b = data.backing(target).orElseThrow(() -> new AssertionError("no database behind " + target));
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
}
