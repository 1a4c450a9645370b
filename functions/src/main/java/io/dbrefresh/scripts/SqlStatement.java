package io.dbrefresh.scripts;

/**
 * One statement of a script, as the server will receive it (no terminator, no leading
 * comments).
 *
 * @param index 1-based position in its script
 * @param line  1-based line of the script where the statement starts
 */
public record SqlStatement(int index, int line, String sql) {
}
