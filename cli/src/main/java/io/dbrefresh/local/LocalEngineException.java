package io.dbrefresh.local;

/** The local engine itself could not run: node or npm missing, the install failed, the runner crashed. */
public class LocalEngineException extends RuntimeException {

    public LocalEngineException(String message) {
        super(message);
    }

    public LocalEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
