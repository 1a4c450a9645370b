package io.dbrefresh.fleet;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.refreshfile.Json;

/**
 * One refresh's failure in a fleet, in one short line for the fleet's history row and message:
 * the error's name and the first line of its message. Step Functions hands the fleet a child's
 * failure as {@code States.TaskFailed} with the child's whole description as the cause (its
 * input, the refresh file, included), and the child's own cause is a Lambda error document
 * with a stack trace: neither belongs in a summary a person reads, nor the file's values.
 */
public final class RefreshFailureLine {

    /** A line longer than this is cut: the fleet's state and its summary hold every failed target's (twice at the end). */
    static final int MAX_CHARS = 120;
    private static final String TASK_FAILED = "States.TaskFailed";

    private RefreshFailureLine() {
    }

    /** {@code failure} as Step Functions caught it: {@code {"Error": ..., "Cause": ...}}. */
    public static String of(JsonNode failure) {
        String error = failure == null ? "" : failure.path("Error").asText("");
        String cause = failure == null ? "" : failure.path("Cause").asText("");
        JsonNode described = TASK_FAILED.equals(error) ? json(cause) : null;
        if (described != null && described.has("Status") && described.has("ExecutionArn")) {
            // the child's own end: its error and cause, never its input or output
            String status = described.path("Status").asText();
            error = described.path("Error").asText("");
            cause = described.path("Cause").asText("");
            if (error.isEmpty()) {
                error = "execution " + status;
            }
        }
        JsonNode document = json(cause);
        if (document != null && document.hasNonNull("errorMessage")) {
            cause = document.get("errorMessage").asText();
        } else if (document != null) {
            // a JSON cause that is no Lambda error document is no line for a person
            cause = "";
        }
        String line = shortName(error.isEmpty() ? "failed" : error);
        String first = firstLine(cause);
        if (!first.isEmpty()) {
            line += ": " + first;
        }
        return line.length() > MAX_CHARS ? line.substring(0, MAX_CHARS - 3) + "..." : line;
    }

    /** A Java exception's simple name ({@code io.dbrefresh.rds.RestoreFailedException}: {@code RestoreFailedException}); other names as they are. */
    static String shortName(String error) {
        int dot = error.lastIndexOf('.');
        boolean javaClass = dot > 0 && error.matches("([a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*");
        return javaClass ? error.substring(dot + 1) : error;
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int end = trimmed.indexOf('\n');
        return (end < 0 ? trimmed : trimmed.substring(0, end)).strip();
    }

    private static JsonNode json(String text) {
        String t = text.strip();
        if (!t.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(t);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
