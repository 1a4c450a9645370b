package io.dbrefresh.fleet;

import java.time.Duration;

import io.dbrefresh.history.RefreshRecord;

/**
 * How fresh one database of a fleet is: its last successful refresh, its last refresh of any
 * outcome, and the verdict against the fleet's freshness target.
 *
 * @param lastSuccess the newest SUCCEEDED refresh, or null when it was never refreshed
 * @param last        the newest refresh of any status, or null
 * @param age         how old the copy's data is: from the time it is aligned to (else the refresh's
 *                    start) to now; null when never refreshed
 * @param fresh       whether it meets the target: refreshed, its last refresh did not fail, and
 *                    (with a maxage) not older than it
 * @param reason      why it is stale, or what it meets
 */
public record TargetFreshness(FleetMember member, RefreshRecord lastSuccess, RefreshRecord last, Duration age, boolean fresh,
                              String reason) {
}
