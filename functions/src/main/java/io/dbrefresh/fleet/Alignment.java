package io.dbrefresh.fleet;

import java.time.Instant;

/**
 * Whether the refreshes of a fleet restore to one common point in time, and which.
 *
 * @param aligned whether they do
 * @param at      the time the fleet file gives; null with {@code aligned}: the latest time
 *                restorable for every source, chosen once when the fleet starts
 */
public record Alignment(boolean aligned, Instant at) {

    public static final Alignment NONE = new Alignment(false, null);
    public static final Alignment LATEST_COMMON = new Alignment(true, null);

    public static Alignment at(Instant time) {
        return new Alignment(true, time);
    }

    /** In words, for the plan. */
    public String describe() {
        if (!aligned) {
            return "no (each refresh as its file says)";
        }
        return at != null ? at.toString() : "the latest time restorable for every source, chosen when the fleet starts";
    }
}
