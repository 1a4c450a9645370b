package io.dbrefresh.scripts;

/** The refresh file names an engine the scripts step cannot run SQL against. */
public class UnsupportedEngineException extends RuntimeException {
    public UnsupportedEngineException(String message) {
        super(message);
    }
}
