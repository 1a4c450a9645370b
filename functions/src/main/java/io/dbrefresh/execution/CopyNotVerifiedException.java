package io.dbrefresh.execution;

/**
 * verify-copy found the restored copy not fit to take the target's name: not available, its
 * scripts not succeeded, or its new admin password refused (or, where the verifier must reach
 * the copy, no login possible). Recovery removes the copy; the old target was never touched.
 */
public class CopyNotVerifiedException extends RuntimeException {
    public CopyNotVerifiedException(String message) {
        super(message);
    }
}
