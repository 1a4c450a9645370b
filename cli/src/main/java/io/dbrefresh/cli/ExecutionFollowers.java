package io.dbrefresh.cli;

import java.time.Duration;

/** What following an execution on AWS shares between {@code start} and {@code status}. */
final class ExecutionFollowers {

    /** Between two history polls: a step's own wait is rarely shorter, and the API is rate limited. */
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private ExecutionFollowers() {
    }

    static ExecutionFollower.Sleeper realSleeper() {
        return d -> Thread.sleep(d.toMillis());
    }
}
