package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.refreshfile.SnapshotRetention;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * Snapshot housekeeping against moto: a final snapshot is born with the marks that make it
 * dbrefresh's; pruning removes only those, by retention, and never a snapshot dbrefresh did not
 * make, whatever its name.
 */
class SnapshotHousekeepingIT {

    private RdsClient rds;
    private SnapshotHousekeeping housekeeping;

    @BeforeEach
    void anAccount() {
        Emulators.reset();
        rds = Emulators.clients().rds();
        housekeeping = new SnapshotHousekeeping(new RdsInstances(rds));
        instance("mysqlinstd");
    }

    @Test
    void theFinalSnapshotOfADeletedTarget_isTaggedAsDbrefreshsWithItsTargetAndRetention() {
        instance("mysqlinstdtemp");

        InstanceDeletion.Deletion deleted = new InstanceDeletion(new RdsInstances(rds)).delete("mysqlinstd", "mysqlinstdtemp", true,
                false, new SnapshotRetention(2, null), "exec-1", Instant.now());

        Map<String, String> tags = tagsOf(deleted.snapshot());
        assertThat(tags).containsEntry(RefreshTags.MANAGED, "true").containsEntry(RefreshTags.SNAPSHOT_OF, "mysqlinstd")
                .containsEntry(RefreshTags.SNAPSHOT_RETENTION, "keep=2").containsEntry(RefreshTags.EXECUTION, "exec-1");
        assertThat(housekeeping.owned("mysqlinstd").get("mysqlinstd")).singleElement()
                .satisfies(o -> assertThat(o.name()).isEqualTo(deleted.snapshot()))
                .satisfies(o -> assertThat(o.retention()).isEqualTo(new SnapshotRetention(2, null)));
    }

    @Test
    void prune_removesOnlyDbrefreshsFinalSnapshotsBeyondTheRetention_neverAForeignOneOfTheSameName() throws Exception {
        snapshot("mysqlinstd-final-20261201020000", ours("mysqlinstd"));
        // a DBA's manual snapshot named like a final snapshot, without dbrefresh's marks
        snapshot("mysqlinstd-final-20261202020000", Map.of("owner", "dba"));
        // one that inherited dbrefresh's marks from the instance (a snapshot a person took), named otherwise
        snapshot("mysqlinstd-final-20261202020000-before-upgrade", ours("mysqlinstd"));
        snapshot("mysqlinstd-final-20261203020000", ours("mysqlinstd"));
        snapshot("otherdb-final-20261203020000", ours("otherdb"));
        snapshot("mysqlinstd-final-20261204020000", ours("mysqlinstd"));

        List<String> dry = housekeeping.prune("mysqlinstd", new SnapshotRetention(1, null), "mysqlinstd-final-20261204020000",
                null, Instant.now(), true);
        assertThat(dry).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("would delete"));
        assertThat(names()).hasSize(6);

        List<String> done = housekeeping.prune("mysqlinstd", new SnapshotRetention(1, null), "mysqlinstd-final-20261204020000",
                null, Instant.now(), false);

        assertThat(done).hasSize(2);
        assertThat(names()).containsExactlyInAnyOrder("mysqlinstd-final-20261202020000",
                "mysqlinstd-final-20261202020000-before-upgrade", "otherdb-final-20261203020000", "mysqlinstd-final-20261204020000");
    }

    @Test
    void cleanup_usesTheRetentionTheNewestFinalSnapshotRecords_andKeepsTheLastOne() throws Exception {
        snapshot("mysqlinstd-final-20261201020000", ours("mysqlinstd"));
        Map<String, String> newest = new java.util.HashMap<>(ours("mysqlinstd"));
        newest.put(RefreshTags.SNAPSHOT_RETENTION, "keep=1");
        snapshot("mysqlinstd-final-20261202020000", newest);
        snapshot("otherdb-final-20261203020000", ours("otherdb"));

        List<String> lines = housekeeping.cleanup(null, Instant.now(), false);

        assertThat(lines).singleElement().satisfies(l -> assertThat(l).contains("mysqlinstd-final-20261201020000", "keep=1"));
        assertThat(names()).as("otherdb records no retention: nothing of it goes")
                .containsExactlyInAnyOrder("mysqlinstd-final-20261202020000", "otherdb-final-20261203020000");
    }

    @Test
    void prune_ofAnAuroraCluster_removesItsOlderFinalClusterSnapshots_andNoForeignOne() throws Exception {
        rds.createDBCluster(b -> b.dbClusterIdentifier("aumysclud").engine("aurora-mysql").masterUsername("admin")
                .masterUserPassword("not-a-secret-1").tags(RefreshTags.toSdk(Map.of(RefreshTags.MANAGED, "true"))));
        clusterSnapshot("aumysclud-final-20261201020000", ours("aumysclud"));
        clusterSnapshot("aumysclud-final-20261202020000", Map.of());
        clusterSnapshot("aumysclud-final-20261203020000", ours("aumysclud"));

        List<String> done = housekeeping.prune("aumysclud", new SnapshotRetention(1, null), null, null, Instant.now(), false);

        assertThat(done).singleElement().satisfies(l -> assertThat(l).contains("DB cluster snapshot aumysclud-final-20261201020000"));
        assertThat(rds.describeDBClusterSnapshots(b -> b.snapshotType("manual")).dbClusterSnapshots())
                .extracting(s -> s.dbClusterSnapshotIdentifier())
                .containsExactlyInAnyOrder("aumysclud-final-20261202020000", "aumysclud-final-20261203020000");
    }

    // ---- a source account: the copies cross-account refreshes make there ----

    @Test
    void cleanupInASourceAccount_removesTheCrossAccountCopiesRefreshesLeft_onceNoRefreshCanUseThem_andNoForeignOne() throws Exception {
        Map<String, String> byNightly1 = Map.of(RefreshTags.MANAGED, "true", RefreshTags.EXECUTION, "nightly-1");
        snapshot(SourceSnapshotCopies.copyName("mysqlinstd", "nightly-1"), byNightly1);
        snapshot(SourceSnapshotCopies.copyName("mysqlinstd", "nightly-1-now"), byNightly1);
        // named with the prefix but without dbrefresh's tags, or not named for the execution it carries: not dbrefresh's
        snapshot("dbrefresh-xa-mysqlinstd-kept-by-the-dba", Map.of("owner", "dba"));
        snapshot("dbrefresh-xa-mysqlinstd-before-upgrade", byNightly1);
        rds.createDBCluster(b -> b.dbClusterIdentifier("aumysclup").engine("aurora-mysql").masterUsername("admin")
                .masterUserPassword("not-a-secret-1"));
        rds.createDBClusterSnapshot(b -> b.dbClusterIdentifier("aumysclup").dbClusterSnapshotIdentifier(
                SourceSnapshotCopies.copyName("aumysclup", "nightly-1")).tags(RefreshTags.toSdk(byNightly1)));

        assertThat(housekeeping.owned(null)).containsOnlyKeys("mysqlinstd", "aumysclup");
        assertThat(housekeeping.owned(null).get("mysqlinstd")).extracting(SnapshotHousekeeping.Owned::kind)
                .containsOnly(SnapshotHousekeeping.Kind.SHARED_COPY).hasSize(2);
        assertThat(housekeeping.cleanup(null, Instant.now(), false)).as("made now: a refresh may still restore them").isEmpty();

        List<String> done = housekeeping.cleanup(null, Instant.now().plus(SnapshotHousekeeping.COPY_IN_USE).plusSeconds(60), false);

        assertThat(done).hasSize(3).allSatisfy(l -> assertThat(l).contains("cross-account copy of", "no longer needed"));
        assertThat(names()).containsExactlyInAnyOrder("dbrefresh-xa-mysqlinstd-kept-by-the-dba", "dbrefresh-xa-mysqlinstd-before-upgrade");
        assertThat(rds.describeDBClusterSnapshots(b -> b.snapshotType("manual")).dbClusterSnapshots()).isEmpty();
    }

    @Test
    void pruneAtFixTags_neverRemovesACrossAccountCopy_evenOfASourceNamedLikeTheTarget() throws Exception {
        snapshot(SourceSnapshotCopies.copyName("mysqlinstd", "nightly-1"), Map.of(RefreshTags.MANAGED, "true",
                RefreshTags.EXECUTION, "nightly-1"));

        List<String> done = housekeeping.prune("mysqlinstd", new SnapshotRetention(1, null), null,
                Instant.now().plusSeconds(3600), Instant.now().plus(SnapshotHousekeeping.COPY_IN_USE).plusSeconds(60), false);

        assertThat(done).isEmpty();
        assertThat(names()).containsExactly(SourceSnapshotCopies.copyName("mysqlinstd", "nightly-1"));
    }

    private void clusterSnapshot(String name, Map<String, String> tags) throws InterruptedException {
        rds.createDBClusterSnapshot(b -> b.dbClusterIdentifier("aumysclud").dbClusterSnapshotIdentifier(name).tags(RefreshTags.toSdk(tags)));
        Thread.sleep(1100);
    }

    private static Map<String, String> ours(String target) {
        return Map.of(RefreshTags.MANAGED, "true", RefreshTags.SNAPSHOT_OF, target, RefreshTags.EXECUTION, "exec-0");
    }

    private void snapshot(String name, Map<String, String> tags) throws InterruptedException {
        rds.createDBSnapshot(b -> b.dbInstanceIdentifier("mysqlinstd").dbSnapshotIdentifier(name).tags(RefreshTags.toSdk(tags)));
        // the snapshots' times decide which are the newest: one second apart
        Thread.sleep(1100);
    }

    private List<String> names() {
        List<String> out = new ArrayList<>();
        for (DBSnapshot s : rds.describeDBSnapshots(b -> b.snapshotType("manual")).dbSnapshots()) {
            out.add(s.dbSnapshotIdentifier());
        }
        return out;
    }

    private Map<String, String> tagsOf(String snapshot) {
        String arn = rds.describeDBSnapshots(b -> b.dbSnapshotIdentifier(snapshot)).dbSnapshots().get(0).dbSnapshotArn();
        return RefreshTags.fromSdk(rds.listTagsForResource(b -> b.resourceName(arn)).tagList());
    }

    private void instance(String id) {
        rds.createDBInstance(b -> b.dbInstanceIdentifier(id).engine("mysql").dbInstanceClass("db.t3.medium")
                .masterUsername("admin").masterUserPassword("not-a-secret-1").allocatedStorage(20)
                .tags(List.of(Tag.builder().key(RefreshTags.MANAGED).value("true").build())));
    }
}
