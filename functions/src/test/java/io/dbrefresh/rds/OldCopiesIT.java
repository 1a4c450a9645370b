package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.DeletionProtectedException;
import io.dbrefresh.execution.UnsafeTargetException;
import io.dbrefresh.refreshfile.DeleteSpec;
import io.dbrefresh.refreshfile.SnapshotRetention;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * The old target kept for a grace period, against moto: renamed out of the way with its marks,
 * brought back by recovery, removed by housekeeping once expired (never before, never a live
 * target), and swapped back by a rollback.
 */
class OldCopiesIT {

    private static final String EXECUTION = "exec-grace-1";
    private static final Instant NOW = Instant.parse("2026-12-06T10:15:30Z");

    private RdsClient rds;
    private OldCopies copies;

    @BeforeEach
    void anOldTargetAndItsRestoredCopy() {
        Emulators.reset();
        rds = Emulators.clients().rds();
        copies = new OldCopies(new RdsInstances(rds));
        instance("mysqlinstd", Map.of(RefreshTags.MANAGED, "true", "team", "payments-dev"));
        instance("mysqlinstdtemp", Map.of(RefreshTags.MANAGED, "true", RefreshTags.EXECUTION, EXECUTION));
    }

    @Test
    void keptName_isLowerCaseWithTheMinute_andFitsAnRdsIdentifier() {
        assertThat(OldCopies.keptName("MySQLInstD", NOW)).isEqualTo("mysqlinstd-old-202612061015");
        String long63 = "a".repeat(45) + "-" + "b".repeat(17);
        String kept = OldCopies.keptName(long63, NOW);
        assertThat(kept).hasSizeLessThanOrEqualTo(63).endsWith("-old-202612061015").doesNotContain("--");
    }

    @Test
    void keepAway_renamesTheOldTargetOutOfTheWayWithItsMarks_andTheCheckSeesItKept() {
        OldCopies.Kept kept = copies.keepAway("mysqlinstd", "mysqlinstdtemp", Duration.ofDays(3), true, EXECUTION, NOW);

        assertThat(kept.keptAs()).isEqualTo("mysqlinstd-old-202612061015");
        assertThat(kept.keptHere()).isTrue();
        assertThat(copies.answers("mysqlinstd")).as("the name is free for the copy").isFalse();
        Map<String, String> tags = tags("mysqlinstd-old-202612061015");
        assertThat(tags).containsEntry(RefreshTags.OLD_COPY_OF, "mysqlinstd").containsEntry(RefreshTags.KEPT_BY, EXECUTION)
                .containsEntry(RefreshTags.EXPIRES, "2026-12-09T10:15:30Z")
                .containsEntry(RefreshTags.FINAL_SNAPSHOT_AT_EXPIRY, "true")
                .containsEntry("team", "payments-dev");
        assertThat(copies.keptProgress("mysqlinstd", EXECUTION).progress()).isEqualTo(Progress.DONE);

        OldCopies.Kept again = copies.keepAway("mysqlinstd", "mysqlinstdtemp", Duration.ofDays(3), true, EXECUTION, NOW.plusSeconds(120));
        assertThat(again.keptAs()).as("a retried start finds the copy it kept").isEqualTo("mysqlinstd-old-202612061015");
    }

    @Test
    void keepAway_waitsForTheCopy_andRefusesAStoppedOldTarget() {
        rds.deleteDBInstance(b -> b.dbInstanceIdentifier("mysqlinstdtemp").skipFinalSnapshot(true));
        assertThatThrownBy(() -> copies.keepAway("mysqlinstd", "mysqlinstdtemp", Duration.ofDays(1), true, EXECUTION, NOW))
                .hasMessageContaining("mysqlinstd is not deleted");
        instance("mysqlinstdtemp", Map.of(RefreshTags.MANAGED, "true", RefreshTags.EXECUTION, EXECUTION));
        rds.stopDBInstance(b -> b.dbInstanceIdentifier("mysqlinstd"));

        assertThatThrownBy(() -> copies.keepAway("mysqlinstd", "mysqlinstdtemp", Duration.ofDays(1), true, EXECUTION, NOW))
                .isInstanceOf(UnsafeTargetException.class).hasMessageContaining("RDS renames only an available instance");
        assertThat(copies.answers("mysqlinstd")).isTrue();
    }

    @Test
    void bringBack_putsTheKeptOldTargetBackUnderItsName_whenTheSwapFailedBeforeTheCopyTookIt() {
        copies.keepAway("mysqlinstd", "mysqlinstdtemp", Duration.ofDays(3), true, EXECUTION, NOW);

        List<String> actions = copies.bringBack("mysqlinstd", EXECUTION);

        assertThat(actions).containsExactly("renamed the old target back from mysqlinstd-old-202612061015 to mysqlinstd");
        assertThat(copies.answers("mysqlinstd")).isTrue();
        assertThat(copies.copiesOf("mysqlinstd")).as("back under its name it is no kept copy").isEmpty();
        assertThat(tags("mysqlinstd")).as("and carries no marks").doesNotContainKeys(RefreshTags.OLD_COPY_OF, RefreshTags.KEPT_BY,
                RefreshTags.KEPT_AS, RefreshTags.EXPIRES, RefreshTags.FINAL_SNAPSHOT_AT_EXPIRY).containsEntry("team", "payments-dev");
        assertThat(copies.removeExpired(null, NOW.plus(Duration.ofDays(30)))).as("stale marks never remove a live target").isEmpty();
        assertThat(copies.bringBack("mysqlinstd", EXECUTION)).as("safe to run twice").isEmpty();
    }

    @Test
    void keepAway_issuesTheRenameAgain_whenAnEarlierStartMarkedTheTargetButItsRenameFailed() {
        rds.addTagsToResource(b -> b.resourceName(arn("mysqlinstd")).tags(
                Tag.builder().key(RefreshTags.KEPT_BY).value(EXECUTION).build(),
                Tag.builder().key(RefreshTags.KEPT_AS).value("mysqlinstd-old-202612061015").build()));

        OldCopies.Kept kept = copies.keepAway("mysqlinstd", "mysqlinstdtemp", Duration.ofDays(3), true, EXECUTION, NOW.plusSeconds(300));

        assertThat(kept.keptAs()).as("the name the first start chose").isEqualTo("mysqlinstd-old-202612061015");
        assertThat(copies.answers("mysqlinstd")).isFalse();
        assertThat(copies.keptBy("mysqlinstd", EXECUTION)).isPresent();
    }

    @Test
    void bringBack_removesTheMarks_whenTheRenameAwayNeverHappened() {
        // keepAway marks before it renames: a rename RDS refused leaves the marks on the live target
        rds.addTagsToResource(b -> b.resourceName(arn("mysqlinstd")).tags(
                Tag.builder().key(RefreshTags.OLD_COPY_OF).value("mysqlinstd").build(),
                Tag.builder().key(RefreshTags.KEPT_BY).value(EXECUTION).build(),
                Tag.builder().key(RefreshTags.KEPT_AS).value("mysqlinstd-old-202612061015").build(),
                Tag.builder().key(RefreshTags.EXPIRES).value("2026-12-09T10:15:30Z").build()));

        List<String> actions = copies.bringBack("mysqlinstd", EXECUTION);

        assertThat(actions).containsExactly("removed the grace-period marks from mysqlinstd: its rename away did not happen");
        assertThat(tags("mysqlinstd")).doesNotContainKeys(RefreshTags.OLD_COPY_OF, RefreshTags.KEPT_BY, RefreshTags.KEPT_AS,
                RefreshTags.EXPIRES).containsEntry("team", "payments-dev");
        assertThat(copies.bringBack("mysqlinstd", "another-execution")).as("another execution's marks are not its own").isEmpty();
    }

    @Test
    void bringBack_leavesTheKeptCopy_whenTheCopyAlreadyHoldsTheName() {
        copies.keepAway("mysqlinstd", "mysqlinstdtemp", Duration.ofDays(3), true, EXECUTION, NOW);
        rds.modifyDBInstance(b -> b.dbInstanceIdentifier("mysqlinstdtemp").newDBInstanceIdentifier("mysqlinstd").applyImmediately(true));

        assertThat(copies.bringBack("mysqlinstd", EXECUTION)).isEmpty();
        assertThat(copies.keptBy("mysqlinstd", EXECUTION)).isPresent();
    }

    @Test
    void removeExpired_deletesOnlyExpiredCopies_withTheFinalSnapshotTheirMarksAskFor() {
        copies.keepAway("mysqlinstd", "mysqlinstdtemp", Duration.ofDays(3), true, EXECUTION, NOW);

        assertThat(copies.removeExpired("mysqlinstd", NOW.plus(Duration.ofDays(2)))).as("within the grace period").isEmpty();
        assertThat(copies.answers("mysqlinstd-old-202612061015")).isTrue();

        List<String> removed = copies.removeExpired("mysqlinstd", NOW.plus(Duration.ofDays(4)));

        assertThat(removed).singleElement().asString().contains("deleting mysqlinstd-old-202612061015", "with final snapshot");
        assertThat(copies.answers("mysqlinstd-old-202612061015")).isFalse();
        // named for the target, at the minute it was renamed away, and managed: snapshot housekeeping prunes it like any final one
        DBSnapshot taken = rds.describeDBSnapshots(b -> b.dbSnapshotIdentifier("mysqlinstd-final-20261206101500")).dbSnapshots().get(0);
        assertThat(RefreshTags.fromSdk(rds.listTagsForResource(b -> b.resourceName(taken.dbSnapshotArn())).tagList()))
                .containsEntry(RefreshTags.SNAPSHOT_OF, "mysqlinstd").containsEntry(RefreshTags.MANAGED, "true");
        assertThat(SnapshotHousekeeping.namedFor(taken.dbSnapshotIdentifier(), "mysqlinstd", SnapshotHousekeeping.Kind.FINAL)).isTrue();
        assertThat(copies.answers("mysqlinstdtemp")).as("nothing else is touched").isTrue();
    }

    @Test
    void afterTheSwap_theOldTargetRenamedAwayIsDeleted_onlyOnceTheCopyHoldsTheName_withAManagedFinalSnapshot() {
        DeleteSpec spec = new DeleteSpec("mysqlinstd", null, true, false, null, new SnapshotRetention(2, null), true);
        OldCopies.Kept kept = copies.keepAway("mysqlinstd", "mysqlinstdtemp", spec, EXECUTION, NOW);

        assertThat(kept.keptAs()).isEqualTo("mysqlinstd-old-202612061015");
        assertThat(kept.snapshot()).isEqualTo("mysqlinstd-final-20261206101500");
        assertThat(tags("mysqlinstd-old-202612061015")).containsEntry(RefreshTags.EXPIRES, NOW.plus(DeleteSpec.AFTER_SWAP_HOLD).toString())
                .containsEntry(RefreshTags.SNAPSHOT_OF, "mysqlinstd").containsEntry(RefreshTags.SNAPSHOT_RETENTION, "keep=2");
        assertThat(copies.keptProgress("mysqlinstd", EXECUTION, true).message()).as("the check says what waits, not the expiry")
                .isEqualTo("the old target mysqlinstd is renamed away as mysqlinstd-old-202612061015, to be deleted once the copy"
                        + " holds the name");
        assertThat(copies.removeAfterSwap("mysqlinstd", EXECUTION, NOW)).as("the name is still free: the old target may come back")
                .isEmpty();
        assertThat(copies.answers("mysqlinstd-old-202612061015")).isTrue();

        rds.modifyDBInstance(b -> b.dbInstanceIdentifier("mysqlinstdtemp").newDBInstanceIdentifier("mysqlinstd").applyImmediately(true));
        assertThat(copies.removeAfterSwap("mysqlinstd", EXECUTION, NOW.plusSeconds(300))).get().asString()
                .contains("deleting the old target mysqlinstd-old-202612061015", "with final snapshot mysqlinstd-final-20261206101500");

        assertThat(copies.answers("mysqlinstd-old-202612061015")).isFalse();
        DBSnapshot taken = rds.describeDBSnapshots(b -> b.dbSnapshotIdentifier(kept.snapshot())).dbSnapshots().get(0);
        assertThat(RefreshTags.fromSdk(rds.listTagsForResource(b -> b.resourceName(taken.dbSnapshotArn())).tagList()))
                .containsEntry(RefreshTags.SNAPSHOT_OF, "mysqlinstd").containsEntry(RefreshTags.SNAPSHOT_RETENTION, "keep=2")
                .containsEntry(RefreshTags.MANAGED, "true");
        assertThat(copies.answers("mysqlinstd")).as("the refreshed copy is untouched").isTrue();
        assertThat(copies.removeAfterSwap("mysqlinstd", EXECUTION, NOW.plusSeconds(360))).as("nothing left to delete").isEmpty();
    }

    @Test
    void afterTheSwap_aProtectedOldTargetTheFileMayNotUnprotect_isRefusedBeforeItIsRenamed() {
        rds.modifyDBInstance(b -> b.dbInstanceIdentifier("mysqlinstd").deletionProtection(true).applyImmediately(true));
        DeleteSpec spec = new DeleteSpec("mysqlinstd", null, true, false, null, null, true);

        assertThatThrownBy(() -> copies.keepAway("mysqlinstd", "mysqlinstdtemp", spec, EXECUTION, NOW))
                .isInstanceOf(DeletionProtectedException.class).hasMessageContaining("delete.liftdeletionprotection");
        assertThat(copies.answers("mysqlinstd")).isTrue();
        assertThat(tags("mysqlinstd")).doesNotContainKey(RefreshTags.KEPT_BY);
    }

    @Test
    void theFinalSnapshotOfAnExpiredCopy_carriesTheFilesRetention_andIsPrunedByIt() {
        copies.keepAway("mysqlinstd", "mysqlinstdtemp", Duration.ofDays(3), true, new SnapshotRetention(1, null), EXECUTION, NOW);
        assertThat(tags("mysqlinstd-old-202612061015")).as("marked from the moment it is kept")
                .containsEntry(RefreshTags.SNAPSHOT_OF, "mysqlinstd").containsEntry(RefreshTags.SNAPSHOT_RETENTION, "keep=1");
        SnapshotHousekeeping housekeeping = new SnapshotHousekeeping(new RdsInstances(rds));
        rds.createDBSnapshot(b -> b.dbInstanceIdentifier("mysqlinstdtemp").dbSnapshotIdentifier("mysqlinstd-final-20261101000000")
                .tags(Tag.builder().key(RefreshTags.MANAGED).value("true").build(),
                        Tag.builder().key(RefreshTags.SNAPSHOT_OF).value("mysqlinstd").build()));

        copies.removeExpired("mysqlinstd", NOW.plus(Duration.ofDays(4)));

        assertThat(housekeeping.owned("mysqlinstd").get("mysqlinstd")).extracting(SnapshotHousekeeping.Owned::name)
                .contains("mysqlinstd-final-20261206101500", "mysqlinstd-final-20261101000000");
        List<String> pruned = housekeeping.cleanup("mysqlinstd", NOW.plus(Duration.ofDays(4)), false);
        assertThat(pruned).as("the retention the kept copy's snapshot records keeps it, the newest").singleElement().asString()
                .contains("mysqlinstd-final-20261101000000");
    }

    @Test
    void rollback_swapsTheKeptCopyBack_andKeepsTheCurrentOneAsideWithTheSameExpiry() throws Exception {
        copies.keepAway("mysqlinstd", "mysqlinstdtemp", Duration.ofDays(3), false, EXECUTION, NOW);
        rds.modifyDBInstance(b -> b.dbInstanceIdentifier("mysqlinstdtemp").newDBInstanceIdentifier("mysqlinstd").applyImmediately(true));

        List<String> lines = copies.rollback("mysqlinstd", NOW.plusSeconds(3600), d -> { }, Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(lines).last().asString().contains("mysqlinstd is the old copy again");
        assertThat(tags("mysqlinstd")).as("the old target is back").doesNotContainKey(RefreshTags.EXECUTION);
        assertThat(tags("mysqlinstd")).doesNotContainKeys(RefreshTags.OLD_COPY_OF, RefreshTags.EXPIRES).containsEntry("team", "payments-dev");
        assertThat(tags("mysqlinstd-old-202612061115")).as("the refreshed copy is aside").containsEntry(RefreshTags.EXECUTION, EXECUTION);
        assertThat(tags("mysqlinstd-old-202612061115")).containsEntry(RefreshTags.KEPT_BY, OldCopies.ROLLBACK)
                .containsEntry(RefreshTags.EXPIRES, "2026-12-09T10:15:30Z").containsEntry(RefreshTags.FINAL_SNAPSHOT_AT_EXPIRY, "false");
    }

    @Test
    void rollback_refusesClearly_whenNoOldCopyIsKept() {
        assertThatThrownBy(() -> copies.rollback("mysqlinstd", NOW, d -> { }, Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .isInstanceOf(UnsafeTargetException.class).hasMessageContaining("no old copy of mysqlinstd is kept");
        assertThat(copies.answers("mysqlinstd")).isTrue();
    }

    private void instance(String id, Map<String, String> tags) {
        rds.createDBInstance(b -> b.dbInstanceIdentifier(id).engine("mysql").dbInstanceClass("db.t3.medium")
                .masterUsername("admin").masterUserPassword("not-a-secret-1").allocatedStorage(20)
                .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
    }

    private String arn(String id) {
        return rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().get(0).dbInstanceArn();
    }

    private Map<String, String> tags(String id) {
        String arn = arn(id);
        Map<String, String> tags = new HashMap<>();
        rds.listTagsForResource(b -> b.resourceName(arn)).tagList().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }
}
