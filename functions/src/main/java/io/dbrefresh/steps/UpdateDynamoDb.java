package io.dbrefresh.steps;

import java.util.Optional;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.history.TargetLock;

/**
 * update-dynamodb: records how the refresh ended in the history table, then lets the
 * target go. Both the success and the failure path end here, so this is the one release;
 * a run that never gets here (aborted, or this write failed) leaves a lock that expires.
 */
public class UpdateDynamoDb extends StepHandler<StepInput, StepResult> {

    private final StepEnvironment env;
    private final HistoryTable history;
    private final TargetLock lock;

    public UpdateDynamoDb() {
        this(StepEnvironment.fromEnvironment());
    }

    public UpdateDynamoDb(StepEnvironment env) {
        // it only releases, and a release never asks whether the holder still runs: no Step Functions client, so its
        // function needs neither that grant nor that SDK module in its jar
        this(env, new HistoryTable(env.aws().dynamoDb()), new TargetLock(env.aws().dynamoDb(),
                execution -> Optional.empty(), env.clock(), AcquireLock.LOCK_LIFETIME));
    }

    UpdateDynamoDb(StepEnvironment env, HistoryTable history, TargetLock lock) {
        super(StepInput.class);
        this.env = env;
        this.history = history;
        this.lock = lock;
    }

    @Override
    protected StepResult handle(StepInput in) {
        String table = HistoryTable.nameFor(in.plan().tableName(), env.historyTable());
        RefreshRecord row = RefreshOutcome.record(in, env.clock().instant());
        history.put(table, row);
        boolean released = in.execution() != null && lock.release(table, row.dbInstance(), in.execution().id());
        return new StepResult("updateDynamoDb", StepStatus.SUCCEEDED, 0, 0, row.recordingTime(), row.recordingTime(),
                "recorded " + row.status() + " in " + table + (released ? ", released " + row.dbInstance() : ""),
                row.dbInstance(), null, row.alignedTo(), null, true);
    }
}
