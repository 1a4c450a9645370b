package io.dbrefresh.execution;

/** An RDS operation reached a terminal failure status (failed, incompatible-restore, ...). */
public class RestoreFailedException extends RuntimeException {
    public RestoreFailedException(String message) {
        super(message);
    }

    public RestoreFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
