package io.dbrefresh.timeline;

/**
 * When a polled step's checks come. {@link #fixed} checks every so many seconds from the start,
 * as the state machine does today with {@code wait_time}; {@link #fromModel} checks first at
 * the operation's expected end (the timeline model's duration for the step), then every
 * {@link #TIGHT} seconds. For an operation that takes
 * {@code actual} seconds it says how many checks find it and how long after its end the
 * check that sees it comes (the added detection latency).
 *
 * @param expected seconds the model expects the operation to take (null: fixed polling)
 * @param every    seconds between checks: all of them when fixed, after the first otherwise
 * @param lead     how long before the expected end the first check comes
 */
public record PollSchedule(Long expected, int every, int lead) {

    /** The interval after the first check of the model-driven schedule: a quarter of a minute. */
    public static final int TIGHT = 15;

    public static PollSchedule fixed(int everySeconds) {
        return new PollSchedule(null, Math.max(1, everySeconds), 0);
    }

    public static PollSchedule fromModel(long expectedSeconds) {
        return new PollSchedule(expectedSeconds, TIGHT, 0);
    }

    /** The wait before the first check. */
    public long firstWait() {
        return expected == null ? every : Math.max(every, expected - lead);
    }

    /** Checks until the one that finds an operation of {@code actual} seconds done, that one included; at least one. */
    public long checks(long actual) {
        long first = firstWait();
        if (actual <= first) {
            return 1;
        }
        return 1 + (actual - first + every - 1) / every;
    }

    /** Seconds from the operation's end to the check that sees it. */
    public long latency(long actual) {
        long first = firstWait();
        return first + (checks(actual) - 1) * every - actual;
    }
}
