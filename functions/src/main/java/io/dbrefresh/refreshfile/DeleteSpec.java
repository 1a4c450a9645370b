package io.dbrefresh.refreshfile;

/**
 * How the old target is deleted.
 *
 * @param finalSnapshot           take a final snapshot first (default true)
 * @param liftDeletionProtection  turn deletion protection off when it is on (default false:
 *                                a protected target makes the step fail)
 */
public record DeleteSpec(String instance, String cluster, boolean finalSnapshot, boolean liftDeletionProtection) {
}
