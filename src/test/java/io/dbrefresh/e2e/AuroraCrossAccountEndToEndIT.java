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
import org.junit.jupiter.params.provider.CsvSource;
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
import software.amazon.awssdk.services.ram.model.ResourceOwner;
import software.amazon.awssdk.services.ram.model.ResourceShare;
import software.amazon.awssdk.services.ram.model.ResourceShareAssociationType;
import software.amazon.awssdk.services.ram.model.ResourceShareStatus;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;

/**
 * An Aurora refresh across two accounts of the emulator, as {@code dbrefresh run --local} runs
 * it: production's cluster ({@code auposclup}) lives in account 210987654321, the target in the
 * run's own. A fast clone: share-source shares the cluster with this account through AWS RAM
 * (the source-account role's share; this account accepts its invitation), perform-restore clones
 * it by its ARN, remove-source-copies (or, after a failure, recovery) deletes the share. A
 * snapshot restore: the cluster snapshot is copied and shared like an instance snapshot. Each run
 * ends with nothing of the refresh left in either account.
 */
class AuroraCrossAccountEndToEndIT {

    private static final Path HOME = EngineDirectory.findHome();
    private static final String SOURCE_ACCOUNT = "210987654321";
    private static final String EXAMPLE = "refresh-files/aurora-source-account.json";

    /** What a run printed and what the test saw in both accounts while and after it ran. */
    record Run(LocalRefresh.Summary summary, String out, List<String> sharesLeft, List<String> copiesLeft, List<String> clusters,
               List<String> targetClusterSnapshots, List<String> sharedDuringRestore) {
    }

    @Test
    void fastCloning_fromAnotherAccount_clonesTheClusterSharedThroughRam_andLeavesNoShareBehind() throws Exception {
        Run run = run(Files.readString(HOME.resolve(EXAMPLE)), null);

        assertThat(run.summary().status()).as(run.out()).isEqualTo("SUCCEEDED");
        assertThat(run.clusters()).as("the clone took the target's name").contains("auposclud").doesNotContain("auposcludtemp")
                .noneMatch(c -> c.startsWith("dbrefresh-local-mirror"));
        assertThat(run.sharedDuringRestore()).as("while perform-restore ran, the cluster was shared with this account through RAM")
                .containsExactly("arn:aws:rds:us-east-1:" + SOURCE_ACCOUNT + ":cluster:auposclup");
        assertThat(run.out())
                .contains("sharing cluster auposclup with account " + LocalExecution.ACCOUNT + " through AWS RAM (share dbrefresh-xa-auposclup-")
                .contains("accepted by account " + LocalExecution.ACCOUNT)
                .containsPattern("share-source +succeeded .*shared cluster auposclup with this account through AWS RAM share dbrefresh-xa-auposclup-")
                .contains("clone of arn:aws:rds:us-east-1:" + SOURCE_ACCOUNT + ":cluster:auposclup")
                .containsPattern("remove-source-copies +done .*deleted AWS RAM share dbrefresh-xa-auposclup-\\S+ of cluster auposclup")
                .contains("source account   " + SOURCE_ACCOUNT + ": no snapshot copy left there, none shared with "
                        + LocalExecution.ACCOUNT + ", no AWS RAM share");
        assertThat(run.sharesLeft()).as("no RAM share left in the source account").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"share-source", "perform-restore"})
    void fastCloning_aFailureInTheMiddle_leavesNoShareBehind_andTheOldTargetInPlace(String faultyState) throws Exception {
        Run run = run(Files.readString(HOME.resolve(EXAMPLE)), faultyState);

        assertThat(run.summary().status()).as(run.out()).isEqualTo("FAILED");
        assertThat(run.out()).contains("x " + faultyState + ": ").containsPattern("recover +done .*deleted AWS RAM share dbrefresh-xa-auposclup-");
        assertThat(run.clusters()).as("the old target is in place, the clone gone").contains("auposclud").doesNotContain("auposcludtemp");
        assertThat(run.sharesLeft()).as("no RAM share left in the source account").isEmpty();
    }

    /**
     * @param restoreType   a snapshot restore type
     * @param copyBegun     what share-source says as it begins the copy in the source account
     * @param copyEnding    how the name of the copy remove-source-copies deletes ends
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "fromsnapshot | copying auposclup-daily-2 to dbrefresh-xa-auposclup- | \\S+",
            "latestpoint  | snapshotting cluster auposclup in the source account as dbrefresh-xa-auposclup- | \\S+-now"})
    void snapshotRestore_ofAnotherAccountsCluster_restoresASharedCopy_andLeavesNothingBehind(
            String restoreType, String copyBegun, String copyEnding) throws Exception {
        String json = Files.readString(HOME.resolve(EXAMPLE)).replace("\"restoretype\": \"fastcloning\",",
                "\"restoretype\": \"" + restoreType + "\",");
        assertThat(json).contains("\"" + restoreType + "\"");

        Run run = run(json, null);

        assertThat(run.summary().status()).as(run.out()).isEqualTo("SUCCEEDED");
        assertThat(run.clusters()).contains("auposclud").doesNotContain("auposcludtemp");
        assertThat(run.out()).contains(copyBegun)
                .containsPattern("share-source +succeeded .*shared dbrefresh-xa-auposclup-\\S+ with this account: arn:aws:rds:us-east-1:"
                        + SOURCE_ACCOUNT + ":cluster-snapshot:dbrefresh-xa-auposclup-")
                .containsPattern("remove-source-copies +done .*deleted copy dbrefresh-xa-auposclup-" + copyEnding + " in the source account");
        assertThat(run.copiesLeft()).as("no cluster snapshot (fresh one or copy) left in the source account").isEmpty();
        assertThat(run.sharesLeft()).as("no RAM share left in the source account").isEmpty();
        assertThat(run.targetClusterSnapshots()).as("no mirror, no copy in the target account").allMatch(s -> s.startsWith("auposclud-final-"));
    }

    /** @param faultyState a Task state whose handler's return is turned into a failure (null: none) */
    private Run run(String json, String faultyState) throws Exception {
        RefreshFileResult read = RefreshFiles.read(json);
        assertThat(read.errors()).isEmpty();
        List<String> sharedDuringRestore = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Run> after = new AtomicReference<>();
        LocalRefresh.DuringRun during = (state, output, aws, data) -> {
            if (state.equals("perform-restore") && sharedDuringRestore.isEmpty()) {
                var ram = sourceAccount(aws).ram();
                for (ResourceShare s : liveShares(aws)) {
                    ram.getResourceShareAssociations(b -> b.associationType(ResourceShareAssociationType.RESOURCE)
                            .resourceShareArns(s.resourceShareArn())).resourceShareAssociations()
                            .forEach(a -> sharedDuringRestore.add(a.associatedEntity()));
                }
            }
            if (state.equals(faultyState)) {
                throw new IllegalStateException("injected fault after " + state);
            }
        };
        LocalRefresh.AfterRun inspect = (execution, aws, data) -> {
            List<String> shares = liveShares(aws).stream().map(ResourceShare::name).toList();
            List<String> copies = sourceAccount(aws).rds().describeDBClusterSnapshots(b -> b.snapshotType("manual")).dbClusterSnapshots()
                    .stream().map(DBClusterSnapshot::dbClusterSnapshotIdentifier).filter(n -> n.startsWith(CrossAccountNames.COPY_PREFIX))
                    .toList();
            List<String> clusters = aws.rds().describeDBClusters().dbClusters().stream().map(DBCluster::dbClusterIdentifier).toList();
            List<String> snapshots = aws.rds().describeDBClusterSnapshots(b -> b.snapshotType("manual")).dbClusterSnapshots().stream()
                    .map(DBClusterSnapshot::dbClusterSnapshotIdentifier).toList();
            after.set(new Run(null, null, shares, copies, clusters, snapshots, null));
        };
        StringWriter out = new StringWriter();
        LocalRefresh.Summary summary = new LocalRefresh(new PrintWriter(out, true), HOME).run(json, read.plan(),
                new LocalRefresh.Options(null, null, false, inspect, null, during));
        Run seen = after.get();
        return new Run(summary, out.toString(), seen.sharesLeft(), seen.copiesLeft(), seen.clusters(), seen.targetClusterSnapshots(),
                List.copyOf(sharedDuringRestore));
    }

    private static List<ResourceShare> liveShares(AwsClients aws) {
        return sourceAccount(aws).ram().getResourceShares(b -> b.resourceOwner(ResourceOwner.SELF)).resourceShares().stream()
                .filter(s -> s.status() == ResourceShareStatus.ACTIVE || s.status() == ResourceShareStatus.PENDING).toList();
    }

    /** The source account on the run's emulator, as its administrator sees it. */
    private static AwsClients sourceAccount(AwsClients aws) {
        return AwsClients.forEndpoint(aws.endpoint().orElseThrow(), Region.of(LocalExecution.REGION), "testing", "testing",
                EmulatedSourceAccount.inAccount(SOURCE_ACCOUNT));
    }
}
