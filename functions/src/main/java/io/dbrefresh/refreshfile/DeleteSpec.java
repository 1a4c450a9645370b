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
 * @param deleteAfterSwap         without a grace period, when the copy takes the target's name by a
 *                                rename (rds: rename runs; aurora: renamecluster runs): the old target
 *                                is renamed out of the way at the swap, as with a grace period, and
 *                                deleted (with its final snapshot when {@code finalSnapshot}) only once
 *                                the copy holds the name. False: deleted in place at the swap, the
 *                                original's order, kept for a file whose copy never takes the name
 */
public record DeleteSpec(String instance, String cluster, boolean finalSnapshot, boolean liftDeletionProtection,
                         String gracePeriod, SnapshotRetention snapshotRetention, boolean deleteAfterSwap) {

    public DeleteSpec(String instance, String cluster, boolean finalSnapshot, boolean liftDeletionProtection) {
        this(instance, cluster, finalSnapshot, liftDeletionProtection, null, null);
    }

    public DeleteSpec(String instance, String cluster, boolean finalSnapshot, boolean liftDeletionProtection,
                      String gracePeriod, SnapshotRetention snapshotRetention) {
        this(instance, cluster, finalSnapshot, liftDeletionProtection, gracePeriod, snapshotRetention, false);
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

    /**
     * True when the swap renames the old target out of the way (to {@code <target>-old-<time>})
     * rather than deleting it in place: with a grace period, and by default when the copy takes
     * the name by a rename ({@link #deleteAfterSwap}).
     */
    @JsonIgnore
    public boolean renamesAway() {
        return keepsOld() || deleteAfterSwap;
    }

    /**
     * How long a renamed-away old target is kept: the grace period; or, when it is deleted once the
     * copy holds the name, {@link #AFTER_SWAP_HOLD}, after which housekeeping may remove one a
     * failed run left behind.
     */
    @JsonIgnore
    public Duration hold() {
        return keepsOld() ? grace() : AFTER_SWAP_HOLD;
    }

    /**
     * The expiry written on an old target renamed away to be deleted after the swap: the run
     * deletes it within minutes; only one a failed run could not delete is left to housekeeping,
     * and not before the run itself (bounded to two days) has certainly ended.
     */
    public static final Duration AFTER_SWAP_HOLD = Duration.ofDays(2);

    /** The grace period, or null when the old target is deleted at the swap. */
    @JsonIgnore
    public Duration grace() {
        return gracePeriod == null ? null : GracePeriod.parse(gracePeriod);
    }
}
