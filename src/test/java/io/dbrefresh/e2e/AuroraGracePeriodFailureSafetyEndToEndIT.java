package io.dbrefresh.e2e;

import static io.dbrefresh.e2e.AuroraFixture.CLUSTER;
import static io.dbrefresh.e2e.AuroraFixture.READER;
import static io.dbrefresh.e2e.AuroraFixture.TEMP_CLUSTER;
import static io.dbrefresh.e2e.AuroraFixture.TEMP_WRITER;
import static io.dbrefresh.e2e.AuroraFixture.WRITER;
import static io.dbrefresh.e2e.ClusterIdentity.members;
import static io.dbrefresh.e2e.ClusterIdentity.volume;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.e2e.StepFault.Fault;
import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.rds.AuroraClusters;
import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

/**
 * The fault suite of an Aurora swap with a grace period (deletecluster.graceperiod): the old
 * cluster is renamed out of the way with its writer instead of deleted. A fault at the rename
 * away (the writer's rename, the cluster's) and at each step after it; then: the old cluster's
 * volume still exists, under its name with its writer under the writer's name when the copy
 * never took the name (recovery renamed both back), or kept under its other name, with an
 * instance to reach it, when the copy did; the temp cluster is gone; one history row, one
 * message. A cluster is told by its volume's identity (resource id and creation time, which a
 * rename keeps). Prints one line of figures at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuroraGracePeriodFailureSafetyEndToEndIT {

    /** A swap step: its state, which of its calls fails, what its check watches (a cluster or an instance). */
    record Step(String label, String id, String block, String operation, String resource, Predicate<SdkRequest> only,
                String watched, boolean watchesCluster, String terminal) implements StepFault.Faulted {

        @Override
        public String toString() {
            return label;
        }
    }

    private static final List<Step> STEPS = List.of(
            // the rename away: first the old writer, then the cluster
            new Step("delete-old-cluster (writer aside)", "delete-old-cluster", "deletecluster", "ModifyDBInstance", WRITER,
                    r -> r instanceof ModifyDbInstanceRequest m && m.newDBInstanceIdentifier() != null, null, false, null),
            new Step("delete-old-cluster (cluster aside)", "delete-old-cluster", "deletecluster", "ModifyDBCluster", CLUSTER, r -> true,
                    null, false, null),
            new Step("rename-cluster", "rename-cluster", "renamecluster", "ModifyDBCluster", TEMP_CLUSTER, r -> true, CLUSTER, true,
                    "inaccessible-encryption-credentials"),
            new Step("rename-database", "rename-database", "rename", "ModifyDBInstance", TEMP_WRITER, r -> true, WRITER, false, "failed"),
            new Step("fix-tags", "fix-tags", "fixtags", "AddTagsToResource", CLUSTER, StepFault::marksRefreshed, null, false, null),
            new Step("create-read-replicas", "create-read-replicas", "createreplicas", "CreateDBInstance", READER, r -> true, READER, false,
                    "failed"));

    private final StepFault.Figures figures = new StepFault.Figures();

    static Stream<Arguments> faults() {
        List<Arguments> cases = new ArrayList<>();
        for (Step s : STEPS) {
            boolean renames = s.id().startsWith("delete-old") || s.id().startsWith("rename");
            for (Fault f : renames ? List.of(Fault.THROTTLING_BURST, Fault.SERVER_ERROR, Fault.HANDLER_EXCEPTION, Fault.RESPONSE_LOST)
                    : List.of(Fault.SERVER_ERROR, Fault.RESPONSE_LOST)) {
                cases.add(Arguments.of(s, f));
            }
            if (renames && s.watched() != null) {
                cases.add(Arguments.of(s, Fault.TERMINAL_STATUS));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} at {0} (aurora grace period)")
    @MethodSource("faults")
    void faultInTheClusterSwap_losesNoCluster_andBringsTheOldClusterBackWhenTheCopyNeverTookItsName(Step step, Fault fault)
            throws Exception {
        StepFault stepFault = StepFault.of(step, fault, false, f -> StickyStatus.of(step.watched(), step.watchesCluster(), step.terminal()));
        String execution = "agp-" + step.label().replaceAll("[^a-z]+", "-") + fault.name().toLowerCase().replace('_', '-');
        // the repair first: a lost answer must not hide a rename from it
        try (LocalWorld world = LocalWorld.seededWith(refreshFile(), new InterceptorChain(new ClusterSwapRepair(), stepFault.interceptor()))) {
            RdsClient moto = Emulators.clients().rds();
            String oldVolume = volume(moto, CLUSTER);
            ExecutionResult result = figures.run(stepFault, world, execution);

            // the workflow's view, through the repair of moto's cluster rename
            AuroraClusters clusters = new AuroraClusters(new RdsInstances(world.aws.rds()));
            List<OldCopies.Copy> kept = OldCopies.ofClusters(clusters).copiesOf(CLUSTER);
            boolean oldUnderName = oldVolume.equals(volume(moto, CLUSTER));
            Optional<OldCopies.Copy> oldKept = kept.stream().filter(c -> oldVolume.equals(volume(moto, c.name()))).findFirst();
            boolean lost = !oldUnderName && oldKept.isEmpty();
            boolean tempLeft = clusters.find(TEMP_CLUSTER).filter(c -> !"deleting".equals(c.status())).isPresent();
            figures.tally(lost, tempLeft);
            assertThat(lost).as("the old cluster exists after " + fault + " at " + step).isFalse();
            assertThat(tempLeft).as("the temp cluster this run created is gone").isFalse();
            assertThat(clusters.find(CLUSTER)).as("a cluster answers under the target's name").isPresent();
            StepFault.assertRecordedOnce(world, result, step.id(), fault);
            if (fault == Fault.THROTTLING_BURST) {
                assertThat(oldKept).as("the old cluster is kept for the grace period").isPresent();
                assertThat(members(clusters, oldKept.get().name())).as("with its writer").singleElement().asString()
                        .startsWith(WRITER + "-old-");
                figures.recoveredOrCompleted.incrementAndGet();
                return;
            }
            if (oldUnderName) {
                assertThat(kept).as("back under its name, the old cluster is no kept copy").isEmpty();
                assertThat(members(clusters, CLUSTER)).as("its writer is back under the writer's name").contains(WRITER);
            } else {
                assertThat(members(clusters, oldKept.get().name())).as("the kept old cluster has an instance to reach its data")
                        .isNotEmpty();
            }
            if (step.id().equals("delete-old-cluster") || (step.id().equals("rename-cluster") && fault != Fault.RESPONSE_LOST
                    && fault != Fault.TERMINAL_STATUS)) {
                assertThat(oldUnderName).as("the copy never took the name: the old cluster is back under it").isTrue();
            }
            figures.recoveredOrCompleted.incrementAndGet();
        }
    }

    @AfterAll
    void figures() {
        figures.print("aurora grace-period failure-safety");
    }

    private static String refreshFile() throws Exception {
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(LocalWorld.fixture("aurora-latestpoint.json"));
        ((ObjectNode) root.get("deletecluster")).put("graceperiod", "2d");
        return Json.MAPPER.writeValueAsString(root);
    }
}
