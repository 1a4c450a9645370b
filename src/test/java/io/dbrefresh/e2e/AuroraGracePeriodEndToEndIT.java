package io.dbrefresh.e2e;

import static io.dbrefresh.e2e.AuroraFixture.CLUSTER;
import static io.dbrefresh.e2e.AuroraFixture.WRITER;
import static io.dbrefresh.e2e.ClusterIdentity.members;
import static io.dbrefresh.e2e.ClusterIdentity.volume;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.rds.AuroraClusters;
import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * An Aurora refresh with a grace period (deletecluster.graceperiod) through the real state
 * machine: the old cluster is renamed out of the way with its writer instead of deleted, the
 * refreshed cluster takes the name, and a rollback within the grace period gives the old
 * cluster back under the name (with its writer under the writer's name), keeping the
 * refreshed one aside in its turn. A cluster is told by its volume's identity (resource id and
 * creation time, which a rename keeps): the old data is where the old cluster's volume is.
 */
class AuroraGracePeriodEndToEndIT {

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
}
