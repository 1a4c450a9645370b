package io.dbrefresh.steps;

import io.dbrefresh.execution.RecoveryReport;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/**
 * The recovery of an execution that ended where no Catch could send it to the recovery path:
 * stopped (StopExecution), timed out, or failed outside a Task (a data limit, a runtime
 * error). It runs what that path runs, with the same handlers: recover (restart, remove the
 * copy, say where the old data is), the FAILED history row, which releases the lock when this
 * execution holds it, and one message. Each part goes on when an earlier one fails, as on the
 * recovery path, so a broken history table does not stop the message.
 */
public final class EndedExecutionRecovery {

    /** What was done: nothing (and why), or the recovery, the record and the message. */
    public record Outcome(String execution, String skipped, String failedStep, RecoveryReport recovery, String recorded,
                          String sent) {
    }

    private final Recover recover;
    private final UpdateDynamoDb record;
    private final SendMsg notify;

    public EndedExecutionRecovery(StepEnvironment env) {
        this(new Recover(env), new UpdateDynamoDb(env), new SendMsg(env));
    }

    EndedExecutionRecovery(Recover recover, UpdateDynamoDb record, SendMsg notify) {
        this.recover = recover;
        this.record = record;
        this.notify = notify;
    }

    public Outcome recover(ExecutionTrail trail) {
        String name = trail.execution().name();
        var reason = trail.noRecoveryNeeded();
        if (reason.isPresent()) {
            return new Outcome(name, reason.get(), null, null, null, null);
        }
        StepInput failed = trail.failureInput();
        RecoveryReport report;
        try {
            report = recover.handle(failed);
        } catch (RuntimeException e) {
            report = new RecoveryReport(RefreshOutcome.failedStep(failed), RefreshOutcome.error(failed), null, null, null,
                    e.getClass().getName(), e.getMessage());
        }
        StepInput recovered = new StepInput(failed.plan(), failed.results(), failed.execution(), null, "FAILED", failed.error(),
                report, null);
        String recorded = attempt(() -> record.handle(recovered));
        String sent = attempt(() -> notify.handle(recovered));
        return new Outcome(name, null, report.failedStep(), report, recorded, sent);
    }

    private static String attempt(java.util.function.Supplier<StepResult> part) {
        try {
            return part.get().message();
        } catch (RuntimeException e) {
            return "failed: " + e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
