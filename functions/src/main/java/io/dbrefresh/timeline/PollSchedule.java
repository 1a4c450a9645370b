package io.dbrefresh.timeline;

import io.dbrefresh.refreshfile.PlannedStep;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;

/**
 * When a polled step's checks come. {@link #fixed} checks every so many seconds from the start
 * (the state machine's schedule before the model drew it: every {@code wait_time}); {@link #fromModel} checks first at
 * the operation's expected end (the timeline model's duration for the step), then every
 * {@code every} seconds, at most {@link #TIGHT}: the schedule the check step follows ({@link #forStep}). For an operation that takes
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

    /** The size assumed when RDS does not give one (an Aurora cluster): what {@code plan --timeline} assumes too. */
    public static final double DEFAULT_SIZE_GIB = 100;

    public static PollSchedule fixed(int everySeconds) {
        return new PollSchedule(null, Math.max(1, everySeconds), 0);
    }

    public static PollSchedule fromModel(long expectedSeconds) {
        return fromModel(expectedSeconds, TIGHT);
    }

    /** First at the expected end, then every {@code everySeconds}, never more than {@link #TIGHT}. */
    public static PollSchedule fromModel(long expectedSeconds, int everySeconds) {
        return new PollSchedule(expectedSeconds, Math.max(1, Math.min(everySeconds, TIGHT)), 0);
    }

    /**
     * The schedule of {@code step}'s checks in a refresh of {@code plan}: the first at the end the
     * model expects with the default durations for a copy of {@code sizeGiB}, then every
     * {@code wait_time} seconds, at most {@link #TIGHT}.
     */
    public static PollSchedule forStep(RefreshPlan plan, StepId step, double sizeGiB) {
        PlannedStep planned = plan.step(step);
        long expected = Math.round(Timeline.expected(plan, step, OperationDurations.defaultTable(), sizeGiB));
        return fromModel(expected, planned == null ? TIGHT : planned.waitSeconds());
    }

    /** The wait before the first check. */
    public long firstWait() {
        return expected == null ? every : Math.max(1, expected - lead);
    }

    /** The wait before the first check of a step bounded by {@code timeout} seconds: the last check comes at the bound. */
    public long firstWait(long timeout) {
        return Math.max(1, Math.min(firstWait(), timeout));
    }

    /**
     * The wait after a check, {@code elapsed} seconds into the step, that found its operation under
     * way; zero or less when the step's {@code timeout} is reached.
     */
    public long nextWait(long elapsed, long timeout) {
        return Math.min(every, timeout - elapsed);
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
