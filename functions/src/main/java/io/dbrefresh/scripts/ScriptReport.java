package io.dbrefresh.scripts;

import java.util.List;

/**
 * One script of a run.
 *
 * @param key         the key as the refresh file lists it
 * @param objectKey   the S3 object it was read from
 * @param sha256      hex SHA-256 of the bytes that ran, to prove which version ran
 * @param statements  statements found in the script; {@code executed} says how many ran
 * @param details     per-statement results: the first {@value #MAX_DETAILS} and every failure
 */
public record ScriptReport(String key, String objectKey, String sha256, long bytes, int statements, int executed,
                           int failed, long rowsAffected, long durationMillis, List<StatementReport> details) {

    public static final int MAX_DETAILS = 1000;
}
