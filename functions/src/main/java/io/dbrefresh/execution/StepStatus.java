package io.dbrefresh.execution;

/** What a job-poller check reports; the state machine's Choice reads it. */
public enum StepStatus {
    IN_PROGRESS,
    SUCCEEDED,
    FAILED
}
