package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dbrefresh.local.ExecutionResult;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/** The job poller against the statuses a real restore goes through, and a restore that fails. */
class RestoreStatusEndToEndIT {

    @Test
    void restoreThatIsCreatingThenBackingUp_isPolledUntilAvailable() {
        StatusSequence statuses = new StatusSequence("mysqlinstdtemp", false, "creating", "backing-up");
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", statuses)) {
            ExecutionResult result = world.run("e2e-status-sequence");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            assertThat(statuses.exhausted()).isTrue();
            // creating, backing-up, then moto's own "available"
            assertThat(world.count("StateExited", "perform-restore: check")).isEqualTo(3);
            assertThat(world.count("StateEntered", "perform-restore: wait")).isEqualTo(3);
        }
    }

    @Test
    void restoreThatTurnsIncompatible_failsAtOnceRecordsAndNotifies() {
        StatusSequence statuses = new StatusSequence("mysqlinstdtemp", true, "incompatible-restore");
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", statuses)) {
            ExecutionResult result = world.run("e2e-incompatible-restore");

            assertThat(result.status()).isEqualTo("FAILED");
            // a terminal status is not polled again
            assertThat(world.count("StateExited", "perform-restore: check")).isEqualTo(1);
            assertThat(world.count("StateEntered", "delete-old-database")).isZero();

            List<Map<String, AttributeValue>> rows = world.historyRows();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("status").s()).isEqualTo("FAILED");
            assertThat(rows.get(0).get("failedstep").s()).isEqualTo("perform-restore");
            assertThat(rows.get(0).get("error").s()).contains("incompatible-restore");
            assertThat(world.account.notifications()).singleElement().asString()
                    .contains("Status: FAILED").contains("incompatible-restore");

            // recovery: the old target this run stopped runs again, the broken temp copy is gone
            assertThat(RdsRefreshEndToEndIT.describe(world.aws.rds(), "mysqlinstd").dbInstanceStatus()).isEqualTo("available");
            assertThatThrownBy(() -> RdsRefreshEndToEndIT.describe(world.aws.rds(), "mysqlinstdtemp"))
                    .isInstanceOf(DbInstanceNotFoundException.class);
        }
    }
}
