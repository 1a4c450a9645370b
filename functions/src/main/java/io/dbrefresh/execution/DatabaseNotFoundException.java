package io.dbrefresh.execution;

/** A database the step needs does not exist (and its absence is not a success for this step). */
public class DatabaseNotFoundException extends RuntimeException {
    public DatabaseNotFoundException(String message) {
        super(message);
    }

    public DatabaseNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
