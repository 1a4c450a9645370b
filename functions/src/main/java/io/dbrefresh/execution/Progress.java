package io.dbrefresh.execution;

/** Where an operation stands (an RDS change, a password change, a rotation, a script run), as a job-poller check sees it. */
public enum Progress {
    /** The goal state is reached. */
    DONE,
    /** Not there yet; asking again later may find it done. */
    IN_PROGRESS,
    /** It will never get there by waiting: a terminal failure. */
    FAILED
}
