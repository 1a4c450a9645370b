package io.dbrefresh.execution;

/**
 * Another execution is refreshing the same target. The state machine fails at once on it,
 * before anything is touched; the message names the execution holding the target.
 */
public class TargetLockedException extends RuntimeException {

    public TargetLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
