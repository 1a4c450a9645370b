package io.dbrefresh.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One row of the history table. The first attributes are the original solution's (so its
 * rows stay readable: partition {@code dbinstance}, sort {@code restoredate}, appname,
 * environment, source, restoretype, snapshot, status, recordingtime); the rest answer
 * what the original could not (why it failed, what recovery did, what data it holds).
 *
 * @param restoreDate  the refresh's start time: stable across the execution, so the row can move
 *                     from RUNNING to SUCCEEDED or FAILED
 * @param alignedTo    the point in time the refreshed copy's data is aligned to
 * @param stepSeconds  how long each step that ran took, by step display name
 * @param scripts      the script report's summary (e.g. "3 run, 0 failed"), when scripts ran
 * @param downtimeSeconds measured: how long no available database answered under the target's name
 *                     (from the steps' own start and end times); null in rows written before it was recorded
 * @param exposureSeconds measured: how long production's unmasked data or admin password answered under
 *                     the target's name; null with a downtime set when the exposure has no end (the file
 *                     never masks the copy, or never changes its password)
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
        Map<String, Long> stepSeconds,
        String scripts,
        Long downtimeSeconds,
        Long exposureSeconds) {

    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    /** A row without step durations or script summary (the original's rows, a row written before any step ran). */
    public RefreshRecord(String dbInstance, Instant restoreDate, String application, String environment, String source,
                         String restoreType, String snapshot, String status, Instant recordingTime, String service,
                         String execution, Instant alignedTo, String failedStep, String error, String recovery) {
        this(dbInstance, restoreDate, application, environment, source, restoreType, snapshot, status, recordingTime,
                service, execution, alignedTo, failedStep, error, recovery, null, null, null, null);
    }

    /** A row without the measured downtime and exposure. */
    public RefreshRecord(String dbInstance, Instant restoreDate, String application, String environment, String source,
                         String restoreType, String snapshot, String status, Instant recordingTime, String service,
                         String execution, Instant alignedTo, String failedStep, String error, String recovery,
                         Map<String, Long> stepSeconds, String scripts) {
        this(dbInstance, restoreDate, application, environment, source, restoreType, snapshot, status, recordingTime,
                service, execution, alignedTo, failedStep, error, recovery, stepSeconds, scripts, null, null);
    }

    /** From start to the last recording; null while the row has no recording time. */
    public Duration duration() {
        return restoreDate == null || recordingTime == null ? null : Duration.between(restoreDate, recordingTime);
    }
}
