package io.dbrefresh.steps;

import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.history.RefreshRecord;

/** update-dynamodb: records how the refresh ended in the history table. */
public class UpdateDynamoDb extends StepHandler<StepInput, StepResult> {

    private final StepEnvironment env;
    private final HistoryTable history;

    public UpdateDynamoDb() {
        this(StepEnvironment.fromEnvironment());
    }

    public UpdateDynamoDb(StepEnvironment env) {
        this(env, new HistoryTable(env.aws().dynamoDb()));
    }

    UpdateDynamoDb(StepEnvironment env, HistoryTable history) {
        super(StepInput.class);
        this.env = env;
        this.history = history;
    }

    @Override
    protected StepResult handle(StepInput in) {
        String table = in.plan().tableName() != null ? in.plan().tableName()
                : env.historyTable() != null ? env.historyTable() : HistoryTable.DEFAULT_NAME;
        RefreshRecord row = RefreshOutcome.record(in, env.clock().instant());
        history.put(table, row);
        return new StepResult("updateDynamoDb", StepStatus.SUCCEEDED, 0, 0, row.recordingTime(), row.recordingTime(),
                "recorded " + row.status() + " in " + table, row.dbInstance(), null, row.alignedTo(), null, true);
    }
}
