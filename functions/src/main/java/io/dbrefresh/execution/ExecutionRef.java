package io.dbrefresh.execution;

/**
 * The execution a handler works for: its ARN (Step Functions' {@code $$.Execution.Id}).
 * Resources a step creates are tagged with it so a retried start finds them again.
 */
public record ExecutionRef(String id, String name, java.time.Instant startTime) {

    public ExecutionRef(String id, String name) {
        this(id, name, null);
    }

    /** The short, tag-friendly form: the execution name (last ARN field). */
    public String shortName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        int i = id == null ? -1 : id.lastIndexOf(':');
        return i < 0 ? id : id.substring(i + 1);
    }
}
