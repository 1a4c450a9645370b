package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.testing.AccountQuotas;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/**
 * Snapshot housekeeping through the real state machine: two refreshes of one target with a
 * final snapshot and {@code delete.snapshotretention {"keep": 1}} leave one final snapshot of
 * the target, the newest; the snapshots a DBA made (one named like a final snapshot, one
 * carrying dbrefresh's tags under its own name) stay.
 */
class SnapshotHousekeepingEndToEndIT {

    @Test
    void twoRefreshesKeepingOne_leaveTheNewestFinalSnapshot_andNoForeignSnapshotIsDeleted() throws InterruptedException {
        // from a snapshot: moto marks a point-in-time copy as a read replica of its source, which guard-target then
        // refuses to refresh a second time (AWS does not)
        String file = LocalWorld.fixture("rds-fromsnapshot.json").replace("\"delete\": {",
                "\"delete\": {\n    \"snapshotretention\": { \"keep\": 1 },");
        try (LocalWorld world = LocalWorld.seededWith(file, null)) {
            RdsClient rds = world.aws.rds();
            rds.createDBSnapshot(b -> b.dbInstanceIdentifier("mysqlinstd").dbSnapshotIdentifier("mysqlinstd-final-20200101000000"));
            rds.createDBSnapshot(b -> b.dbInstanceIdentifier("mysqlinstd").dbSnapshotIdentifier("mysqlinstd-before-upgrade")
                    .tags(software.amazon.awssdk.services.rds.model.Tag.builder().key(RefreshTags.MANAGED).value("true").build(),
                            software.amazon.awssdk.services.rds.model.Tag.builder().key(RefreshTags.SNAPSHOT_OF).value("mysqlinstd").build()));

            ExecutionResult first = world.run("e2e-snapshots-1");
            assertThat(first.status()).as(first.error() + " " + first.cause()).isEqualTo("SUCCEEDED");
            List<String> afterFirst = ours(rds);
            assertThat(afterFirst).as("the first refresh's final snapshot, tagged as dbrefresh's").hasSize(1);

            // the swap names the old target it renames away, and its final snapshot, for the minute of the rename
            // (<target>-old-<minute>, <target>-final-<minute>00): on AWS two refreshes of one target swap minutes
            // apart (a restore alone takes minutes), here the second would swap in the first one's minute
            waitForTheNextMinute();
            ExecutionResult second = world.run("e2e-snapshots-2");

            assertThat(second.status()).as(second.error() + " " + second.cause()).isEqualTo("SUCCEEDED");
            List<String> afterSecond = ours(rds);
            assertThat(afterSecond).as("keep 1: the newest only").hasSize(1).doesNotContainAnyElementsOf(afterFirst);
            assertThat(names(rds)).as("the DBA's snapshots stay")
                    .contains("mysqlinstd-final-20200101000000", "mysqlinstd-before-upgrade", afterSecond.get(0))
                    .doesNotContain(afterFirst.get(0));
            assertThat(world.taskTraffic).anySatisfy(t -> assertThat(t).startsWith("fix-tags")
                    .contains("deleted DB snapshot " + afterFirst.get(0)));
        }
    }

    @Test
    void aManualSnapshotQuotaTheRefreshLeavesNearlyFull_isAWarningInTheExecutionsOutput_andTheRefreshGoesOn() throws Exception {
        String file = LocalWorld.fixture("rds-fromsnapshot.json").replace("\"delete\": {",
                "\"delete\": {\n    \"snapshotretention\": { \"keep\": 1 },");
        AccountQuotas quotas = new AccountQuotas();
        try (LocalWorld world = LocalWorld.seededWith(file, quotas)) {
            // 89 of 100 used, none of them the target's: its final snapshot makes 90, nothing for fix-tags to prune
            quotas.manualSnapshots(89, 100);

            ExecutionResult result = world.run("e2e-quota-warning");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            JsonNode preflight = Json.MAPPER.readTree(result.output()).path("preflight");
            assertThat(preflight.path("status").asText()).isEqualTo("PASSED");
            assertThat(preflight.path("warnings")).singleElement().satisfies(w -> {
                assertThat(w.path("path").asText()).isEqualTo("/delete/snapshotretention");
                assertThat(w.path("message").asText()).contains("is 100 and 89 are used", ") 90 will be");
            });
            assertThat(quotas.operations()).contains("DescribeAccountAttributes");
        }
    }

    private static void waitForTheNextMinute() throws InterruptedException {
        Instant next = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), next).toMillis()) + 500);
    }

    /** The target's final snapshots carrying dbrefresh's marks. */
    private static List<String> ours(RdsClient rds) {
        return rds.describeDBSnapshots(b -> b.snapshotType("manual")).dbSnapshots().stream()
                .filter(s -> s.dbSnapshotIdentifier().matches("mysqlinstd-final-[0-9]{14}"))
                .filter(s -> {
                    Map<String, String> tags = new java.util.HashMap<>();
                    rds.listTagsForResource(t -> t.resourceName(s.dbSnapshotArn())).tagList().forEach(t -> tags.put(t.key(), t.value()));
                    return "true".equals(tags.get(RefreshTags.MANAGED)) && "mysqlinstd".equals(tags.get(RefreshTags.SNAPSHOT_OF));
                })
                .map(DBSnapshot::dbSnapshotIdentifier).toList();
    }

    private static List<String> names(RdsClient rds) {
        return rds.describeDBSnapshots(b -> b.snapshotType("manual")).dbSnapshots().stream().map(DBSnapshot::dbSnapshotIdentifier).toList();
    }
}
