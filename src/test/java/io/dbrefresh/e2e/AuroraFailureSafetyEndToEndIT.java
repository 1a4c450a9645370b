package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.e2e.StepFault.Fault;
import io.dbrefresh.steps.VerifyCopy;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * The Aurora counterpart of {@link FailureSafetyEndToEndIT}: for every step of a cluster
 * refresh, a fault injected there, then the emulated world checked through a client no fault
 * touches: the old cluster's data exists (the cluster, or its final cluster snapshot), the temp
 * cluster and its writer this run made are gone, the history row says SUCCEEDED (a throttling
 * burst the state machine's Retry outlived) or FAILED with the step, and exactly one message
 * was sent. Prints one line of figures at the end.
 *
 * <p>Each fault is tied to the step by the request it concerns, never by the engine's events
 * (which arrive apart from the Task callbacks): a failing call is picked by operation and
 * resource (and content, where an earlier step makes the same call); a status is shown from
 * the step's own start call on, and released when the step's check has failed, before
 * recovery looks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuroraFailureSafetyEndToEndIT {

    private static final String CLUSTER = "aumysclud";
    private static final String TEMP_CLUSTER = "aumyscludtemp";
    private static final String WRITER = "aumysinstd";
    private static final String TEMP_WRITER = "aumysinstdtemp";
    private static final String READER = "aumysinstd-r1";
    private static final String SOURCE = "aumysclup";

    /**
     * A step of the Aurora path: its block, the AWS call its start makes on which resource (and,
     * where an earlier step makes the same call, which of those calls), and what its check
     * watches: an instance or a cluster, with a terminal and an in-progress status (null: a
     * deletion, which ends in not-found, or a check of tags, so no status can keep it from ending).
     */
    record Step(String id, String block, String operation, String resource, Predicate<SdkRequest> only,
                String watched, boolean watchesCluster, String terminal, String inProgress) implements StepFault.Faulted {

        @Override
        public boolean watchesStatus() {
            return watched != null;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private static final Predicate<SdkRequest> ANY = r -> true;

    /** The read-only states (see FailureSafetyEndToEndIT): a fault there fails once. */
    private static final Set<String> READ_ONLY = FailureSafetyEndToEndIT.READ_ONLY;

    private static final List<Step> STEPS = List.of(
            new Step("guard-target", "restore", "DescribeDBClusters", CLUSTER, ANY, null, false, null, null),
            new Step("preflight", "restore", "DescribeDBSubnetGroups", null, ANY, null, false, null, null),
            new Step("delete-replicas", "deletereplicas", "DeleteDBInstance", READER, ANY, null, false, null, null),
            new Step("perform-restore", "restore", "RestoreDBClusterToPointInTime", TEMP_CLUSTER, ANY, TEMP_CLUSTER, true,
                    "inaccessible-encryption-credentials", "creating"),
            new Step("create-instance", "createinstance", "CreateDBInstance", TEMP_WRITER, ANY, TEMP_WRITER, false,
                    "incompatible-parameters", "creating"),
            // the copy's last look before the swap: a fault there must leave the old cluster untouched
            new Step("verify-copy", "restore", "DescribeDBClusters", TEMP_CLUSTER, StepFault.madeBy(VerifyCopy.class), null, false,
                    null, null),
            // the swap: delete-old-database makes no call (the writer goes away with the old cluster); delete-old-cluster
            // renames the old writer and then the old cluster away; rename-cluster renames the copy in and, once it holds
            // the name, its check deletes the old cluster under its kept name with its writer
            new Step("delete-old-cluster", "deletecluster", "ModifyDBInstance", WRITER, AuroraFailureSafetyEndToEndIT::renames,
                    null, false, null, null),
            new Step("delete-old-cluster", "deletecluster", "ModifyDBCluster", CLUSTER, AuroraFailureSafetyEndToEndIT::renames,
                    null, false, null, null),
            new Step("rename-cluster", "renamecluster", "ModifyDBCluster", TEMP_CLUSTER, ANY, CLUSTER, true,
                    "inaccessible-encryption-credentials", "renaming"),
            new Step("rename-cluster", "renamecluster", "DeleteDBInstance", WRITER + "-old-*", ANY, null, false, null, null),
            new Step("rename-cluster", "renamecluster", "DeleteDBCluster", CLUSTER + "-old-*", ANY, null, false, null, null),
            new Step("rename-database", "rename", "ModifyDBInstance", TEMP_WRITER, ANY, WRITER, false, "failed", "renaming"),
            // delete-old-cluster tags the old cluster (same ARN) with its deletion marks first
            new Step("fix-tags", "fixtags", "AddTagsToResource", CLUSTER, AuroraFailureSafetyEndToEndIT::marksRefreshed,
                    null, false, null, null),
            new Step("create-read-replicas", "createreplicas", "CreateDBInstance", READER, ANY, READER, false, "failed", "creating"),
            new Step("update-dynamodb", "updatedynamodb", "PutItem", null, ANY, null, false, null, null),
            new Step("send-msg", "sendmsg", "Publish", null, ANY, null, false, null, null));

    private final StepFault.Figures figures = new StepFault.Figures();

    static Stream<Arguments> faults() {
        List<Arguments> cases = new ArrayList<>();
        for (Step s : STEPS) {
            cases.add(Arguments.of(s, Fault.THROTTLING_BURST));
            cases.add(Arguments.of(s, Fault.SERVER_ERROR));
            cases.add(Arguments.of(s, Fault.HANDLER_EXCEPTION));
            if (s.resource() != null && !READ_ONLY.contains(s.id())) {
                cases.add(Arguments.of(s, Fault.RESPONSE_LOST));
            }
            if (s.watched() != null) {
                cases.add(Arguments.of(s, Fault.TERMINAL_STATUS));
                cases.add(Arguments.of(s, Fault.POLL_TIMEOUT));
            }
        }
        return StepFault.selected(cases.stream());
    }

    /**
     * The steps where the old cluster's data may go: from the old writer's deletion to the copy
     * taking the cluster's name. There a file with {@code finalsnapshot: false} leaves no final
     * cluster snapshot, so the copy may be the last copy of the data, which recovery must never delete.
     */
    private static final Set<String> WITHOUT_FINAL_SNAPSHOT = Set.of("delete-old-database", "delete-old-cluster",
            "rename-cluster", "rename-database");

    static Stream<Arguments> faultsWithoutFinalSnapshot() {
        return StepFault.selected(StepFault.withoutFinalSnapshot(STEPS, WITHOUT_FINAL_SNAPSHOT));
    }

    @ParameterizedTest(name = "{1} at {0}")
    @MethodSource("faults")
    void faultAtStep_losesNoClusterLeavesNothingBehindRecordsAndNotifiesOnce(Step step, Fault fault) {
        faultAtStep(step, fault, true);
    }

    @ParameterizedTest(name = "{1} at {0}, finalsnapshot false")
    @MethodSource("faultsWithoutFinalSnapshot")
    void faultAtStepWithoutFinalSnapshot_keepsTheLastCopyOfTheData(Step step, Fault fault) {
        faultAtStep(step, fault, false);
    }

    private void faultAtStep(Step step, Fault fault, boolean finalSnapshot) {
        // the history and notification tasks also run on the failure path: a fault that never
        // ends there would stop the record this test asserts, so it hits their first call only
        boolean onceOnly = step.resource() == null || READ_ONLY.contains(step.id());
        StepFault stepFault = StepFault.of(step, fault, onceOnly, f -> sticky(step, f == Fault.TERMINAL_STATUS ? step.terminal()
                : step.inProgress()));
        String execution = "afs-" + step.id() + "-" + fault.name().toLowerCase().replace('_', '-') + (finalSnapshot ? "" : "-nofinal");
        String json = finalSnapshot ? refreshFile(step, fault) : StepFault.finalSnapshotOff(refreshFile(step, fault), "deletecluster");
        try (LocalWorld world = LocalWorld.seededWith(json, new InterceptorChain(stepFault.interceptor(), new ClusterRenameRepair()))) {
            // from here on, after seeding (which creates the old cluster's instances): a call is
            // picked by its request alone (or its caller), as no earlier step makes the same one
            stepFault.arm();
            figures.runs.incrementAndGet();
            ExecutionResult result = stepFault.run(world, execution);
            int injected = stepFault.injected();
            figures.faults.addAndGet(injected);
            assertThat(injected).as("the fault reached the step").isPositive();

            RdsClient rds = Emulators.clients().rds();
            // with no final snapshot, the old data is gone once the old cluster is: the copy (the
            // temporary cluster, or the one under the target's name) is then the last copy, and stays
            boolean tempExists = find(rds, TEMP_CLUSTER).filter(c -> !"deleting".equals(c.status())).isPresent();
            boolean lost = finalSnapshot ? !oldDataExists(rds) : !oldDataExists(rds) && !tempExists;
            if (lost) {
                figures.databasesLost.incrementAndGet();
            }
            boolean left = leftBehind(rds, execution) && (finalSnapshot || oldDataExists(rds));
            // the old cluster renamed away is deleted once the copy holds the name (by rename-cluster's check, or by
            // recovery), unless the run never saw the copy hold it (a status faulted on it) or the delete kept failing
            List<String> renamedAway = keptClusters(rds);
            boolean copyHoldsName = find(rds, CLUSTER).filter(c -> "available".equals(c.status()))
                    .filter(c -> execution.equals(tags(rds, c).get(RefreshTags.EXECUTION))).isPresent();
            boolean runSawTheName = !(step.id().equals("rename-cluster") && (fault == Fault.TERMINAL_STATUS || fault == Fault.POLL_TIMEOUT));
            boolean deleteKeptFailing = step.resource() != null && step.resource().endsWith("*")
                    && (fault == Fault.SERVER_ERROR || fault == Fault.HANDLER_EXCEPTION);
            boolean oldLeft = !renamedAway.isEmpty() && copyHoldsName && runSawTheName && !deleteKeptFailing;
            if (left || oldLeft) {
                figures.leftBehind.incrementAndGet();
            }
            assertThat(oldLeft).as("the old cluster renamed away is deleted once the copy holds the name: " + renamedAway).isFalse();
            assertThat(lost).as("the old cluster or its final cluster snapshot exists after " + fault + " at " + step.id()).isFalse();
            assertThat(left).as("the temp cluster and the writer this run created are gone, or hold the target's name").isFalse();
            assertThat(oldClusterReachable(rds, execution))
                    .as("an old cluster that is kept has an instance to reach its data after " + fault + " at " + step.id()).isTrue();
            assertSourceUntouched(rds);

            List<Map<String, AttributeValue>> rows = world.historyRows();
            assertThat(rows).hasSize(1);
            Map<String, AttributeValue> row = rows.get(0);
            List<String> sent = world.account.notifications();
            assertThat(sent).as("one message per run").hasSize(1);
            if (fault == Fault.THROTTLING_BURST) {
                assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
                assertThat(row.get("status").s()).isEqualTo("SUCCEEDED");
                assertThat(tags(rds, find(rds, CLUSTER).orElseThrow())).as("the target cluster is production's copy")
                        .containsEntry(RefreshTags.EXECUTION, execution).containsEntry(RefreshTags.SOURCE, "aumysclup");
                assertThat(sent.get(0)).contains("Status: SUCCEEDED");
            } else {
                assertThat(result.status()).isEqualTo("FAILED");
                assertThat(row.get("status").s()).isEqualTo("FAILED");
                assertThat(row.get("failedstep").s()).isEqualTo(step.id());
                assertThat(row.get("error").s()).isNotBlank();
                assertThat(row).containsKey("recovery");
                if (fault == Fault.POLL_TIMEOUT) {
                    assertThat(row.get("error").s()).contains("StepTimeoutException").contains(step.id() + " did not finish within its timeout of 3 s: 1 check over");
                }
                if (fault == Fault.TERMINAL_STATUS) {
                    assertThat(row.get("error").s()).contains(step.terminal());
                }
                if (step.id().equals("verify-copy")) {
                    assertSwapNeverBegan(rds, execution);
                }
                assertThat(sent.get(0)).contains("Status: FAILED");
            }
            figures.recoveredOrCompleted.incrementAndGet();
        }
    }

    @AfterAll
    void figures() {
        figures.print("aurora failure-safety");
    }

    /** Production is only ever read: the source cluster is there, available, unmarked by any refresh. */
    private static void assertSourceUntouched(RdsClient rds) {
        DBCluster source = find(rds, SOURCE).orElseThrow(() -> new AssertionError("the source " + SOURCE + " is gone"));
        assertThat(source.status()).as("the source runs").isEqualTo("available");
        assertThat(tags(rds, source).keySet()).as("no refresh marked the source").noneMatch(k -> k.startsWith("dbrefresh:"));
        assertThat(source.dbClusterMembers()).as("the source keeps its instances").isNotEmpty();
    }

    /** A run that failed before the swap left the old cluster as it was: available, unmarked, with its writer and reader. */
    private static void assertSwapNeverBegan(RdsClient rds, String execution) {
        DBCluster old = find(rds, CLUSTER).orElseThrow(() -> new AssertionError("the old cluster is gone"));
        assertThat(old.status()).as("the old cluster serves").isEqualTo("available");
        assertThat(tags(rds, old)).as("the run never marked the old cluster").doesNotContainEntry(RefreshTags.EXECUTION, execution);
        assertThat(findInstance(rds, WRITER)).as("its writer is there").isPresent();
        assertThat(findInstance(rds, READER)).as("its reader was never removed").isPresent();
        assertThat(rds.describeDBClusterSnapshots(b -> b.snapshotType("manual")).dbClusterSnapshots())
                .as("no final snapshot: nothing was deleted").noneMatch(s -> s.dbClusterSnapshotIdentifier().startsWith(CLUSTER + "-final-"));
    }

    /** Shown from the step's start call on (see above): the watched name may exist before (the old writer, reader, cluster). */
    private static StickyStatus sticky(Step step, String status) {
        return step.watchesCluster() ? StickyStatus.ofCluster(step.watched(), status) : new StickyStatus(step.watched(), status);
    }

    /** fix-tags' call: the tags it sets say when the target was refreshed; delete-old-cluster's marks do not. */
    private static boolean marksRefreshed(SdkRequest request) {
        return request instanceof AddTagsToResourceRequest r && r.tags().stream().anyMatch(t -> RefreshTags.REFRESHED_AT.equals(t.key()));
    }

    /** A rename away of the swap (an instance's or the cluster's), not a modification before it. */
    static boolean renames(SdkRequest request) {
        return request instanceof software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest m && m.newDBInstanceIdentifier() != null
                || request instanceof software.amazon.awssdk.services.rds.model.ModifyDbClusterRequest c && c.newDBClusterIdentifier() != null;
    }

    /** The old cluster renamed away by the swap, under its kept name ({@code <cluster>-old-<minute>}), while it exists. */
    private static List<String> keptClusters(RdsClient rds) {
        return rds.describeDBClusters().dbClusters().stream().filter(c -> !"deleting".equals(c.status()))
                .map(DBCluster::dbClusterIdentifier).filter(id -> id.startsWith(CLUSTER + "-old-")).toList();
    }

    /** The old data survives: the target cluster (the old one, or the refreshed copy in its place), or its final snapshot. */
    private static boolean oldDataExists(RdsClient rds) {
        Optional<DBCluster> target = find(rds, CLUSTER);
        if (target.isPresent() && "available".equals(target.get().status())) {
            return true;
        }
        if (!keptClusters(rds).isEmpty()) {
            return true;
        }
        return rds.describeDBClusterSnapshots(b -> b.snapshotType("manual")).dbClusterSnapshots().stream()
                .anyMatch(s -> s.dbClusterSnapshotIdentifier().startsWith(CLUSTER + "-final-") && "available".equals(s.status()));
    }

    /**
     * What this run created and left: the temp cluster, or its writer while that is not in the
     * cluster that took the target's name (moto keeps a renamed cluster's instances under the
     * old cluster id, so the writer is judged by the cluster now named as the target).
     */
    private static boolean leftBehind(RdsClient rds, String execution) {
        if (find(rds, TEMP_CLUSTER).filter(c -> !"deleting".equals(c.status())).isPresent()) {
            return true;
        }
        boolean targetIsOurs = find(rds, CLUSTER).map(c -> execution.equals(tags(rds, c).get(RefreshTags.EXECUTION))).orElse(false);
        return findInstance(rds, TEMP_WRITER).filter(i -> !"deleting".equals(i.dbInstanceStatus())).isPresent() && !targetIsOurs;
    }

    /** True unless the old cluster is kept (there, not being deleted, not this run's copy) with no instance left in it. */
    private static boolean oldClusterReachable(RdsClient rds, String execution) {
        Optional<DBCluster> old = find(rds, CLUSTER);
        if (old.isEmpty() || "deleting".equals(old.get().status()) || execution.equals(tags(rds, old.get()).get(RefreshTags.EXECUTION))) {
            return true;
        }
        return old.get().dbClusterMembers().stream()
                .map(m -> findInstance(rds, m.dbInstanceIdentifier()))
                .anyMatch(i -> i.filter(x -> !"deleting".equals(x.dbInstanceStatus())).isPresent());
    }

    private static Map<String, String> tags(RdsClient rds, DBCluster cluster) {
        Map<String, String> tags = new HashMap<>();
        rds.listTagsForResource(b -> b.resourceName(cluster.dbClusterArn())).tagList().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    private static Optional<DBCluster> find(RdsClient rds, String id) {
        try {
            return rds.describeDBClusters(b -> b.dbClusterIdentifier(id)).dbClusters().stream().findFirst();
        } catch (DbClusterNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Optional<DBInstance> findInstance(RdsClient rds, String id) {
        try {
            return rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().stream().findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The fixture; for a poll timeout the faulty step is bounded at 3 s, before the model expects it done: one check, at the bound. */
    private static String refreshFile(Step step, Fault fault) {
        String json = LocalWorld.fixture("aurora-latestpoint.json");
        if (fault != Fault.POLL_TIMEOUT) {
            return json;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(json);
            ((ObjectNode) root.get(step.block())).put("wait_time", 1).put("timeout", 3);
            return Json.MAPPER.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
