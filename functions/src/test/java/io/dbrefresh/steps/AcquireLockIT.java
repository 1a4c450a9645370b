package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.TargetLockedException;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.history.TargetLock;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.Plans;
import io.dbrefresh.testing.StateMachines;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * acquire-lock and update-dynamodb against moto's DynamoDB and Step Functions: the lock,
 * the RUNNING row that becomes SUCCEEDED in place, and the takeover of a lock whose holder
 * Step Functions reports as ended.
 */
class AcquireLockIT {

    private static final String TABLE = "dbrefresh-history-it";
    private static final Instant STARTED = Instant.parse("2026-03-01T02:00:00Z");

    private AwsClients aws;
    private StepEnvironment env;
    private HistoryTable history;
    private RefreshPlan plan;

    @BeforeEach
    void tableAndPlan() {
        Emulators.reset();
        aws = Emulators.clients();
        env = new StepEnvironment(aws, Clock.fixed(STARTED.plusSeconds(2), ZoneOffset.UTC), 0, TABLE, null);
        history = new HistoryTable(aws.dynamoDb());
        history.create(TABLE);
        plan = Plans.plan("shopprod", "shopqa", Plans.restore(RestoreType.LATEST_POINT, "shopprod", "shopqa"), null, null);
    }

    @Test
    void takingTheLockWritesARunningRowThatUpdateDynamoDbTurnsIntoSucceededAndReleases() {
        String execution = "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:nightly";
        StepInput in = new StepInput(plan, Map.of(), new ExecutionRef(execution, "nightly", STARTED), null, null, null);

        new AcquireLock(env).handle(in);
        assertThat(history.byDatabase(TABLE, "shopqa", null, 0)).singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(RefreshRecord.RUNNING);
                    assertThat(r.execution()).isEqualTo(execution);
                });

        new UpdateDynamoDb(env).handle(new StepInput(plan, Map.of(), new ExecutionRef(execution, "nightly", STARTED),
                StepId.UPDATE_DYNAMODB, "SUCCEEDED", null));

        assertThat(history.byDatabase(TABLE, "shopqa", null, 0)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(RefreshRecord.SUCCEEDED));
        assertThat(lock().holder(TABLE, "shopqa")).isEmpty();
    }

    @Test
    void aSecondExecutionOfTheSameTargetFailsNamingTheFirst() {
        String first = startExecution("first");
        new AcquireLock(env).handle(new StepInput(plan, Map.of(), new ExecutionRef(first, "first", STARTED), null, null, null));

        StepInput second = new StepInput(plan, Map.of(), new ExecutionRef(first.replace("first", "second"), "second",
                STARTED.plusSeconds(30)), null, null, null);

        assertThatThrownBy(() -> new AcquireLock(env).handle(second))
                .isInstanceOf(TargetLockedException.class)
                .hasMessageContaining("target shopqa is being refreshed by execution " + first);
        assertThat(history.byDatabase(TABLE, "shopqa", null, 0)).hasSize(1);
    }

    @Test
    void aLockHeldByAnAbortedExecutionIsTakenOver() {
        String first = startExecution("first");
        new AcquireLock(env).handle(new StepInput(plan, Map.of(), new ExecutionRef(first, "first", STARTED), null, null, null));
        aws.sfn().stopExecution(b -> b.executionArn(first));
        String second = first.replace(":first", ":second");

        new AcquireLock(env).handle(new StepInput(plan, Map.of(), new ExecutionRef(second, "second", STARTED.plusSeconds(60)),
                null, null, null));

        assertThat(lock().holder(TABLE, "shopqa")).map(TargetLock.Holder::execution).contains(second);
    }

    @Test
    void updateDynamoDbLeavesALockHeldByAnotherExecution() {
        String first = "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:first";
        new AcquireLock(env).handle(new StepInput(plan, Map.of(), new ExecutionRef(first, "first", STARTED), null, null, null));

        new UpdateDynamoDb(env).handle(new StepInput(plan, Map.of(),
                new ExecutionRef(first.replace("first", "other"), "other", STARTED), StepId.UPDATE_DYNAMODB, "FAILED", null));

        assertThat(lock().holder(TABLE, "shopqa")).map(TargetLock.Holder::execution).contains(first);
    }

    private TargetLock lock() {
        return new TargetLock(aws.dynamoDb(), arn -> java.util.Optional.empty(), env.clock(), AcquireLock.LOCK_LIFETIME);
    }

    /** A real execution in moto's Step Functions, RUNNING until stopped. */
    private String startExecution(String name) {
        SfnClient sfn = aws.sfn();
        String machine = StateMachines.waiting(sfn, "dbrefresh");
        return sfn.startExecution(b -> b.stateMachineArn(machine).name(name).input("{}")).executionArn();
    }
}
