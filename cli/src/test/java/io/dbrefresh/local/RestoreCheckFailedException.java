package io.dbrefresh.local;

/** Thrown by a scripted check function; no Retry names it, so only the Catch sees it. */
public class RestoreCheckFailedException extends RuntimeException {

    public RestoreCheckFailedException(String message) {
        super(message);
    }
}
