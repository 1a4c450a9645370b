package io.dbrefresh.scripts;

/** Where a script run is: launched but not begun, running, or finished one way or the other. */
public enum RunStatus {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
