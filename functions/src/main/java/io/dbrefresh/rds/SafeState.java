package io.dbrefresh.rds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.StartDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * Puts an RDS instance refresh that failed back into a safe state, touching only what the
 * failed execution itself changed or created: an old target it stopped is started again; a
 * temp copy it created (tagged with its execution) is deleted, but only while the old data
 * still exists elsewhere (the old target, or its final snapshot). When a step's result was lost,
 * the marks the step put on the old target first ({@link RefreshTags#STOPPED_BY},
 * {@link RefreshTags#DELETED_BY}) say what it did. Safe to run twice.
 */
public final class SafeState {

    private final RdsClient rds;

    public SafeState(RdsClient rds) {
        this.rds = rds;
    }

    /** Over the client {@code instances} reads through. */
    public static SafeState over(RdsInstances instances) {
        return new SafeState(instances.client());
    }

    /**
     * @param stoppedByUs  this execution stopped the old target
     * @param finalSnapshot the old target's final snapshot, when delete-old-database took one
     * @return one line per action taken
     */
    public List<String> restore(String target, String temp, String execution, boolean stoppedByUs, String finalSnapshot,
                                boolean keepTemp) {
        return restore(target, temp, execution, stoppedByUs, finalSnapshot, keepTemp, false);
    }

    /**
     * @param oldKept the old target is kept under another name (a grace period): its data is safe
     *                there, see {@link #bringBackKept}
     */
    public List<String> restore(String target, String temp, String execution, boolean stoppedByUs, String finalSnapshot,
                                boolean keepTemp, boolean oldKept) {
        List<String> actions = new ArrayList<>();
        Optional<DBInstance> old = describe(target);
        boolean oldIsOurs = old.map(i -> taggedWith(i, execution)).orElse(false);
        // the stop's mark says so too when the step's result was lost after the call went through
        boolean stopped = stoppedByUs || old.map(i -> tagged(i, RefreshTags.STOPPED_BY, execution)).orElse(false);
        if (stopped && old.isPresent() && !oldIsOurs && "stopped".equals(old.get().dbInstanceStatus())) {
            rds.startDBInstance(StartDbInstanceRequest.builder().dbInstanceIdentifier(target).build());
            actions.add("started the old target " + target + " again");
        }
        Optional<DBInstance> tempCopy = describe(temp);
        if (tempCopy.isPresent() && taggedWith(tempCopy.get(), execution)) {
            // an old target being deleted holds the data only until its deletion ends: without a
            // final snapshot, the copy is then the last one, and stays
            boolean oldStays = old.isPresent() && !oldIsOurs && !InstanceStatus.GOING_AWAY.contains(old.get().dbInstanceStatus());
            boolean oldDataSafe = oldStays || finalSnapshot != null || oldKept;
            if (keepTemp) {
                actions.add("kept the temp copy " + temp + " as the refresh file asks");
            } else if (!oldDataSafe) {
                actions.add("kept the temp copy " + temp + ": the old target is gone or being deleted and has no final snapshot,"
                        + " it holds the only copy");
            } else if (!"deleting".equals(tempCopy.get().dbInstanceStatus())) {
                // the copy inherits the old target's deletion protection; it is this run's own copy to remove
                if (Boolean.TRUE.equals(tempCopy.get().deletionProtection())) {
                    rds.modifyDBInstance(ModifyDbInstanceRequest.builder().dbInstanceIdentifier(temp).deletionProtection(false)
                            .applyImmediately(true).build());
                }
                IdempotentDelete.instance(rds, DeleteDbInstanceRequest.builder().dbInstanceIdentifier(temp).skipFinalSnapshot(true)
                        .deleteAutomatedBackups(true).build());
                actions.add("deleted the temp copy " + temp + " this run created");
            }
        }
        return actions;
    }

    /**
     * The final snapshot this execution's delete-old-database took, for when its result was
     * lost after the call went through: the mark on the old target while it is being deleted, or,
     * once it is gone, a manual snapshot of it named as final snapshots are and created since the
     * execution started. Null when there is none.
     */
    public String finalSnapshotTaken(String target, String execution, Instant since) {
        Optional<DBInstance> old = describe(target);
        if (old.isPresent()) {
            boolean beingDeletedByUs = InstanceStatus.GOING_AWAY.contains(old.get().dbInstanceStatus())
                    && tagged(old.get(), RefreshTags.DELETED_BY, execution);
            return beingDeletedByUs ? tag(old.get(), RefreshTags.FINAL_SNAPSHOT) : null;
        }
        if (since == null) {
            return null;
        }
        try {
            return rds.describeDBSnapshots(DescribeDbSnapshotsRequest.builder().dbInstanceIdentifier(target).snapshotType("manual").build())
                    .dbSnapshots().stream()
                    .filter(s -> s.dbSnapshotIdentifier().contains("-final-") && s.snapshotCreateTime() != null
                            && !s.snapshotCreateTime().isBefore(since))
                    .max(Comparator.comparing(DBSnapshot::snapshotCreateTime))
                    .map(DBSnapshot::dbSnapshotIdentifier).orElse(null);
        } catch (DbSnapshotNotFoundException e) {
            return null;
        }
    }

    /**
     * With a grace period: the old target this execution renamed out of the way, if it is still
     * kept, goes back under its name when nothing else holds it (the swap failed before the copy
     * took the name). Returns the actions, and whether a kept copy of this execution exists.
     */
    public Kept bringBackKept(String target, String execution) {
        OldCopies copies = new OldCopies(new RdsInstances(rds));
        Optional<OldCopies.Copy> kept = copies.keptBy(target, execution);
        if (kept.isEmpty()) {
            // nothing kept, but a refused rename away may have left its marks on the old target
            return new Kept(false, null, copies.bringBack(target, execution));
        }
        List<String> actions = copies.bringBack(target, execution);
        boolean stillKept = copies.keptBy(target, execution).isPresent();
        return new Kept(true, stillKept ? kept.get().name() : null, actions);
    }

    /** @param keptAs the name the old target is still kept under, or null when it is back under its own */
    public record Kept(boolean found, String keptAs, List<String> actions) {
    }

    /** Where the old target's data is now, in words. */
    public String oldDataAt(String target, String execution, String finalSnapshot) {
        Optional<DBInstance> old = describe(target);
        if (old.isPresent() && !taggedWith(old.get(), execution)) {
            return "instance " + target + " (" + old.get().dbInstanceStatus() + ")";
        }
        if (finalSnapshot != null) {
            return "final snapshot " + finalSnapshot;
        }
        return old.isPresent() ? "instance " + target + " (refreshed by this run)" : "nowhere: the old target did not exist";
    }

    private Optional<DBInstance> describe(String id) {
        try {
            return rds.describeDBInstances(DescribeDbInstancesRequest.builder().dbInstanceIdentifier(id).build())
                    .dbInstances().stream().findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static boolean taggedWith(DBInstance i, String execution) {
        return RefreshTags.createdBy(RefreshTags.fromSdk(i.tagList()), execution);
    }

    private static boolean tagged(DBInstance i, String key, String value) {
        return value.equals(tag(i, key));
    }

    private static String tag(DBInstance i, String key) {
        List<Tag> tags = i.tagList();
        return tags == null ? null : tags.stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }
}
