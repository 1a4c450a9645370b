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

    static DeleteSpec read(Blocks blocks, Map<StepId, PlannedStep> steps, Reference ref) {
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
        return ref.aurora()
                ? new DeleteSpec(ref.instance(), ref.target(), finalSnapshot, lift, grace)
                : new DeleteSpec(ref.target(), null, finalSnapshot, lift, grace);
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
