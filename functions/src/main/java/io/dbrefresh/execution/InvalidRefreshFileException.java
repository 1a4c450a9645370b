package io.dbrefresh.execution;

/** The refresh file has errors; all of them are in the message, each with its JSON path. */
public class InvalidRefreshFileException extends RuntimeException {
    public InvalidRefreshFileException(String message) {
        super(message);
    }

    public InvalidRefreshFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
