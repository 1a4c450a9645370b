package io.dbrefresh.local;

import java.util.List;

/**
 * How a local execution ended.
 *
 * @param status {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT} or {@code ABORTED}, as on AWS
 * @param output the execution's output as JSON, when it succeeded
 * @param error the error name, when it did not
 * @param cause the error cause, when it did not
 * @param events the execution's history, in order
 * @param engineLog what the node process wrote to stderr
 */
public record ExecutionResult(
        String status,
        String output,
        String error,
        String cause,
        List<ExecutionEvent> events,
        String engineLog) {

    public ExecutionResult {
        events = List.copyOf(events);
    }

    public boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }
}
