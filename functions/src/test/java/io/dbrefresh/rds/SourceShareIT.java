package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.DatabaseNotFoundException;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.SourceAccount;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.Plans;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/**
 * The source account's side of each restore type across accounts, in an emulator answering two
 * accounts: what is copied (a named snapshot, a fresh one, the newest automated one before the
 * point), that the copy is re-encrypted with the sharing key and shared with the target account,
 * that every call carries on from what it finds, and that removal leaves nothing behind.
 */
class SourceShareIT {

    private static final String SOURCE_ACCOUNT = "222233334444";
    private static final String TARGET_ACCOUNT = "123456789012";
    private static final SourceAccount ACCOUNT = new SourceAccount(SOURCE_ACCOUNT, SourceAccount.defaultRole(SOURCE_ACCOUNT));
    private static final String EXECUTION = "nightly-1";

    private AwsClients target;
    private AwsClients source;
    private SourceShare share;
    private String sharingKeyArn;

    @BeforeEach
    void productionInItsOwnAccount() {
        Emulators.reset();
        target = Emulators.clients();
        source = target.assumingRole(ACCOUNT.roleArn(), "dbrefresh-test");
        try (KmsClient kms = KmsClient.builder().httpClient(source.httpClient()).region(source.region())
                .credentialsProvider(source.credentials()).endpointOverride(source.endpoint().orElseThrow()).build()) {
            sharingKeyArn = kms.createKey(b -> b.description("sharing")).keyMetadata().arn();
            kms.createAlias(b -> b.aliasName(CrossAccountNames.KEY_ALIAS).targetKeyId(sharingKeyArn));
        }
        // storage encrypted with no key named: the default aws/rds key, whose snapshots cannot be shared
        source.rds().createDBInstance(b -> b.dbInstanceIdentifier("shopprod").engine("mysql").dbInstanceClass("db.t3.micro")
                .masterUsername("admin").masterUserPassword("not-a-real-one-1").allocatedStorage(20).storageEncrypted(true));
        source.rds().createDBSnapshot(b -> b.dbInstanceIdentifier("shopprod").dbSnapshotIdentifier("shopprod-weekly"));
        share = new SourceShare(new SourceSnapshotCopies(source.rds(), TARGET_ACCOUNT, CrossAccountNames.KEY_ALIAS));
    }

    @Test
    void fromSnapshot_copiesTheNamedDefaultKeySnapshot_withTheSharingKey_andSharesIt() {
        RestoreSpec spec = Plans.restoreAcrossAccounts(RestoreType.FROM_SNAPSHOT, "shopprod", "shopstage", null, "shopprod-weekly", ACCOUNT);

        SourceShare.Sharing shared = untilDone(spec);

        String copy = SourceShare.copyName(spec, EXECUTION);
        assertThat(shared.sharedArn()).isEqualTo("arn:aws:rds:us-east-1:" + SOURCE_ACCOUNT + ":snapshot:" + copy);
        assertThat(shared.observation().message()).contains("shared " + copy);
        DBSnapshot made = copies().find(copy).orElseThrow();
        assertThat(made.kmsKeyId()).isEqualTo(sharingKeyArn);
        assertThat(copies().sharedWith(copy)).containsExactly(TARGET_ACCOUNT);
        assertThat(sharedWithTarget()).containsExactly(shared.sharedArn());
    }

    @Test
    void latestPoint_snapshotsTheSourceNow_thenCopiesAndSharesThatSnapshot() {
        RestoreSpec spec = Plans.restoreAcrossAccounts(RestoreType.LATEST_POINT, "shopprod", "shopstage", null, null, ACCOUNT);

        SourceShare.Sharing first = share.advance(spec, false, EXECUTION);
        SourceShare.Sharing shared = untilDone(spec);

        assertThat(first.observation().message()).contains("snapshotting shopprod", SourceShare.freshName(spec, EXECUTION));
        DBSnapshot fresh = copies().find(SourceShare.freshName(spec, EXECUTION)).orElseThrow();
        assertThat(fresh.dbInstanceIdentifier()).isEqualTo("shopprod");
        assertThat(shared.from()).isEqualTo(fresh.dbSnapshotIdentifier());
        assertThat(sharedWithTarget()).containsExactly(shared.sharedArn());
    }

    @Test
    void restorePoint_copiesTheNewestAutomatedSnapshotAtOrBeforeThePoint_andSaysItsTime() {
        DBSnapshot automated = copies().newestAutomated("shopprod").orElseThrow();
        RestoreSpec spec = Plans.restoreAcrossAccounts(RestoreType.RESTORE_POINT, "shopprod", "shopstage",
                automated.snapshotCreateTime().plusSeconds(60), null, ACCOUNT);

        SourceShare.Sharing shared = untilDone(spec);

        assertThat(shared.from()).isEqualTo(automated.dbSnapshotIdentifier());
        assertThat(shared.alignedTo()).isEqualTo(automated.snapshotCreateTime());
    }

    @Test
    void restorePoint_beforeEveryAutomatedSnapshot_isNotFound() {
        RestoreSpec spec = Plans.restoreAcrossAccounts(RestoreType.RESTORE_POINT, "shopprod", "shopstage",
                Instant.parse("2020-01-01T00:00:00Z"), null, ACCOUNT);

        assertThatThrownBy(() -> share.advance(spec, false, EXECUTION)).isInstanceOf(DatabaseNotFoundException.class)
                .hasMessageContaining("no automated snapshot of shopprod at or before 2020-01-01T00:00:00Z");
    }

    @Test
    void remove_takesAwayTheCopyTheFreshSnapshotAndTheShare_andLeavesTheSourcesOwnSnapshots() {
        RestoreSpec spec = Plans.restoreAcrossAccounts(RestoreType.LATEST_POINT, "shopprod", "shopstage", null, null, ACCOUNT);
        untilDone(spec);

        List<String> removed = share.remove(EXECUTION);

        assertThat(removed).contains("deleted copy " + SourceShare.copyName(spec, EXECUTION) + " in the source account",
                "deleted copy " + SourceShare.freshName(spec, EXECUTION) + " in the source account");
        assertThat(sharedWithTarget()).isEmpty();
        assertThat(copies().find(SourceShare.copyName(spec, EXECUTION))).isEmpty();
        assertThat(copies().find("shopprod-weekly")).isPresent();
        assertThat(share.remove(EXECUTION)).as("a second removal finds nothing left").isEmpty();
    }

    @Test
    void anAuroraClusterSnapshot_isCopiedAndSharedTheSameWay() {
        source.rds().createDBCluster(b -> b.dbClusterIdentifier("shopprod-aurora").engine("aurora-postgresql")
                .masterUsername("admin").masterUserPassword("not-a-real-one-1").storageEncrypted(true));
        RestoreSpec spec = Plans.restoreAcrossAccounts(RestoreType.LATEST_POINT, "shopprod-aurora", "shopstage", null, null, ACCOUNT);

        SourceShare.Sharing shared = share.advance(spec, true, EXECUTION);
        for (int i = 0; i < 5 && !shared.done(); i++) {
            shared = share.advance(spec, true, EXECUTION);
        }

        assertThat(shared.done()).isTrue();
        assertThat(shared.sharedArn()).isEqualTo("arn:aws:rds:us-east-1:" + SOURCE_ACCOUNT + ":cluster-snapshot:"
                + SourceShare.copyName(spec, EXECUTION));
        assertThat(share.remove(EXECUTION)).contains("deleted copy " + SourceShare.copyName(spec, EXECUTION) + " in the source account");
        assertThat(copies().findCluster(SourceShare.copyName(spec, EXECUTION))).isEmpty();
    }

    /** The job poller's loop: the emulator's snapshots are available at once, so a few calls suffice. */
    private SourceShare.Sharing untilDone(RestoreSpec spec) {
        SourceShare.Sharing s = share.advance(spec, false, EXECUTION);
        for (int i = 0; i < 5 && !s.done(); i++) {
            assertThat(s.observation().progress()).isEqualTo(Progress.IN_PROGRESS);
            s = share.advance(spec, false, EXECUTION);
        }
        assertThat(s.done()).as(s.observation().message()).isTrue();
        return s;
    }

    private SourceSnapshotCopies copies() {
        return new SourceSnapshotCopies(source.rds(), TARGET_ACCOUNT, CrossAccountNames.KEY_ALIAS);
    }

    private List<String> sharedWithTarget() {
        return target.rds().describeDBSnapshots(b -> b.snapshotType("shared").includeShared(true)).dbSnapshots().stream()
                .map(DBSnapshot::dbSnapshotArn).toList();
    }
}
