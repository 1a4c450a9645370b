package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.e2e.StepFault.Fault;
import io.dbrefresh.steps.VerifyCopy;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * The fault suite of the swap with a grace period (delete.graceperiod): the old target is
 * renamed out of the way instead of deleted. A fault at the rename-away step and at each step
 * after it; then, through a client no fault touches: the old target's own instance (its
 * storage, without this run's mark) still exists, under its name when the copy never took it (recovery renamed it
 * back) or kept under its other name when the copy did; the temp copy is gone; one history
 * row, one message. Prints one line of figures at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GracePeriodFailureSafetyEndToEndIT {

    private static final String TARGET = "mysqlinstd";
    private static final String TEMP = "mysqlinstdtemp";

    /** A swap step: its block, the call its start makes on which instance, and the instance its check watches. */
    record Step(String id, String block, String operation, String resource, Predicate<SdkRequest> only, String watched,
                String terminal) implements StepFault.Faulted {

        @Override
        public String toString() {
            return id;
        }
    }

    private static final List<Step> STEPS = List.of(
            // before the swap: a fault there leaves the old target under its name, never renamed away
            new Step("verify-copy", "restore", "DescribeDBInstances", TEMP, StepFault.madeBy(VerifyCopy.class), null, null),
            // the rename-away: the old target is renamed (ModifyDBInstance on its name), not deleted
            new Step("delete-old-database", "delete", "ModifyDBInstance", TARGET, r -> true, null, null),
            new Step("rename-database", "rename", "ModifyDBInstance", TEMP, r -> true, TARGET, "failed"),
            new Step("fix-tags", "fixtags", "AddTagsToResource", TARGET, StepFault::marksRefreshed, null, null),
            new Step("create-read-replicas", "createreplicas", "CreateDBInstanceReadReplica", "mysqlinstd-r1", r -> true,
                    "mysqlinstd-r1", "failed"));

    private final StepFault.Figures figures = new StepFault.Figures();

    static Stream<Arguments> faults() {
        List<Arguments> cases = new ArrayList<>();
        for (Step s : STEPS) {
            for (Fault f : List.of(Fault.THROTTLING_BURST, Fault.SERVER_ERROR, Fault.HANDLER_EXCEPTION, Fault.RESPONSE_LOST)) {
                cases.add(Arguments.of(s, f));
            }
            if (s.watched() != null) {
                cases.add(Arguments.of(s, Fault.TERMINAL_STATUS));
                cases.add(Arguments.of(s, Fault.POLL_TIMEOUT));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} at {0} (grace period)")
    @MethodSource("faults")
    void faultInTheSwap_losesNoDatabase_andBringsTheOldTargetBackWhenTheCopyNeverTookItsName(Step step, Fault fault) throws Exception {
        String json = refreshFile(step, fault);
        StepFault stepFault = StepFault.of(step, fault, false, f -> new StickyStatus(step.watched(),
                f == Fault.TERMINAL_STATUS ? step.terminal() : "rename-database".equals(step.id()) ? "renaming" : "creating"));
        String execution = "gp-" + step.id() + "-" + fault.name().toLowerCase().replace('_', '-');
        try (LocalWorld world = LocalWorld.seededWith(json, stepFault.interceptor())) {
            RdsClient rds = Emulators.clients().rds();
            // moto gives every instance the same resource id: the old target is told by its storage and by
            // carrying no mark of this execution (the copy is born with one)
            int oldStorage = find(rds, TARGET).orElseThrow().allocatedStorage();
            assertThat(oldStorage).as("the old target differs from production's copy").isNotEqualTo(200);
            Predicate<DBInstance> isOld = i -> i.allocatedStorage() == oldStorage && i.tagList().stream()
                    .noneMatch(t -> RefreshTags.EXECUTION.equals(t.key()) && execution.equals(t.value()));
            ExecutionResult result = figures.run(stepFault, world, execution);

            Optional<DBInstance> underName = find(rds, TARGET);
            List<OldCopies.Copy> kept = new OldCopies(new RdsInstances(rds)).copiesOf(TARGET);
            boolean oldUnderName = underName.filter(isOld).isPresent();
            boolean oldKept = kept.stream().anyMatch(c -> find(rds, c.name()).filter(isOld).isPresent());
            boolean lost = !oldUnderName && !oldKept;
            boolean tempLeft = find(rds, TEMP).filter(i -> !"deleting".equals(i.dbInstanceStatus())).isPresent();
            figures.tally(lost, tempLeft);
            assertThat(lost).as("the old target's instance exists after " + fault + " at " + step.id()).isFalse();
            assertThat(tempLeft).as("the temp copy this run created is gone").isFalse();
            assertThat(underName).as("something answers under the target's name").isPresent();
            Map<String, AttributeValue> row = StepFault.assertRecordedOnce(world, result, step.id(), fault);
            if (fault == Fault.THROTTLING_BURST) {
                assertThat(oldKept).as("the old target is kept for the grace period").isTrue();
                assertThat(underName.get().allocatedStorage()).as("the target holds production's data").isEqualTo(200);
                figures.recoveredOrCompleted.incrementAndGet();
                return;
            }
            boolean copyTookTheName = !oldUnderName;
            if (!copyTookTheName) {
                assertThat(kept).as("back under its name, the old target is no kept copy").isEmpty();
            } else {
                assertThat(oldKept).as("the copy holds the name: the old target stays kept for a rollback").isTrue();
            }
            if ("delete-old-database".equals(step.id()) && fault != Fault.RESPONSE_LOST) {
                assertThat(copyTookTheName).as("the rename-away never went through").isFalse();
            }
            if ("delete-old-database".equals(step.id()) || ("rename-database".equals(step.id()) && fault != Fault.RESPONSE_LOST
                    && fault != Fault.TERMINAL_STATUS && fault != Fault.POLL_TIMEOUT)) {
                assertThat(oldUnderName).as("the copy never took the name: the old target is back under it").isTrue();
                assertThat(row.get("recovery").s()).as("recovery").satisfiesAnyOf(
                        s -> assertThat(s).contains("renamed the old target back"),
                        s -> assertThat(s).contains("deleted the temp"));
            }
            if ("verify-copy".equals(step.id())) {
                assertThat(oldUnderName).as("a fault before the swap leaves the old target under its name").isTrue();
                assertThat(kept).as("nothing was renamed away").isEmpty();
            }
            figures.recoveredOrCompleted.incrementAndGet();
        }
    }

    @AfterAll
    void figures() {
        figures.print("grace-period failure-safety");
    }

    private static Optional<DBInstance> find(RdsClient rds, String id) {
        try {
            return rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().stream().findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The fixture with a grace period (so no stop: RDS renames only an available instance); a poll timeout bounds the step at 3 s: one check, at the bound. */
    private static String refreshFile(Step step, Fault fault) throws Exception {
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(LocalWorld.fixture("rds-latestpoint.json"));
        ((ObjectNode) root.get("stopdb")).put("torun", false);
        ((ObjectNode) root.get("delete")).put("graceperiod", "2d");
        String json = Json.MAPPER.writeValueAsString(root);
        return fault == Fault.POLL_TIMEOUT ? StepFault.pollTimeoutIn(json, step.block()) : json;
    }
}
