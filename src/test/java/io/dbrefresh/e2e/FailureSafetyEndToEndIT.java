package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
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
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.rds.RefreshTags;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * For every step of the RDS path, a fault injected there, then the emulated world checked
 * through a client no fault touches: the old target's data exists (the instance, or its final
 * snapshot), the temp copy this run made is gone, the history row says SUCCEEDED (a
 * throttling burst the state machine's Retry outlived) or FAILED with the step and what
 * recovery did, and exactly one message was sent. Prints one line of figures at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailureSafetyEndToEndIT {

    private static final String TARGET = "mysqlinstd";
    private static final String TEMP = "mysqlinstdtemp";

    /** How a fault reaches the step. */
    enum Fault {
        THROTTLING_BURST, SERVER_ERROR, HANDLER_EXCEPTION, TERMINAL_STATUS, POLL_TIMEOUT,
        /** The step's call went through but its answer was lost: the step fails having acted. */
        RESPONSE_LOST
    }

    /**
     * A step of the RDS path: its block in the refresh file, the AWS call its start makes on
     * which instance (and, where an earlier step makes the same call, which of those calls), and
     * the instance its check watches (null: a deletion, which ends in not-found, so no status can
     * keep it from ending).
     */
    record Step(String id, String block, String operation, String resource, Predicate<SdkRequest> only, String watched,
                String terminal) {

        Step(String id, String block, String operation, String resource, String watched, String terminal) {
            this(id, block, operation, resource, r -> true, watched, terminal);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /**
     * The read-only states before any step: a fault there fails once (nothing to retry into a
     * loss), and a lost answer is no different from an error. Their first call is their own:
     * guard-target describes the target first; only pre-flight describes subnet groups.
     */
    private static final Set<String> READ_ONLY = Set.of("guard-target", "preflight");

    private static final List<Step> STEPS = List.of(
            new Step("guard-target", "restore", "DescribeDBInstances", TARGET, null, null),
            new Step("preflight", "restore", "DescribeDBSubnetGroups", null, null, null),
            new Step("delete-replicas", "deletereplicas", "DeleteDBInstance", "mysqlinstd-r1", null, null),
            new Step("stop-old-database", "stopdb", "StopDBInstance", TARGET, TARGET, "failed"),
            new Step("perform-restore", "restore", "RestoreDBInstanceToPointInTime", TEMP, TEMP, "incompatible-restore"),
            new Step("delete-old-database", "delete", "DeleteDBInstance", TARGET, null, null),
            new Step("rename-database", "rename", "ModifyDBInstance", TEMP, TARGET, "failed"),
            // stop and delete tag the old target (same ARN) with their marks first
            new Step("fix-tags", "fixtags", "AddTagsToResource", TARGET, FailureSafetyEndToEndIT::marksRefreshed, null, null),
            new Step("create-read-replicas", "createreplicas", "CreateDBInstanceReadReplica", "mysqlinstd-r1", "mysqlinstd-r1",
                    "failed"),
            new Step("update-dynamodb", "updatedynamodb", "PutItem", null, null, null),
            new Step("send-msg", "sendmsg", "Publish", null, null, null));

    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger faults = new AtomicInteger();
    private final AtomicInteger recoveredOrCompleted = new AtomicInteger();
    private final AtomicInteger databasesLost = new AtomicInteger();
    private final AtomicInteger leftBehind = new AtomicInteger();

    static Stream<Arguments> faults() {
        List<Arguments> cases = new ArrayList<>();
        for (Step s : STEPS) {
            cases.add(Arguments.of(s, Fault.THROTTLING_BURST));
            cases.add(Arguments.of(s, Fault.SERVER_ERROR));
            cases.add(Arguments.of(s, Fault.HANDLER_EXCEPTION));
            if (s.resource() != null && !READ_ONLY.contains(s.id())) {
                cases.add(Arguments.of(s, Fault.RESPONSE_LOST));
            }
            if (s.terminal() != null) {
                cases.add(Arguments.of(s, Fault.TERMINAL_STATUS));
            }
            if (s.watched() != null) {
                cases.add(Arguments.of(s, Fault.POLL_TIMEOUT));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} at {0}")
    @MethodSource("faults")
    void faultAtStep_losesNoDatabaseLeavesNothingBehindRecordsAndNotifiesOnce(Step step, Fault fault) {
        String json = refreshFile(step, fault);
        FaultInjector injector = null;
        StickyStatus sticky = null;
        ExecutionInterceptor interceptor;
        // the history and notification tasks also run on the failure path: a fault that never
        // ends there would stop the record this test asserts, so it hits their first call only
        boolean onceOnly = step.resource() == null || READ_ONLY.contains(step.id());
        switch (fault) {
            case THROTTLING_BURST -> interceptor = injector = new FaultInjector(step.operation(), step.resource(), step.only(),
                    FaultInjector.Kind.THROTTLING, 2);
            case SERVER_ERROR -> interceptor = injector = new FaultInjector(step.operation(), step.resource(), step.only(),
                    FaultInjector.Kind.SERVER_ERROR, onceOnly ? 1 : Integer.MAX_VALUE);
            case HANDLER_EXCEPTION -> interceptor = injector = new FaultInjector(step.operation(), step.resource(), step.only(),
                    FaultInjector.Kind.HANDLER_EXCEPTION, onceOnly ? 1 : Integer.MAX_VALUE);
            case RESPONSE_LOST -> interceptor = injector = new FaultInjector(step.operation(), step.resource(), step.only(),
                    FaultInjector.Kind.RESPONSE_LOST, Integer.MAX_VALUE);
            case TERMINAL_STATUS -> interceptor = sticky = new StickyStatus(step.watched(), step.terminal());
            case POLL_TIMEOUT -> interceptor = sticky = new StickyStatus(step.watched(), inProgress(step));
            default -> throw new IllegalArgumentException(fault.name());
        }
        String execution = "fs-" + step.id() + "-" + fault.name().toLowerCase().replace('_', '-');
        StickyStatus release = sticky;
        try (LocalWorld world = LocalWorld.seededWith(json, interceptor)) {
            // the fault is tied to the step by the request it concerns, never by the engine's events,
            // which arrive apart from the Task callbacks. Armed after seeding (which creates the
            // replica): from then on the step's call is the only one like it, and a status shows
            // from the step's own start call on
            if (injector != null) {
                injector.arm();
            } else {
                sticky.armedAfter(step.operation(), step.resource());
            }
            runs.incrementAndGet();
            ExecutionResult result = world.run(execution, LocalWorld.fastRetries(), e -> { }, (state, function, input, output) -> {
                // the step's check has failed (a terminal status, or the poll limit): recovery sees the world as it is
                boolean failed = !output.startsWith("{") || output.contains("\"status\":\"FAILED\"");
                if (release != null && (step.id() + ": check").equals(state) && failed) {
                    release.release();
                }
            });
            int injected = injector != null ? injector.injected() : (sticky.shown() > 0 ? 1 : 0);
            faults.addAndGet(injected);
            assertThat(injected).as("the fault reached the step").isPositive();

            RdsClient rds = Emulators.clients().rds();
            boolean lost = !oldDataExists(rds, result);
            if (lost) {
                databasesLost.incrementAndGet();
            }
            boolean tempLeft = find(rds, TEMP).filter(i -> !"deleting".equals(i.dbInstanceStatus())).isPresent();
            if (tempLeft) {
                leftBehind.incrementAndGet();
            }
            assertThat(lost).as("the old target or its final snapshot exists after " + fault + " at " + step.id()).isFalse();
            assertThat(tempLeft).as("the temp copy this run created is gone").isFalse();

            List<Map<String, AttributeValue>> rows = world.historyRows();
            assertThat(rows).hasSize(1);
            Map<String, AttributeValue> row = rows.get(0);
            List<String> sent = world.account.notifications();
            assertThat(sent).as("one message per run").hasSize(1);
            if (fault == Fault.THROTTLING_BURST) {
                assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
                assertThat(row.get("status").s()).isEqualTo("SUCCEEDED");
                assertThat(rds.describeDBInstances(b -> b.dbInstanceIdentifier(TARGET)).dbInstances().get(0).allocatedStorage())
                        .as("the target holds production's data").isEqualTo(200);
                assertThat(sent.get(0)).contains("Status: SUCCEEDED");
            } else {
                assertThat(result.status()).isEqualTo("FAILED");
                assertThat(row.get("status").s()).isEqualTo("FAILED");
                assertThat(row.get("failedstep").s()).isEqualTo(step.id());
                assertThat(row.get("error").s()).isNotBlank();
                assertThat(row).containsKey("recovery");
                // an old target this run stopped is started again, even when the stop's answer was lost
                find(rds, TARGET).filter(i -> i.tagList().stream().noneMatch(t -> RefreshTags.EXECUTION.equals(t.key())
                                && execution.equals(t.value())))
                        .ifPresent(old -> assertThat(old.dbInstanceStatus()).as("the old target runs again").isNotEqualTo("stopped"));
                if (fault == Fault.POLL_TIMEOUT) {
                    assertThat(row.get("error").s()).contains("StepTimeoutException").contains(step.id() + " did not finish after 3 checks over");
                }
                if (fault == Fault.TERMINAL_STATUS) {
                    assertThat(row.get("error").s()).contains(step.terminal());
                }
                assertThat(sent.get(0)).contains("Status: FAILED");
            }
            recoveredOrCompleted.incrementAndGet();
        }
    }

    @AfterAll
    void figures() {
        System.out.printf("failure-safety figures: runs=%d faults-injected=%d recovered-or-completed=%d databases-lost=%d "
                + "left-behind=%d%n", runs.get(), faults.get(), recoveredOrCompleted.get(), databasesLost.get(), leftBehind.get());
    }

    /** fix-tags' call: the tags it sets say when the target was refreshed; the marks of stop and delete do not. */
    private static boolean marksRefreshed(SdkRequest request) {
        return request instanceof AddTagsToResourceRequest r && r.tags().stream().anyMatch(t -> RefreshTags.REFRESHED_AT.equals(t.key()));
    }

    /** The old data survives: the target (the old one, or the refreshed copy that replaced it), or its final snapshot. */
    private static boolean oldDataExists(RdsClient rds, ExecutionResult result) {
        Optional<DBInstance> target = find(rds, TARGET);
        if (target.isPresent() && List.of("available", "stopped").contains(target.get().dbInstanceStatus())) {
            return true;
        }
        List<DBSnapshot> finals = rds.describeDBSnapshots(b -> b.dbInstanceIdentifier(TARGET).snapshotType("manual")).dbSnapshots();
        return finals.stream().anyMatch(s -> s.dbSnapshotIdentifier().startsWith(TARGET + "-final-") && "available".equals(s.status()));
    }

    private static Optional<DBInstance> find(RdsClient rds, String id) {
        try {
            return rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().stream().findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static String inProgress(Step step) {
        return switch (step.id()) {
            case "stop-old-database" -> "stopping";
            case "rename-database" -> "renaming";
            default -> "creating";
        };
    }

    /** The fixture; for a poll timeout the faulty step checks every second, three times. */
    private static String refreshFile(Step step, Fault fault) {
        String json = LocalWorld.fixture("rds-latestpoint.json");
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
