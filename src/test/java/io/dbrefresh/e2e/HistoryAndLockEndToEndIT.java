package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dbrefresh.cli.DbRefresh;
import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.StateMachines;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The history and the per-target lock through the real state machine: the lock is taken
 * after validation and released on success and on failure, a target another execution
 * holds is refused before anything is touched, and {@code dbrefresh history} shows the row.
 */
class HistoryAndLockEndToEndIT {

    @Test
    void afterASuccessfulRefreshTheLockIsGoneAndHistoryShowsTheAlignedToTime() {
        try (LocalWorld world = LocalWorld.seeded("rds-restorepoint.json", null)) {
            ExecutionResult result = world.run("e2e-history");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            assertThat(lockItem(world)).as("lock released").isEmpty();
            assertThat(world.count("StateExited", "acquire-lock")).isEqualTo(1);

            StringWriter out = new StringWriter();
            CommandLine cli = DbRefresh.commandLine();
            cli.setOut(new PrintWriter(out, true));
            int code = cli.execute("history", "--endpoint-url", Emulators.endpoint().toString(),
                    "--table", table(world), "--database", "mysqlinstd");

            assertThat(code).isZero();
            String[] lines = out.toString().split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[1]).contains("mysqlinstd", "SUCCEEDED", "mysqlinstp", "2026-01-15 03:00:00");
        }
    }

    @Test
    void afterAFailedRefreshTheLockIsReleasedToo() {
        StatusSequence statuses = new StatusSequence("mysqlinstdtemp", true, "incompatible-restore");
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", statuses)) {
            ExecutionResult result = world.run("e2e-lock-failure");

            assertThat(result.status()).isEqualTo("FAILED");
            assertThat(world.historyRows()).singleElement().satisfies(r -> assertThat(r.get("status").s()).isEqualTo("FAILED"));
            assertThat(lockItem(world)).as("lock released").isEmpty();
        }
    }

    @Test
    void aTargetHeldByARunningExecutionIsRefusedBeforeAnythingIsTouched() {
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", null)) {
            String machine = StateMachines.waiting(world.aws.sfn(), "dbrefresh");
            String holder = world.aws.sfn().startExecution(b -> b.stateMachineArn(machine).name("nightly").input("{}"))
                    .executionArn();
            world.aws.dynamoDb().putItem(b -> b.tableName(table(world)).item(Map.of(
                    "dbinstance", AttributeValue.fromS("lock#mysqlinstd"), "restoredate", AttributeValue.fromS("lock"),
                    "holder", AttributeValue.fromS(holder), "acquiredat", AttributeValue.fromS("2026-03-01T02:00:00Z"),
                    "expiresat", AttributeValue.fromN(Long.toString(java.time.Instant.now().plusSeconds(3600).getEpochSecond())))));

            ExecutionResult result = world.run("e2e-second-refresh");

            assertThat(result.status()).isEqualTo("FAILED");
            assertThat(result.error()).isEqualTo("io.dbrefresh.execution.TargetLockedException");
            assertThat(result.cause()).contains("target mysqlinstd is being refreshed by execution " + holder);
            assertThat(world.count("StateEntered", "guard-target")).as("nothing after the lock").isZero();
            assertThat(world.historyRows()).isEmpty();
            assertThat(lockItem(world).get("holder").s()).isEqualTo(holder);
            assertThat(RdsRefreshEndToEndIT.describe(world.aws.rds(), "mysqlinstd").dbInstanceStatus()).isEqualTo("available");
        }
    }

    private static String table(LocalWorld world) {
        return world.plan.tableName() != null ? world.plan.tableName() : LocalWorld.TABLE;
    }

    private static Map<String, AttributeValue> lockItem(LocalWorld world) {
        return world.aws.dynamoDb().getItem(b -> b.tableName(table(world)).key(Map.of(
                "dbinstance", AttributeValue.fromS("lock#mysqlinstd"), "restoredate", AttributeValue.fromS("lock")))).item();
    }
}
