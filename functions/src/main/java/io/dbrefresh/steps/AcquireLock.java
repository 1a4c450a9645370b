package io.dbrefresh.steps;

import java.time.Duration;
import java.time.Instant;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.execution.TargetLockedException;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.history.TargetLock;

/**
 * acquire-lock: right after validation, takes the target for this execution and writes
 * the RUNNING history row, so "what is being refreshed now" is a query. A target another
 * execution holds fails the run at once with {@link TargetLockedException}.
 */
public class AcquireLock extends StepHandler<StepInput, StepResult> {

    /** Longer than any execution can run (the definition's bound plus an hour), so a lost release expires. */
    static final Duration LOCK_LIFETIME = Duration.ofSeconds(StateNames.EXECUTION_TIMEOUT_SECONDS).plusHours(1);

    private final StepEnvironment env;
    private final TargetLock lock;
    private final HistoryTable history;

    public AcquireLock() {
        this(StepEnvironment.fromEnvironment());
    }

    public AcquireLock(StepEnvironment env) {
        this(env, new TargetLock(env.aws().dynamoDb(), new ExecutionStatusLookup(env.aws().sfn()), env.clock(), LOCK_LIFETIME),
                new HistoryTable(env.aws().dynamoDb()));
    }

    AcquireLock(StepEnvironment env, TargetLock lock, HistoryTable history) {
        super(StepInput.class);
        this.env = env;
        this.lock = lock;
        this.history = history;
    }

    @Override
    protected StepResult handle(StepInput in) {
        String table = HistoryTable.nameFor(in.plan().tableName(), env.historyTable());
        String target = in.plan().target();
        String execution = in.execution().id();
        TargetLock.Acquired taken;
        try {
            taken = lock.acquire(table, target, execution);
        } catch (TargetLock.LockHeldException e) {
            throw new TargetLockedException(e.getMessage(), e);
        }
        Instant now = env.clock().instant();
        history.put(table, RefreshOutcome.running(in, now));
        String message = taken.previous() == null ? "locked " + target
                : "locked " + target + ", taking over from ended execution " + taken.previous().execution();
        return new StepResult("acquireLock", StepStatus.SUCCEEDED, 0, 0, now, now, message, target, null, null, null, true);
    }
}
