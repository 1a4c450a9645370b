package io.dbrefresh.fleet;

/** The fleet cannot be aligned: a source has no restorable time, or no snapshot at or before the common time. */
public final class AlignmentException extends RuntimeException {
    public AlignmentException(String message) {
        super(message);
    }
}
