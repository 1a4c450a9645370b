package io.dbrefresh.testing;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.DeleteSpec;
import io.dbrefresh.refreshfile.PlannedStep;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.ReplicaSpec;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.SourceAccount;
import io.dbrefresh.refreshfile.StepId;

/** Refresh plans for tests, built with the model's constructors (the parser is not involved). */
public final class Plans {

    private Plans() {
    }

    /** A restore of {@code source} into {@code target + "temp"} with no option set. */
    public static RestoreSpec restore(RestoreType type, String source, String target, Instant restoreTime, String snapshot,
                                      String kmsKeyId) {
        return new RestoreSpec(type, source, target, target + "temp", restoreTime, snapshot, kmsKeyId,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** As {@link #restore(RestoreType, String, String, Instant, String, String)}, from a source in {@code sourceAccount}. */
    public static RestoreSpec restoreAcrossAccounts(RestoreType type, String source, String target, Instant restoreTime, String snapshot,
                                                    SourceAccount sourceAccount) {
        return new RestoreSpec(type, source, target, target + "temp", restoreTime, snapshot, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, false, null, null, sourceAccount);
    }

    public static RestoreSpec restore(RestoreType type, String source, String target) {
        return restore(type, source, target, null, null, null);
    }

    /** A restore with every RDS option the refresh file can set, each to a non-default value. */
    public static RestoreSpec restoreWithEveryOption(RestoreType type, String source, String target, Instant restoreTime,
                                                     String snapshot) {
        return new RestoreSpec(type, source, target, target + "temp", restoreTime, snapshot, null,
                3307, "nonprod-subnets", true, List.of("error", "slowquery"), true, true, List.of("sg-0a1b", "sg-0c2d"),
                true, "appdb", "db.r6g.large", false, "io1", 3000, "nonprod-params", null, null, null, null);
    }

    public static RefreshPlan plan(String source, String target, RestoreSpec restore, DeleteSpec delete, ReplicaSpec replicas) {
        return plan(source, target, restore, delete, replicas, 60, 5);
    }

    /** Every step runs and is checked, at most every {@code waitSeconds}, for at most {@code waitSeconds x maxPolls} seconds. */
    public static RefreshPlan plan(String source, String target, RestoreSpec restore, DeleteSpec delete, ReplicaSpec replicas,
                                   int waitSeconds, int maxPolls) {
        Map<StepId, PlannedStep> steps = new EnumMap<>(StepId.class);
        for (StepId id : StepId.values()) {
            steps.put(id, new PlannedStep(id, true, waitSeconds, maxPolls, true));
        }
        return new RefreshPlan(DbService.RDS, source, target, target, "billing", "qa", null, steps, restore, null,
                delete, replicas, null, null, null, null, List.of());
    }

    public static DeleteSpec delete(String target, boolean finalSnapshot, boolean liftDeletionProtection) {
        return new DeleteSpec(target, null, finalSnapshot, liftDeletionProtection);
    }

    public static ReplicaSpec replicasAsBefore() {
        return new ReplicaSpec(List.of(), null, null, null, null, null);
    }
}
