package io.dbrefresh.refreshfile;

import java.util.Map;

/**
 * Reads delete and deletecluster. The old target's data must survive somewhere until the new
 * copy is in place, so a final snapshot is the default; turning it off draws a warning, and
 * in a production environment an error (see {@code RefreshFileReader}).
 */
final class DeleteBlocks {

    private DeleteBlocks() {
    }

    static DeleteSpec read(Blocks blocks, Map<StepId, PlannedStep> steps, Reference ref, Problems problems,
                           java.util.Set<String> retentionKeys) {
        Block delete = blocks.get(StepId.DELETE_OLD_DATABASE);
        Block deleteCluster = blocks.get(StepId.DELETE_OLD_CLUSTER);
        if (!steps.get(StepId.PERFORM_RESTORE).run()) {
            for (StepId step : new StepId[] {StepId.DELETE_OLD_DATABASE, StepId.DELETE_OLD_CLUSTER}) {
                if (steps.get(step).run()) {
                    blocks.get(step).error("torun", "deletes the old target although restore does not run: nothing would replace it");
                }
            }
        }
        // an Aurora cluster cannot be deleted while it has instances: its writer goes first, by delete
        if (ref.aurora() && steps.get(StepId.DELETE_OLD_CLUSTER).run() && !steps.get(StepId.DELETE_OLD_DATABASE).run()) {
            deleteCluster.error("torun", "deletes the old cluster although delete (its writer instance) does not run:"
                    + " RDS refuses to delete a cluster that still has instances; set delete.torun too");
        }
        // rds: the instance holds the data; aurora: the cluster does, and its instances have no snapshot of their own
        Block owner = ref.aurora() ? deleteCluster : delete;
        boolean finalSnapshot = owner == null || owner.bool("finalsnapshot", true);
        boolean lift = owner != null && owner.bool("liftdeletionprotection", false);
        String grace = gracePeriod(owner);
        if (grace != null && !ref.aurora() && steps.get(StepId.STOP_OLD_DATABASE).run()) {
            Block stop = blocks.get(StepId.STOP_OLD_DATABASE);
            stop.error("torun", "is true while delete.graceperiod keeps the old target: RDS renames only an available"
                    + " instance, and with a grace period the old target is renamed out of the way, not deleted;"
                    + " set stopdb.torun to false (the kept copy stays available for a rollback)");
        }
        SnapshotRetention retention = retention(owner, retentionKeys, steps);
        boolean afterSwap = grace == null && deletesAfterSwap(blocks, steps, ref, problems);
        return ref.aurora()
                ? new DeleteSpec(ref.instance(), ref.target(), finalSnapshot, lift, grace, retention, afterSwap)
                : new DeleteSpec(ref.target(), null, finalSnapshot, lift, grace, retention, afterSwap);
    }

    /**
     * The safe swap: the old target (rds: the instance; aurora: the cluster, with its instances) is
     * renamed out of the way, the copy renamed in, and the old one deleted with its final snapshot
     * only once the copy holds the name. It needs the copy's rename; a file whose copy never takes
     * the name (rename, or renamecluster, not run) keeps the original's delete in place, and is told so.
     * RDS renames only an available instance: stop-old-database then leaves the old target running
     * (the rename away already ends its connections under the target's name), and says so.
     */
    private static boolean deletesAfterSwap(Blocks blocks, Map<StepId, PlannedStep> steps, Reference ref, Problems problems) {
        StepId deletes = ref.aurora() ? StepId.DELETE_OLD_CLUSTER : StepId.DELETE_OLD_DATABASE;
        StepId renames = ref.aurora() ? StepId.RENAME_CLUSTER : StepId.RENAME_DATABASE;
        if (!steps.get(deletes).run() || !steps.get(StepId.PERFORM_RESTORE).run()) {
            return false;
        }
        if (!steps.get(renames).run()) {
            // a rename block found wrong is told once, as an error: how a valid file would run is moot then
            if (!problems.hasErrorUnder("/" + renames.block())) {
                blocks.get(deletes).warning("torun", "deletes the old target in place, the original order's swap, because "
                        + renames.block() + ".torun is false: the copy never takes the target's name, so the old target is not"
                        + " renamed out of the way first");
            }
            return false;
        }
        if (!ref.aurora() && steps.get(StepId.STOP_OLD_DATABASE).run() && !problems.hasErrorUnder("/" + StepId.STOP_OLD_DATABASE.block())) {
            blocks.get(StepId.STOP_OLD_DATABASE).warning("torun", "the old target is no longer stopped: the swap renames it"
                    + " out of the way (RDS renames only an available instance), which ends its connections under the"
                    + " target's name, and deletes it once the copy holds the name; the end state is the same."
                    + " Set stopdb.torun to false to silence this");
        }
        return true;
    }

    /**
     * {@code snapshotretention: {keep, days}}: at least one of the two. The final snapshot this
     * refresh takes is only there to count once delete-old's check has seen it available, so the
     * pruning runs at fix-tags, the first step after: without fix-tags nothing would prune.
     */
    private static SnapshotRetention retention(Block owner, java.util.Set<String> keys, Map<StepId, PlannedStep> steps) {
        Block b = owner == null ? null : owner.nested("snapshotretention", keys);
        if (b == null) {
            return null;
        }
        Integer keep = b.number("keep", 1, SnapshotRetention.MAX_KEEP);
        Integer days = b.number("days", 1, SnapshotRetention.MAX_DAYS);
        if (!b.has("keep") && !b.has("days")) {
            owner.error("snapshotretention", "names neither keep (the newest N final snapshots of the target) nor days"
                    + " (those younger than D days); give one or both");
            return null;
        }
        if (!steps.get(StepId.FIX_TAGS).run()) {
            owner.error("snapshotretention", "is set while fixtags.torun is false: the final snapshots are pruned at"
                    + " fix-tags, once the new one is available; run fixtags, or prune with dbrefresh cleanup");
        }
        return keep == null && days == null ? null : new SnapshotRetention(keep, days);
    }

    private static String gracePeriod(Block owner) {
        if (owner == null) {
            return null;
        }
        String given = owner.text("graceperiod");
        if (given == null) {
            return null;
        }
        String problem = GracePeriod.problem(given);
        if (problem != null) {
            owner.error("graceperiod", problem);
            return null;
        }
        return given;
    }
}
