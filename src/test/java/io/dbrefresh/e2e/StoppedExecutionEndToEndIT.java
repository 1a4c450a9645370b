package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.dbrefresh.local.EmulatedAccount;
import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.local.ExecutionStop;
import io.dbrefresh.rds.RefreshTags;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * An execution stopped (StopExecution) or timed out never reaches its recovery path; the
 * recovery the deployment's EventBridge rule starts for it (run here by the local engine, from
 * the run's own history, by the same code) leaves the old data in place (the old target, or its
 * final snapshot), no temporary copy, a closed history row naming the step and how the run
 * ended, a released lock and one message.
 */
class StoppedExecutionEndToEndIT {

    private static final String TARGET = "mysqlinstd";
    private static final String TEMP = "mysqlinstdtemp";

    /**
     * Stopped right after the step's start call went through, before the engine recorded its
     * result: the hardest point, where only the marks and tags say what the step did. Every step
     * from guard-target to update-dynamodb that the fixture runs (runscripts has its own world).
     */
    @ParameterizedTest(name = "stopped at {1} ({0})")
    @CsvSource({"rds-latestpoint.json, guard-target", "rds-latestpoint.json, preflight", "rds-latestpoint.json, perform-restore",
            "rds-passwords.json, change-admin-pwd", "rds-latestpoint.json, verify-copy", "rds-latestpoint.json, delete-replicas",
            "rds-latestpoint.json, stop-old-database", "rds-latestpoint.json, delete-old-database",
            "rds-latestpoint.json, rename-database", "rds-latestpoint.json, fix-tags", "rds-latestpoint.json, create-read-replicas",
            "rds-passwords.json, rotate-admin-pwd", "rds-latestpoint.json, update-dynamodb"})
    void stoppedMidStep_isRecoveredFromOutside(String fixture, String step) {
        try (LocalWorld world = LocalWorld.seeded(fixture, null)) {
            ExecutionStop stop = new ExecutionStop();
            String execution = "e2e-stopped-" + step;

            ExecutionResult result = world.run(execution, stop, null, (state, function, input, output) -> {
                if (step.equals(state)) {
                    stop.stop();
                    // the engine ends the run before it reads this answer, as a stopped execution ignores a late one
                    awaitAborted(world);
                }
            });

            assertThat(result.status()).isEqualTo("ABORTED");
            assertRecovered(world, execution, step, "States.Aborted", "stopped at " + step);
        }
    }

    @ParameterizedTest(name = "timed out at {0}")
    @ValueSource(strings = {"perform-restore"})
    void timedOutWhileTheCopyIsPolled_isRecoveredFromOutside(String step) {
        // the copy never becomes available: the run polls it, within the step's own limit, until
        // the execution's bound ends it
        StickyStatus creating = new StickyStatus(TEMP, "creating").armedAfter("RestoreDBInstanceToPointInTime", TEMP);
        try (LocalWorld world = LocalWorld.seededWith(withRestoreTimeout(3600), creating)) {
            String execution = "e2e-timed-out-" + step;

            ExecutionResult result = world.run(execution, null, 40, (state, function, input, output) -> { });

            assertThat(result.status()).isEqualTo("TIMED_OUT");
            assertRecovered(world, execution, step, "States.Timeout", "TimeoutSeconds");
        }
    }

    private static String withRestoreTimeout(int seconds) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                    io.dbrefresh.refreshfile.Json.MAPPER.readTree(LocalWorld.fixture("rds-latestpoint.json"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("restore")).put("timeout", seconds);
            return io.dbrefresh.refreshfile.Json.MAPPER.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertRecovered(LocalWorld world, String execution, String step, String error, String cause) {
        RdsClient rds = world.aws.rds();
        assertThat(world.endedRecovery).as("the ended run was recovered").isNotNull();
        assertThat(oldDataExists(rds, execution)).as("the old target, or its final snapshot, exists").isTrue();
        assertThat(find(rds, TEMP)).as("no temporary copy is left").isEmpty();
        find(rds, TARGET).filter(i -> !ours(i, execution))
                .ifPresent(old -> assertThat(old.dbInstanceStatus()).as("the old target runs").isEqualTo("available"));

        List<Map<String, AttributeValue>> rows = world.historyRows();
        assertThat(rows).as("one row, the one the run opened").hasSize(1);
        Map<String, AttributeValue> row = rows.get(0);
        assertThat(row.get("status").s()).isEqualTo("FAILED");
        assertThat(row.get("failedstep").s()).isEqualTo(step);
        assertThat(row.get("error").s()).startsWith(error).contains(cause);
        assertThat(row).containsKey("recovery");
        String table = world.plan.tableName() != null ? world.plan.tableName() : LocalWorld.TABLE;
        Map<String, AttributeValue> lock = world.aws.dynamoDb().getItem(b -> b.tableName(table).key(Map.of(
                "dbinstance", AttributeValue.fromS("lock#" + TARGET), "restoredate", AttributeValue.fromS("lock")))).item();
        assertThat(lock).as("the lock is released").isNullOrEmpty();
        List<String> sent = world.account.notifications();
        assertThat(sent).as("one message").hasSize(1);
        assertThat(sent.get(0)).contains("Status: FAILED").contains(step).contains(error);
    }

    private static boolean oldDataExists(RdsClient rds, String execution) {
        Optional<DBInstance> target = find(rds, TARGET);
        if (target.isPresent() && !ours(target.get(), execution)
                && target.get().allocatedStorage() == EmulatedAccount.TARGET_STORAGE_GIB) {
            return true;
        }
        return rds.describeDBSnapshots(b -> b.snapshotType("manual")).dbSnapshots().stream()
                .anyMatch(s -> s.dbSnapshotIdentifier().startsWith(TARGET + "-final-") && "available".equals(s.status()));
    }

    private static boolean ours(DBInstance i, String execution) {
        return i.tagList().stream().anyMatch(t -> RefreshTags.EXECUTION.equals(t.key()) && execution.equals(t.value()));
    }

    private static Optional<DBInstance> find(RdsClient rds, String id) {
        try {
            return rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().stream()
                    .filter(i -> !"deleting".equals(i.dbInstanceStatus())).findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Holds the step's answer until the engine has reported the execution aborted (at most 10 s,
     * polled every 20 ms): a fixed pause of 3 s per case did the same when the machine was quick
     * enough, and cost that time every time.
     */
    private static void awaitAborted(LocalWorld world) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && !aborted(world)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean aborted(LocalWorld world) {
        synchronized (world.events) {
            return world.events.stream().anyMatch(e -> "ExecutionAborted".equals(e.type()));
        }
    }
}
