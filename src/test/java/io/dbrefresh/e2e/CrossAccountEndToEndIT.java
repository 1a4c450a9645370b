package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.local.EmulatedSourceAccount;
import io.dbrefresh.local.EngineDirectory;
import io.dbrefresh.local.LocalExecution;
import io.dbrefresh.local.LocalRefresh;
import io.dbrefresh.rds.CrossAccountNames;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/**
 * A refresh across two accounts of the emulator, as {@code dbrefresh run --local} runs it, with
 * data: production ({@code shopprod}, encrypted under its account's default key) lives in account
 * 210987654321, the target in the run's own. share-source makes there, through the source-account
 * role, a copy re-encrypted with the sharing key and shares it; perform-restore restores it by its
 * ARN; remove-source-copies (or, after a failure, recovery) removes every copy and share. Each run
 * ends with nothing of the refresh left in either account.
 */
class CrossAccountEndToEndIT {

    private static final Path HOME = EngineDirectory.findHome();
    private static final String SOURCE_ACCOUNT = "210987654321";
    private static final String EXAMPLE = "refresh-files/rds-source-account.json";

    /** What a run printed and what the test saw in both accounts while and after it ran. */
    record Run(LocalRefresh.Summary summary, String out, List<String> leftInSource, List<String> sharedWithTarget,
               List<String> targetSnapshots, List<String> instances, List<DBSnapshot> sharedCopies, String keyOfSharedCopy,
               String sharingKey) {
    }

    @Test
    void latestPoint_fromAnotherAccount_restoresAFreshSharedCopy_andLeavesNoCopyNorShareInEitherAccount() throws Exception {
        Run run = run(Files.readString(HOME.resolve(EXAMPLE)), null);

        assertThat(run.summary().status()).as(run.out()).isEqualTo("SUCCEEDED");
        assertThat(run.instances()).as("the copy took the target's name").contains("shopstage").doesNotContain("shopstagetemp");
        // the copy holds production's data: the same 54 real-looking addresses as the source
        assertThat(run.out()).containsPattern("shopstage +dbr\\d+_shopstage +54 ")
                .as("the sharing, the key and the cleanup, in the run's output")
                .contains("seeded source account " + SOURCE_ACCOUNT + ": sharing key " + CrossAccountNames.KEY_ALIAS)
                .contains("snapshotting shopprod in the source account as dbrefresh-xa-shopprod-")
                .contains("re-encrypted with " + CrossAccountNames.KEY_ALIAS)
                .containsPattern("share-source +succeeded .*: shared dbrefresh-xa-shopprod-\\S+ with this account: arn:aws:rds:us-east-1:"
                        + SOURCE_ACCOUNT + ":snapshot:dbrefresh-xa-shopprod-")
                .containsPattern("remove-source-copies +done .*deleted copy dbrefresh-xa-shopprod-\\S+ in the source account")
                .contains("source account   " + SOURCE_ACCOUNT + ": no snapshot copy left there, none shared with "
                        + LocalExecution.ACCOUNT);
        assertNothingLeft(run);
        assertThat(run.sharedCopies()).as("while perform-restore ran, the copy was shared with this account").hasSize(1);
        assertThat(run.keyOfSharedCopy()).as("re-encrypted with the sharing key").isEqualTo(run.sharingKey());
    }

    @Test
    void fromSnapshot_ofADefaultKeySnapshotOfAnotherAccount_isCopiedWithTheSharingKey_restored_andCleanedUp() throws Exception {
        String json = Files.readString(HOME.resolve(EXAMPLE)).replace("\"latestpoint\"", "\"fromsnapshot\"")
                .replace("\"restoretype\": \"fromsnapshot\",\n    \"sourceaccount\"",
                        "\"restoretype\": \"fromsnapshot\",\n    \"snapshot\": \"shopprod-weekly\",\n    \"sourceaccount\"");
        assertThat(json).contains("\"snapshot\": \"shopprod-weekly\"");
        AtomicReference<DBSnapshot> original = new AtomicReference<>();

        Run run = run(json, source -> original.compareAndSet(null,
                source.describeDBSnapshots(b -> b.dbSnapshotIdentifier("shopprod-weekly")).dbSnapshots().getFirst()));

        assertThat(run.summary().status()).as(run.out()).isEqualTo("SUCCEEDED");
        assertThat(original.get().encrypted()).as("production's snapshot is encrypted").isTrue();
        assertThat(original.get().kmsKeyId()).as("under the account's default key, not one that can be shared")
                .isNotEqualTo(run.sharingKey());
        assertThat(run.keyOfSharedCopy()).as("what was shared is a copy under the sharing key").isEqualTo(run.sharingKey());
        assertThat(run.out()).contains("copying shopprod-weekly to dbrefresh-xa-shopprod-")
                .contains("re-encrypted with " + CrossAccountNames.KEY_ALIAS)
                .containsPattern("shopstage +dbr\\d+_shopstage +54 ");
        assertThat(run.instances()).contains("shopstage").doesNotContain("shopstagetemp");
        assertNothingLeft(run);
    }

    @ParameterizedTest
    @ValueSource(strings = {"share-source", "perform-restore"})
    void aFailureInTheMiddle_leavesNoCopyNorShareInEitherAccount_andTheOldTargetInPlace(String faultyState) throws Exception {
        Run run = run(Files.readString(HOME.resolve(EXAMPLE)), null, faultyState);

        assertThat(run.summary().status()).as(run.out()).isEqualTo("FAILED");
        assertThat(run.out()).contains("x " + faultyState + ": ").containsPattern("recover +done .*in the source account");
        assertThat(run.instances()).as("the old target is in place, the copy gone").contains("shopstage").doesNotContain("shopstagetemp");
        assertNothingLeft(run);
    }

    private static void assertNothingLeft(Run run) {
        assertThat(run.leftInSource()).as("no copy left in the source account").isEmpty();
        assertThat(run.sharedWithTarget()).as("nothing shared with the target account").isEmpty();
        assertThat(run.targetSnapshots()).as("no copy of a shared snapshot, nor a mirror, in the target account")
                .allMatch(s -> s.startsWith("shopstage-final-"));
    }

    private Run run(String json, java.util.function.Consumer<RdsClient> seeSource) throws Exception {
        return run(json, seeSource, null);
    }

    /** @param faultyState a Task state whose handler's return is turned into a failure (null: none) */
    private Run run(String json, java.util.function.Consumer<RdsClient> seeSource, String faultyState) throws Exception {
        RefreshFileResult read = RefreshFiles.read(json);
        assertThat(read.errors()).isEmpty();
        List<DBSnapshot> sharedCopies = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> keyOfSharedCopy = new AtomicReference<>();
        AtomicReference<String> sharingKey = new AtomicReference<>();
        AtomicReference<Run> after = new AtomicReference<>();
        LocalRefresh.DuringRun during = (state, output, aws, data) -> {
            AwsClients source = sourceAccount(aws);
            if (seeSource != null) {
                seeSource.accept(source.rds());
            }
            if (state.equals("perform-restore") && sharedCopies.isEmpty()) {
                sharedCopies.addAll(aws.rds().describeDBSnapshots(b -> b.snapshotType("shared").includeShared(true)).dbSnapshots());
                String copy = sharedCopies.isEmpty() ? null : io.dbrefresh.refreshfile.RdsArn.resourceNameOf(sharedCopies.getFirst().dbSnapshotArn());
                if (copy != null) {
                    keyOfSharedCopy.set(source.rds().describeDBSnapshots(b -> b.dbSnapshotIdentifier(copy)).dbSnapshots().getFirst().kmsKeyId());
                }
                sharingKey.set(source.kms().describeKey(b -> b.keyId(CrossAccountNames.KEY_ALIAS)).keyMetadata().arn());
            }
            if (state.equals(faultyState)) {
                throw new IllegalStateException("injected fault after " + state);
            }
        };
        StringWriter out = new StringWriter();
        LocalRefresh.AfterRun inspect = (execution, aws, data) -> {
            RdsClient source = sourceAccount(aws).rds();
            List<String> leftInSource = source.describeDBSnapshots(b -> b.snapshotType("manual")).dbSnapshots().stream()
                    .map(DBSnapshot::dbSnapshotIdentifier).filter(n -> n.startsWith(CrossAccountNames.COPY_PREFIX)).toList();
            List<String> shared = aws.rds().describeDBSnapshots(b -> b.snapshotType("shared").includeShared(true)).dbSnapshots().stream()
                    .map(DBSnapshot::dbSnapshotArn).toList();
            List<String> targetSnapshots = aws.rds().describeDBSnapshots(b -> b.snapshotType("manual")).dbSnapshots().stream()
                    .map(DBSnapshot::dbSnapshotIdentifier).toList();
            List<String> instances = aws.rds().describeDBInstances().dbInstances().stream().map(i -> i.dbInstanceIdentifier()).toList();
            after.set(new Run(null, null, leftInSource, shared, targetSnapshots, instances, null, null, null));
        };
        LocalRefresh.Summary summary = new LocalRefresh(new PrintWriter(out, true), HOME).run(json, read.plan(),
                new LocalRefresh.Options(null, null, false, inspect, null, during));
        Run seen = after.get();
        return new Run(summary, out.toString(), seen.leftInSource(), seen.sharedWithTarget(), seen.targetSnapshots(), seen.instances(),
                List.copyOf(sharedCopies), keyOfSharedCopy.get(), sharingKey.get());
    }

    /** The source account on the run's emulator, as its administrator sees it. */
    private static AwsClients sourceAccount(AwsClients aws) {
        return AwsClients.forEndpoint(aws.endpoint().orElseThrow(), Region.of(LocalExecution.REGION), "testing", "testing",
                EmulatedSourceAccount.inAccount(SOURCE_ACCOUNT));
    }
}
