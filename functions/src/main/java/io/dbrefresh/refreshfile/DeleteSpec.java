package io.dbrefresh.refreshfile;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * How the old target leaves at the swap.
 *
 * @param finalSnapshot           take a final snapshot first (default true); with a grace
 *                                period: when the kept copy is removed at its expiry
 * @param liftDeletionProtection  turn deletion protection off when it is on (default false:
 *                                a protected target makes the step fail)
 * @param gracePeriod             null: the old target is deleted at the swap (the original's
 *                                behaviour); otherwise how long it is kept, renamed out of the
 *                                way, for {@code dbrefresh rollback}, as written in the file
 *                                ({@code "3d"}, {@code "12h"})
 * @param snapshotRetention       null: dbrefresh removes none of the target's final snapshots;
 *                                otherwise how many (or how long) it keeps of those it made
 */
public record DeleteSpec(String instance, String cluster, boolean finalSnapshot, boolean liftDeletionProtection,
                         String gracePeriod, SnapshotRetention snapshotRetention) {

    public DeleteSpec(String instance, String cluster, boolean finalSnapshot, boolean liftDeletionProtection) {
        this(instance, cluster, finalSnapshot, liftDeletionProtection, null, null);
    }

    public DeleteSpec(String instance, String cluster, boolean finalSnapshot, boolean liftDeletionProtection,
                      String gracePeriod) {
        this(instance, cluster, finalSnapshot, liftDeletionProtection, gracePeriod, null);
    }

    /** True when the old target is kept under another name instead of being deleted at the swap. */
    @JsonIgnore
    public boolean keepsOld() {
        return gracePeriod != null;
    }

    /** The grace period, or null when the old target is deleted at the swap. */
    @JsonIgnore
    public Duration grace() {
        return gracePeriod == null ? null : GracePeriod.parse(gracePeriod);
    }
}
