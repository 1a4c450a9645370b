package io.dbrefresh.history;

import java.time.Instant;

/**
 * One row of the history table. The first attributes are the original solution's (so its
 * rows stay readable: partition {@code dbinstance}, sort {@code restoredate}, appname,
 * environment, source, restoretype, snapshot, status, recordingtime); the rest answer
 * what the original could not (why it failed, what recovery did, what data it holds).
 *
 * @param restoreDate the refresh's start time: stable across the execution, so the row can move
 *                    from RUNNING to SUCCEEDED or FAILED
 * @param alignedTo   the point in time the refreshed copy's data is aligned to
 * @param scripts     what the post-refresh scripts did (scripts, statements, rows, where the report is)
 */
public record RefreshRecord(
        String dbInstance,
        Instant restoreDate,
        String application,
        String environment,
        String source,
        String restoreType,
        String snapshot,
        String status,
        Instant recordingTime,
        String service,
        String execution,
        Instant alignedTo,
        String failedStep,
        String error,
        String recovery,
        String scripts) {

    public RefreshRecord(String dbInstance, Instant restoreDate, String application, String environment, String source,
                         String restoreType, String snapshot, String status, Instant recordingTime, String service,
                         String execution, Instant alignedTo, String failedStep, String error, String recovery) {
        this(dbInstance, restoreDate, application, environment, source, restoreType, snapshot, status, recordingTime,
                service, execution, alignedTo, failedStep, error, recovery, null);
    }
}
