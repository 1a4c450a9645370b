package io.dbrefresh.local;

/** Thrown by a scripted start function; the fixture's Retry names this class in full. */
public class TransientStartException extends RuntimeException {

    public TransientStartException(String message) {
        super(message);
    }
}
