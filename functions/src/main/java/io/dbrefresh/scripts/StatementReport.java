package io.dbrefresh.scripts;

/**
 * One executed statement.
 *
 * @param sql            the statement, shortened for the report
 * @param rowsAffected   rows changed, or null for statements that change none (DDL, SELECT)
 * @param error          the server's message when the statement failed, else null
 * @param rolledBack     true when the statement's work was undone with its script's transaction
 */
public record StatementReport(int index, int line, String sql, Long rowsAffected, long durationMillis,
                              String error, String sqlState, Integer errorCode, Boolean rolledBack) {

    public boolean failed() {
        return error != null;
    }
}
