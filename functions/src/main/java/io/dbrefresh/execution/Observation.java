package io.dbrefresh.execution;

/** What one look at a resource found: how far the operation is, and a sentence saying why. */
public record Observation(Progress progress, String message) {

    public static Observation done(String message) {
        return new Observation(Progress.DONE, message);
    }

    public static Observation inProgress(String message) {
        return new Observation(Progress.IN_PROGRESS, message);
    }

    public static Observation failed(String message) {
        return new Observation(Progress.FAILED, message);
    }
}
