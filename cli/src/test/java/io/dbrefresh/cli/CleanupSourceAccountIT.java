package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.rds.SourceSnapshotCopies;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * {@code dbrefresh cleanup} run with a source account's credentials (moto's default account
 * stands for it): it lists the cross-account copies a refresh left there under their source, and
 * keeps one made less than two days ago (the age that removes one is {@code SnapshotHousekeepingIT}'s).
 */
class CleanupSourceAccountIT {

    private RdsClient rds;

    @BeforeEach
    void aSourceAccountWithACopyARefreshLeft() {
        Emulators.reset();
        rds = Emulators.clients().rds();
        rds.createDBInstance(b -> b.dbInstanceIdentifier("shopprod").engine("mysql").dbInstanceClass("db.t3.micro")
                .masterUsername("admin").masterUserPassword("not-a-secret-1").allocatedStorage(20));
        rds.createDBSnapshot(b -> b.dbInstanceIdentifier("shopprod").dbSnapshotIdentifier(SourceSnapshotCopies.copyName("shopprod", "nightly-1"))
                .tags(Tag.builder().key(RefreshTags.MANAGED).value("true").build(),
                        Tag.builder().key(RefreshTags.EXECUTION).value("nightly-1").build()));
        rds.createDBSnapshot(b -> b.dbInstanceIdentifier("shopprod").dbSnapshotIdentifier("dbrefresh-xa-shopprod-by-hand"));
    }

    @Test
    void cleanup_listsTheCrossAccountCopyUnderItsSource_andKeepsAYoungOne() {
        CliRun run = CliRun.of("cleanup", "--endpoint-url", Emulators.endpoint().toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Snapshots of shopprod made by dbrefresh:", "dbrefresh-xa-shopprod-nightly-1: cross-account copy"
                + " made here for a refresh in another account, available").doesNotContain("by-hand");
        assertThat(names()).as("made just now: a refresh may still restore it")
                .containsExactlyInAnyOrder("dbrefresh-xa-shopprod-nightly-1", "dbrefresh-xa-shopprod-by-hand");
    }

    private List<String> names() {
        return rds.describeDBSnapshots(b -> b.snapshotType("manual")).dbSnapshots().stream().map(DBSnapshot::dbSnapshotIdentifier).toList();
    }
}
