package io.dbrefresh.scripts;

/**
 * Why a run failed: the failing statement with its script and line, or (script, line and
 * statement null) a failure before any statement ran: credentials, connection, S3, syntax.
 */
public record RunError(String script, Integer line, Integer statement, String sql, String message, String sqlState,
                       Integer errorCode) {

    /** What the step result, the history row and the notification say. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        if (script != null) {
            b.append(script);
            if (line != null) {
                b.append(" line ").append(line);
            }
            if (statement != null) {
                b.append(" (statement ").append(statement).append(')');
            }
            b.append(": ");
        }
        b.append(message);
        if (sql != null) {
            b.append(" -- in: ").append(Text.abbreviate(sql, 300));
        }
        return b.toString();
    }
}
