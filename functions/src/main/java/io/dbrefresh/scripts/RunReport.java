package io.dbrefresh.scripts;

import java.time.Instant;
import java.util.List;

/**
 * The JSON report of one script run, kept in S3 at {@code <prefix>/reports/<execution>.json}.
 * The runner rewrites it as it goes (progress) and when it ends; the check reads it.
 *
 * @param method         "lambda" or "ec2"
 * @param deadline       when the runner will have been stopped for sure (Lambda timeout); a report
 *                       still PENDING or RUNNING after it belongs to a runner that died
 * @param commandId      ec2: the SSM command running the scripts
 * @param ec2InstanceId  ec2: the instance it runs on
 */
public record RunReport(
        String execution,
        String target,
        String engine,
        String method,
        RunStatus status,
        Instant launchedAt,
        Instant startedAt,
        Instant updatedAt,
        Instant finishedAt,
        Instant deadline,
        String bucket,
        String prefix,
        boolean continueOnError,
        boolean singleTransaction,
        List<ScriptReport> scripts,
        int statements,
        int failedStatements,
        long rowsAffected,
        long durationMillis,
        RunError error,
        List<String> warnings,
        String commandId,
        String ec2InstanceId) {

    /** A run just launched: nothing has run yet. */
    public static RunReport pending(String execution, String target, String engine, String method, Instant now,
                                    Instant deadline, String bucket, String prefix, boolean continueOnError,
                                    boolean singleTransaction, List<String> warnings) {
        return new RunReport(execution, target, engine, method, RunStatus.PENDING, now, null, now, null, deadline,
                bucket, prefix, continueOnError, singleTransaction, List.of(), 0, 0, 0, 0, null, warnings, null, null);
    }

    public RunReport withCommand(String newCommandId, String instanceId) {
        return new RunReport(execution, target, engine, method, status, launchedAt, startedAt, updatedAt, finishedAt,
                deadline, bucket, prefix, continueOnError, singleTransaction, scripts, statements, failedStatements,
                rowsAffected, durationMillis, error, warnings, newCommandId, instanceId);
    }

    public RunReport running(Instant now, Instant newDeadline) {
        return new RunReport(execution, target, engine, method, RunStatus.RUNNING, launchedAt, now, now, null,
                newDeadline == null ? deadline : newDeadline, bucket, prefix, continueOnError, singleTransaction,
                scripts, statements, failedStatements, rowsAffected, durationMillis, error, warnings, commandId,
                ec2InstanceId);
    }

    public RunReport withProgress(List<ScriptReport> newScripts, Instant now) {
        int count = 0;
        int failed = 0;
        long rows = 0;
        long millis = 0;
        for (ScriptReport s : newScripts) {
            count += s.executed();
            failed += s.failed();
            rows += s.rowsAffected();
            millis += s.durationMillis();
        }
        return new RunReport(execution, target, engine, method, status, launchedAt, startedAt, now, finishedAt,
                deadline, bucket, prefix, continueOnError, singleTransaction, List.copyOf(newScripts), count, failed,
                rows, millis, error, warnings, commandId, ec2InstanceId);
    }

    public RunReport finished(RunStatus end, RunError newError, Instant now) {
        return new RunReport(execution, target, engine, method, end, launchedAt, startedAt == null ? now : startedAt,
                now, now, deadline, bucket, prefix, continueOnError, singleTransaction, scripts, statements,
                failedStatements, rowsAffected, durationMillis, newError, warnings, commandId, ec2InstanceId);
    }

    /** One line for the step result and the history row. */
    public String summary() {
        String where = target == null ? "" : " on " + target;
        return switch (status) {
            case PENDING -> "scripts launched" + where + ", not started yet";
            case RUNNING -> "scripts running" + where + ": " + statements + " statements so far";
            case SUCCEEDED -> "ran " + scripts.size() + " script" + (scripts.size() == 1 ? "" : "s") + where + ": "
                    + statements + " statements, " + rowsAffected + " rows, " + durationMillis + " ms"
                    + (failedStatements > 0 ? ", " + failedStatements + " failed statements ignored (continueOnError)" : "");
            case FAILED -> "scripts failed" + where + ": " + (error == null ? "no detail" : error.summary());
        };
    }
}
