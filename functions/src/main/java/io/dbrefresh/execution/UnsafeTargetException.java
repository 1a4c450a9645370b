package io.dbrefresh.execution;

/** The refresh would touch a database it must never touch (a source, a protected target). */
public class UnsafeTargetException extends RuntimeException {
    public UnsafeTargetException(String message) {
        super(message);
    }

    public UnsafeTargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
