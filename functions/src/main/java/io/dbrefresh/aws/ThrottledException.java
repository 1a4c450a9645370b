package io.dbrefresh.aws;

/** AWS kept throttling after the SDK's retries; the state machine retries the Task later. */
public class ThrottledException extends RuntimeException {
    public ThrottledException(String message, Throwable cause) {
        super(message, cause);
    }
}
