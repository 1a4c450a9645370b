package io.dbrefresh.execution;

/** A job-poller step did not finish within its bound (polls x wait); names the step and how long it waited. */
public class StepTimeoutException extends RuntimeException {
    public StepTimeoutException(String message) {
        super(message);
    }

    public StepTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
