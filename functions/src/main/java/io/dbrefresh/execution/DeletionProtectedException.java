package io.dbrefresh.execution;

/** The old target has deletion protection and the refresh file does not allow lifting it. */
public class DeletionProtectedException extends RuntimeException {
    public DeletionProtectedException(String message) {
        super(message);
    }

    public DeletionProtectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
