package io.dbrefresh.scripts;

/**
 * A script cannot be split into statements (an unterminated string, comment or dollar-quoted
 * body; a client command the runner does not support). The message names the line.
 */
public class ScriptSyntaxException extends RuntimeException {
    private final int line;

    public ScriptSyntaxException(String message, int line) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
