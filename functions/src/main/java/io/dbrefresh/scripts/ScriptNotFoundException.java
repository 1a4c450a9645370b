package io.dbrefresh.scripts;

/** A script the refresh file lists is not in its bucket (or cannot be read). */
public class ScriptNotFoundException extends RuntimeException {
    public ScriptNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
