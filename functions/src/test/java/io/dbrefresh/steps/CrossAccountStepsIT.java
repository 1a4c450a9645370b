package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.RecoveryReport;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.rds.CrossAccountNames;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.rds.SourceShare;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.SourceAccount;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.Plans;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/**
 * share-source, remove-source-copies and recovery across two accounts of the emulator, through
 * their doors as the state machine calls them: the refresh's account assumes the source
 * account's role, the copy made there is shared with it, and nothing made there is left after
 * the restore or after a failure.
 */
class CrossAccountStepsIT {

    private static final String SOURCE_ACCOUNT = "222233334444";
    private static final String TARGET_ACCOUNT = "123456789012";
    private static final SourceAccount ACCOUNT = new SourceAccount(SOURCE_ACCOUNT, SourceAccount.defaultRole(SOURCE_ACCOUNT));
    private static final String EXECUTION = "nightly-1";
    private static final ExecutionRef EXECUTION_REF = new ExecutionRef(
            "arn:aws:states:us-east-1:" + TARGET_ACCOUNT + ":execution:refresh:" + EXECUTION, EXECUTION);

    private AwsClients target;
    private AwsClients source;
    private StepEnvironment env;

    @BeforeEach
    void productionInItsOwnAccount() {
        Emulators.reset();
        target = Emulators.clients();
        source = target.assumingRole(ACCOUNT.roleArn(), "test-setup");
        try (KmsClient kms = KmsClient.builder().httpClient(source.httpClient()).region(source.region())
                .credentialsProvider(source.credentials()).endpointOverride(source.endpoint().orElseThrow()).build()) {
            String key = kms.createKey(b -> b.description("sharing")).keyMetadata().arn();
            kms.createAlias(b -> b.aliasName(CrossAccountNames.KEY_ALIAS).targetKeyId(key));
        }
        source.rds().createDBInstance(b -> b.dbInstanceIdentifier("shopprod").engine("mysql").dbInstanceClass("db.t3.micro")
                .masterUsername("admin").masterUserPassword("not-a-real-one-1").allocatedStorage(20).storageEncrypted(true));
        source.rds().createDBSnapshot(b -> b.dbInstanceIdentifier("shopprod").dbSnapshotIdentifier("shopprod-weekly"));
        env = new StepEnvironment(target, Clock.systemUTC(), 0, null, null);
    }

    @Test
    void shareSource_callsItselfUntilTheCopyIsShared_andReportsItsArn() {
        RefreshPlan plan = plan(RestoreType.LATEST_POINT, null);

        StepResult shared = shareUntilDone(plan);

        String arn = "arn:aws:rds:us-east-1:" + SOURCE_ACCOUNT + ":snapshot:" + SourceShare.copyName(plan.restore(), EXECUTION);
        assertThat(shared.step()).isEqualTo(ShareSource.STEP);
        assertThat(shared.snapshot()).isEqualTo(arn);
        assertThat(shared.message()).contains("shared", arn);
        assertThat(shared.polls()).as("a fresh snapshot, then its copy, then the share").isGreaterThan(0);
        assertThat(sharedWithTarget()).containsExactly(arn);
        assertThat(StepInputs.restoreToRun(new StepInput(plan, Map.of(), EXECUTION_REF, null, null, null), () -> "us-east-1"))
                .as("perform-restore restores the shared copy").satisfies(r -> {
                    assertThat(r.restoreType()).isEqualTo(RestoreType.FROM_SNAPSHOT);
                    assertThat(r.snapshot()).isEqualTo(arn);
                    assertThat(r.temp()).isEqualTo("shopstagetemp");
                });
    }

    @Test
    void removeSourceCopies_leavesNoCopyNorShareBehind_andTheSourcesOwnSnapshots() {
        RefreshPlan plan = plan(RestoreType.FROM_SNAPSHOT, "shopprod-weekly");
        shareUntilDone(plan);

        RemoveSourceCopies.Removed removed = through(new RemoveSourceCopies(env),
                new StepInput(plan, Map.of(), EXECUTION_REF, null, null, null), RemoveSourceCopies.Removed.class);

        String copy = SourceShare.copyName(plan.restore(), EXECUTION);
        assertThat(removed.removed()).containsExactly("unshared " + copy + " from account " + TARGET_ACCOUNT,
                "deleted copy " + copy + " in the source account");
        assertThat(sharedWithTarget()).isEmpty();
        assertThat(madeHere()).isEmpty();
        assertThat(source.rds().describeDBSnapshots(b -> b.dbSnapshotIdentifier("shopprod-weekly")).dbSnapshots()).hasSize(1);
    }

    @Test
    void removeSourceCopies_alsoPrunesTheCopiesAnEarlierRefreshLeft_onceNoRefreshCanUseThem() {
        // an earlier refresh whose removal never ran (its recovery could not reach this account)
        String left = SourceShare.copyName(Plans.restoreAcrossAccounts(RestoreType.FROM_SNAPSHOT, "shopprod", "shopstage", null,
                "shopprod-weekly", ACCOUNT), "nightly-0");
        source.rds().copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier("shopprod-weekly").targetDBSnapshotIdentifier(left)
                .tags(software.amazon.awssdk.services.rds.model.Tag.builder().key(RefreshTags.MANAGED).value("true").build(),
                        software.amazon.awssdk.services.rds.model.Tag.builder().key(RefreshTags.EXECUTION).value("nightly-0").build()));
        RefreshPlan plan = plan(RestoreType.FROM_SNAPSHOT, "shopprod-weekly");
        StepInput in = new StepInput(plan, Map.of(), EXECUTION_REF, null, null, null);

        shareUntilDone(plan);
        RemoveSourceCopies.Removed now = through(new RemoveSourceCopies(env), in, RemoveSourceCopies.Removed.class);
        assertThat(now.removed()).as("made just now: a refresh may still restore it").noneMatch(l -> l.contains(left));
        assertThat(copiesInSource()).contains(left);

        StepEnvironment threeDaysOn = new StepEnvironment(target, Clock.offset(Clock.systemUTC(), java.time.Duration.ofDays(3)), 0,
                null, null);
        shareUntilDone(plan);
        RemoveSourceCopies.Removed later = through(new RemoveSourceCopies(threeDaysOn), in, RemoveSourceCopies.Removed.class);

        assertThat(later.removed()).anySatisfy(l -> assertThat(l).contains("deleted DB snapshot " + left, "no longer needed",
                "in the source account"));
        assertThat(copiesInSource()).isEmpty();
        assertThat(source.rds().describeDBSnapshots(b -> b.dbSnapshotIdentifier("shopprod-weekly")).dbSnapshots())
                .as("the source's own snapshot stays").hasSize(1);
    }

    private List<String> copiesInSource() {
        return source.rds().describeDBSnapshots(b -> b.snapshotType("manual")).dbSnapshots().stream()
                .map(DBSnapshot::dbSnapshotIdentifier).filter(n -> n.startsWith(CrossAccountNames.COPY_PREFIX)).toList();
    }

    @Test
    void recovery_removesTheCopiesAndShares_andSaysSo() {
        RefreshPlan plan = plan(RestoreType.LATEST_POINT, null);
        shareUntilDone(plan);
        StepInput failed = new StepInput(plan, Map.of(), EXECUTION_REF, null, "FAILED",
                new StepInput.CaughtError("RestoreFailedException", "{\"errorMessage\":\"restore refused\"}", "perform-restore"));

        RecoveryReport report = through(new Recover(env), failed, RecoveryReport.class);

        assertThat(report.actions()).contains("deleted copy " + SourceShare.copyName(plan.restore(), EXECUTION)
                + " in the source account");
        assertThat(sharedWithTarget()).isEmpty();
        assertThat(madeHere()).isEmpty();
    }

    @Test
    void aSnapshotMissingInTheSourceAccount_failsShareSource_beforeAnythingIsMade() {
        RefreshPlan plan = plan(RestoreType.FROM_SNAPSHOT, "shopprod-no-such");
        ShareSource share = new ShareSource(env);
        String json = json(new ShareSource.Request(plan, EXECUTION_REF, null));

        assertThatThrownBy(() -> share.handle(json)).hasMessageContaining("shopprod-no-such")
                .hasMessageContaining("not found in the source account");
        assertThat(madeHere()).isEmpty();
    }

    private StepResult shareUntilDone(RefreshPlan plan) {
        ShareSource share = new ShareSource(env);
        StepResult last = null;
        for (int call = 0; call < 6; call++) {
            last = through(share, new ShareSource.Request(plan, EXECUTION_REF, last), StepResult.class);
            if (last.status() == StepStatus.SUCCEEDED) {
                return last;
            }
            assertThat(last.status()).as(last.message()).isEqualTo(StepStatus.IN_PROGRESS);
        }
        throw new AssertionError("share-source did not finish: " + last.message());
    }

    private static RefreshPlan plan(RestoreType type, String snapshot) {
        RestoreSpec restore = Plans.restoreAcrossAccounts(type, "shopprod", "shopstage", null, snapshot, ACCOUNT);
        return Plans.plan("shopprod", "shopstage", restore, Plans.delete("shopstage", true, false), Plans.replicasAsBefore(), 0, 10);
    }

    /** What this execution made in the source account: snapshots under the prefix tagged with it. */
    private List<String> madeHere() {
        return source.rds().describeDBSnapshots(b -> b.snapshotType("manual")).dbSnapshots().stream()
                .filter(s -> s.dbSnapshotIdentifier().startsWith(CrossAccountNames.COPY_PREFIX))
                .filter(s -> source.rds().listTagsForResource(b -> b.resourceName(s.dbSnapshotArn())).tagList().stream()
                        .anyMatch(t -> t.key().equals(RefreshTags.EXECUTION) && t.value().equals(EXECUTION)))
                .map(DBSnapshot::dbSnapshotIdentifier).toList();
    }

    private List<String> sharedWithTarget() {
        return target.rds().describeDBSnapshots(b -> b.snapshotType("shared").includeShared(true)).dbSnapshots().stream()
                .map(DBSnapshot::dbSnapshotArn).toList();
    }

    /** As the local engine and Lambda call handlers: JSON in, JSON out. */
    private static <T> T through(StepHandler<?, ?> handler, Object input, Class<T> output) {
        try {
            return Json.MAPPER.readValue(handler.handle(json(input)), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object input) {
        try {
            JsonNode node = Json.MAPPER.valueToTree(input);
            return Json.MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
