package io.dbrefresh.local;

import java.time.Duration;
import java.util.Map;

/**
 * Shortens waits in a local execution, by state name.
 *
 * @param waits how long a Wait state pauses, instead of what its Seconds/SecondsPath/Timestamp says
 *     (the path is then not evaluated at all)
 * @param retryIntervals how long a Task waits before each retry, instead of IntervalSeconds and BackoffRate
 */
public record TimingOverrides(Map<String, Duration> waits, Map<String, Duration> retryIntervals) {

    public static final TimingOverrides NONE = new TimingOverrides(Map.of(), Map.of());

    public TimingOverrides {
        waits = Map.copyOf(waits);
        retryIntervals = Map.copyOf(retryIntervals);
    }
}
