package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/**
 * Two accounts in the emulator: the refresh's account and production, reached as on AWS by
 * assuming the source-account role through STS (the emulator answers in the role's account).
 * A default-key snapshot of production is copied re-encrypted with the sharing key, shared with
 * the refresh's account, seen there, and removed after the refresh with its share.
 */
class SourceSnapshotCopiesIT {

    private static final String SOURCE_ACCOUNT = "222233334444";
    private static final String TARGET_ACCOUNT = "123456789012";
    private static final String ROLE = "arn:aws:iam::" + SOURCE_ACCOUNT + ":role/" + CrossAccountNames.ROLE_NAME;
    private static final String EXECUTION = "arn:aws:states:us-east-1:" + TARGET_ACCOUNT + ":execution:dbrefresh:nightly-1";

    private AwsClients target;
    private AwsClients source;
    private String sharingKeyArn;

    @BeforeEach
    void productionInItsOwnAccount() {
        Emulators.reset();
        target = Emulators.clients();
        source = target.assumingRole(ROLE, "dbrefresh-test");
        try (KmsClient kms = KmsClient.builder().httpClient(source.httpClient()).region(source.region())
                .credentialsProvider(source.credentials()).endpointOverride(source.endpoint().orElseThrow()).build()) {
            sharingKeyArn = kms.createKey(b -> b.description("sharing")).keyMetadata().arn();
            kms.createAlias(b -> b.aliasName(CrossAccountNames.KEY_ALIAS).targetKeyId(sharingKeyArn));
        }
        // storage encrypted with no key named: the default aws/rds key, whose snapshots cannot be shared
        source.rds().createDBInstance(b -> b.dbInstanceIdentifier("shopprod").engine("mysql").dbInstanceClass("db.t3.micro")
                .masterUsername("admin").masterUserPassword("not-a-real-one-1").allocatedStorage(20).storageEncrypted(true));
    }

    @Test
    void theSourceIsInTheSourceAccountOnly() {
        assertThat(source.rds().describeDBInstances().dbInstances()).extracting(i -> i.dbInstanceArn())
                .containsExactly("arn:aws:rds:us-east-1:" + SOURCE_ACCOUNT + ":db:shopprod");
        assertThat(target.rds().describeDBInstances().dbInstances()).isEmpty();
    }

    @Test
    void aDefaultKeySnapshot_isCopiedWithTheSharingKey_sharedWithTheTarget_andRemovedAfterwards() {
        SourceSnapshotCopies copies = new SourceSnapshotCopies(source.rds(), TARGET_ACCOUNT, CrossAccountNames.KEY_ALIAS);
        DBSnapshot newest = copies.newestAutomated("shopprod").orElseThrow();
        String copy = SourceSnapshotCopies.copyName("shopprod", "nightly-1");

        Observation started = copies.startCopy(newest.dbSnapshotIdentifier(), copy, EXECUTION);
        Observation again = copies.startCopy(newest.dbSnapshotIdentifier(), copy, EXECUTION);
        Observation shared = copies.shareWhenAvailable(copy);

        assertThat(started.progress()).isEqualTo(Progress.IN_PROGRESS);
        assertThat(started.message()).contains("re-encrypted with " + CrossAccountNames.KEY_ALIAS);
        assertThat(again.message()).as("a retried start finds its copy").contains("already started");
        assertThat(shared.progress()).isEqualTo(Progress.DONE);
        assertThat(shared.message()).isEqualTo("arn:aws:rds:us-east-1:" + SOURCE_ACCOUNT + ":snapshot:" + copy);
        DBSnapshot made = copies.find(copy).orElseThrow();
        assertThat(made.encrypted()).isTrue();
        assertThat(made.kmsKeyId()).isEqualTo(sharingKeyArn);
        assertThat(copies.sharedWith(copy)).containsExactly(TARGET_ACCOUNT);
        assertThat(sharedWithTarget()).containsExactly(shared.message());

        List<String> removed = copies.removeCopies(EXECUTION);

        assertThat(removed).containsExactly("unshared " + copy + " from account " + TARGET_ACCOUNT,
                "deleted copy " + copy + " in the source account");
        assertThat(copies.find(copy)).isEmpty();
        assertThat(sharedWithTarget()).isEmpty();
        assertThat(copies.find(newest.dbSnapshotIdentifier())).as("the source's own snapshot stays").isPresent();
    }

    @Test
    void removingCopies_leavesAnotherExecutionsCopyAndEverySnapshotOutsideThePrefix() {
        SourceSnapshotCopies copies = new SourceSnapshotCopies(source.rds(), TARGET_ACCOUNT, CrossAccountNames.KEY_ALIAS);
        source.rds().createDBSnapshot(b -> b.dbInstanceIdentifier("shopprod").dbSnapshotIdentifier("shopprod-before-upgrade"));
        String other = SourceSnapshotCopies.copyName("shopprod", "nightly-2");
        copies.startCopy("shopprod-before-upgrade", other, EXECUTION.replace("nightly-1", "nightly-2"));

        assertThat(copies.removeCopies(EXECUTION)).isEmpty();
        assertThat(copies.find(other)).isPresent();
        assertThat(copies.find("shopprod-before-upgrade")).isPresent();
    }

    @Test
    void aFreshSnapshot_andItsShareableCopy_areBothRemovedAfterwards() {
        SourceSnapshotCopies copies = new SourceSnapshotCopies(source.rds(), TARGET_ACCOUNT, CrossAccountNames.KEY_ALIAS);
        String fresh = SourceSnapshotCopies.copyName("shopprod", "nightly-1-now");
        String copy = SourceSnapshotCopies.copyName("shopprod", "nightly-1");

        copies.startFreshSnapshot("shopprod", fresh, EXECUTION);
        copies.startCopy(fresh, copy, EXECUTION);
        copies.shareWhenAvailable(copy);

        assertThat(copies.find(fresh).orElseThrow().dbInstanceIdentifier()).isEqualTo("shopprod");
        assertThat(copies.removeCopies(EXECUTION)).contains("deleted copy " + fresh + " in the source account",
                "deleted copy " + copy + " in the source account");
        assertThat(copies.find(fresh)).isEmpty();
        assertThat(copies.find(copy)).isEmpty();
        assertThat(sharedWithTarget()).isEmpty();
    }

    @Test
    void anAuroraClusterSnapshot_isCopiedSharedAndRemovedTheSameWay() {
        SourceSnapshotCopies copies = new SourceSnapshotCopies(source.rds(), TARGET_ACCOUNT, CrossAccountNames.KEY_ALIAS);
        source.rds().createDBCluster(b -> b.dbClusterIdentifier("shopprod-aurora").engine("aurora-postgresql")
                .masterUsername("admin").masterUserPassword("not-a-real-one-1").storageEncrypted(true));
        source.rds().createDBClusterSnapshot(b -> b.dbClusterIdentifier("shopprod-aurora").dbClusterSnapshotIdentifier("shopprod-aurora-daily"));
        String copy = SourceSnapshotCopies.copyName("shopprod-aurora", "nightly-1");

        Observation started = copies.startClusterCopy("shopprod-aurora-daily", copy, EXECUTION);
        Observation shared = copies.shareClusterWhenAvailable(copy);

        assertThat(started.message()).contains("re-encrypted with " + CrossAccountNames.KEY_ALIAS);
        assertThat(shared.progress()).isEqualTo(Progress.DONE);
        assertThat(shared.message()).isEqualTo("arn:aws:rds:us-east-1:" + SOURCE_ACCOUNT + ":cluster-snapshot:" + copy);
        assertThat(copies.removeCopies(EXECUTION)).containsExactly("unshared " + copy + " from account " + TARGET_ACCOUNT,
                "deleted copy " + copy + " in the source account");
        assertThat(copies.findCluster(copy)).isEmpty();
        assertThat(copies.findCluster("shopprod-aurora-daily")).as("the source's own snapshot stays").isPresent();
    }

    @Test
    void copyNames_carryThePrefixTheRoleMayShareAndDelete() {
        assertThat(SourceSnapshotCopies.copyName("shopprod", "refresh:2026/03/01"))
                .isEqualTo("dbrefresh-xa-shopprod-refresh-2026-03-01");
    }

    /** What the refresh's account sees shared with it. */
    private List<String> sharedWithTarget() {
        RdsClient rds = target.rds();
        return rds.describeDBSnapshots(b -> b.snapshotType("shared").includeShared(true)).dbSnapshots().stream()
                .map(DBSnapshot::dbSnapshotArn).toList();
    }
}
