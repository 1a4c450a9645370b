package io.dbrefresh.cli;

import java.time.Duration;

/** What following an execution on AWS shares between {@code start} and {@code status}. */
public final class ExecutionFollowers {

    /** Between two history polls: a step's own wait is rarely shorter, and the API is rate limited. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    private ExecutionFollowers() {
    }

    public static ExecutionFollower.Sleeper realSleeper() {
        return d -> Thread.sleep(d.toMillis());
    }
}
