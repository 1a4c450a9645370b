package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.rds.AuroraClusters;
import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Tag;

/** {@code dbrefresh rollback} and {@code dbrefresh cleanup} against moto. */
class RollbackCommandIT {

    private RdsClient rds;

    @BeforeEach
    void aTarget() {
        Emulators.reset();
        rds = Emulators.clients().rds();
        instance("mysqlinstd", "old");
    }

    @Test
    void rollback_withoutAKeptCopy_refusesClearly_andChangesNothing() {
        CliRun run = CliRun.of("rollback", "--endpoint-url", Emulators.endpoint().toString(), "mysqlinstd");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("refused: no old copy of mysqlinstd is kept");
        assertThat(tags("mysqlinstd")).containsEntry("data", "old");
    }

    @Test
    void rollback_swapsTheKeptCopyBackUnderTheName() {
        keptAndRefreshed(Duration.ofDays(3));

        CliRun run = CliRun.of("rollback", "--endpoint-url", Emulators.endpoint().toString(), "MySQLInstD");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("mysqlinstd is the old copy again",
                "secrets unchanged: the admin secret still holds the refreshed copy's password; mysqlinstd now answers to the password it had");
        assertThat(tags("mysqlinstd")).containsEntry("data", "old").doesNotContainKey(RefreshTags.OLD_COPY_OF);
    }

    @Test
    void cleanup_deletesOnlyExpiredKeptCopies_andADryRunDeletesNothing() {
        String kept = keptAndRefreshed(Duration.ofHours(1).negated());
        instance("otherdb", "other");
        new OldCopies(new RdsInstances(rds)).keepAway("otherdb", null, Duration.ofDays(5), false, "exec-2", Instant.now());

        CliRun dry = CliRun.of("cleanup", "--endpoint-url", Emulators.endpoint().toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(dry.out()).contains(kept + ": old copy of mysqlinstd", "expired", "otherdb-old-", "kept until", "nothing deleted");
        assertThat(new OldCopies(new RdsInstances(rds)).answers(kept)).isTrue();

        CliRun run = CliRun.of("cleanup", "--endpoint-url", Emulators.endpoint().toString());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("deleting " + kept, "without a final snapshot");
        OldCopies copies = new OldCopies(new RdsInstances(rds));
        assertThat(copies.answers(kept)).isFalse();
        assertThat(copies.copiesOf("otherdb")).as("not expired: kept").hasSize(1);
        assertThat(copies.answers("mysqlinstd")).as("the live target is never removed").isTrue();
    }

    @Test
    void rollback_ofAnAuroraCluster_swapsTheKeptClusterBack_andCleanupRemovesAnExpiredOne() {
        // clusters without instances: moto's cluster rename leaves instances at the old cluster id, so a
        // cluster's instances following it are shown end to end (AuroraGracePeriodEndToEndIT), where a test repairs that
        cluster("aumysclud", "old");
        cluster("aumyscludtemp", "new");
        OldCopies copies = OldCopies.ofClusters(new AuroraClusters(new RdsInstances(rds)));
        String kept = copies.keepAway("aumysclud", "aumyscludtemp", Duration.ofDays(3), false, "exec-1",
                Instant.now().minus(Duration.ofMinutes(2))).keptAs();
        rds.modifyDBCluster(b -> b.dbClusterIdentifier("aumyscludtemp").newDBClusterIdentifier("aumysclud").applyImmediately(true));

        CliRun run = CliRun.of("rollback", "--endpoint-url", Emulators.endpoint().toString(), "aumysclud");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("aumysclud is the old copy again");
        assertThat(clusterTags("aumysclud")).containsEntry("data", "old").doesNotContainKey(RefreshTags.OLD_COPY_OF);
        List<OldCopies.Copy> aside = copies.copiesOf("aumysclud");
        assertThat(aside).singleElement().satisfies(c -> assertThat(c.name()).startsWith("aumysclud-old-").isNotEqualTo(kept));
        assertThat(clusterTags(aside.get(0).name())).containsEntry("data", "new");

        rds.addTagsToResource(b -> b.resourceName(clusterArn(aside.get(0).name()))
                .tags(Tag.builder().key(RefreshTags.EXPIRES).value(Instant.now().minusSeconds(60).toString()).build()));
        CliRun cleanup = CliRun.of("cleanup", "--endpoint-url", Emulators.endpoint().toString(), "aumysclud");

        assertThat(cleanup.exitCode()).as(cleanup.all()).isZero();
        assertThat(cleanup.out()).contains("deleting " + aside.get(0).name() + " (old copy of aumysclud");
        assertThat(copies.copiesOf("aumysclud")).isEmpty();
        assertThat(copies.answers("aumysclud")).as("the live cluster is never removed").isTrue();
    }

    private void cluster(String id, String data) {
        rds.createDBCluster(b -> b.dbClusterIdentifier(id).engine("aurora-mysql").masterUsername("admin")
                .masterUserPassword("not-a-secret-1")
                .tags(List.of(Tag.builder().key(RefreshTags.MANAGED).value("true").build(), Tag.builder().key("data").value(data).build())));
    }

    private String clusterArn(String id) {
        return rds.describeDBClusters(b -> b.dbClusterIdentifier(id)).dbClusters().get(0).dbClusterArn();
    }

    private Map<String, String> clusterTags(String id) {
        Map<String, String> tags = new HashMap<>();
        rds.listTagsForResource(b -> b.resourceName(clusterArn(id))).tagList().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    /** The old target kept (expiring after {@code grace}) and a refreshed copy under its name; returns the kept name. */
    private String keptAndRefreshed(Duration grace) {
        instance("mysqlinstdtemp", "new");
        OldCopies.Kept kept = new OldCopies(new RdsInstances(rds)).keepAway("mysqlinstd", "mysqlinstdtemp", grace, false, "exec-1",
                Instant.now().minus(Duration.ofMinutes(2)));
        rds.modifyDBInstance(b -> b.dbInstanceIdentifier("mysqlinstdtemp").newDBInstanceIdentifier("mysqlinstd").applyImmediately(true));
        return kept.keptAs();
    }

    private void instance(String id, String data) {
        rds.createDBInstance(b -> b.dbInstanceIdentifier(id).engine("mysql").dbInstanceClass("db.t3.medium")
                .masterUsername("admin").masterUserPassword("not-a-secret-1").allocatedStorage(20)
                .tags(List.of(Tag.builder().key(RefreshTags.MANAGED).value("true").build(), Tag.builder().key("data").value(data).build())));
    }

    private Map<String, String> tags(String id) {
        String arn = rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().get(0).dbInstanceArn();
        Map<String, String> tags = new HashMap<>();
        rds.listTagsForResource(b -> b.resourceName(arn)).tagList().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }
}
