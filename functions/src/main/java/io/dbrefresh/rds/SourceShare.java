package io.dbrefresh.rds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.execution.DatabaseNotFoundException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.refreshfile.RdsArn;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/**
 * What a cross-account refresh makes in the source account before the restore: a snapshot the
 * target account can restore, chosen by the restore type and made by the source-account role.
 * <ul>
 * <li>fromsnapshot: the named snapshot (or the source's newest), copied re-encrypted with the sharing key;</li>
 * <li>latestpoint: a fresh snapshot of the source, then its re-encrypted copy;</li>
 * <li>restorepoint: the newest automated snapshot at or before the point, copied; the data is
 *     aligned to that snapshot's time, which the result says (a snapshot cannot be rolled forward
 *     to the point from another account);</li>
 * <li>fastcloning (Aurora): no copy, the cluster itself shared through AWS RAM ({@link SharedClusters});
 *     the target clones it by its ARN.</li>
 * </ul>
 * The copy is shared with the target account once available; its ARN is what the target restores.
 * Every call is idempotent and reads how far it got from the source account itself (the
 * snapshots it finds under this execution's names), so the job poller's start and check both
 * call {@link #advance}. {@link #remove} takes everything away again, success or failure.
 */
public final class SourceShare {

    private final SourceSnapshotCopies copies;
    private final SharedClusters clusters;

    /** Snapshot copies only: a clone across accounts is refused. */
    public SourceShare(SourceSnapshotCopies copies) {
        this(copies, null);
    }

    public SourceShare(SourceSnapshotCopies copies, SharedClusters clusters) {
        this.copies = copies;
        this.clusters = clusters;
    }

    /**
     * How far the shared copy is.
     *
     * @param observation IN_PROGRESS while something is being made, DONE once the copy is shared, FAILED on a terminal status
     * @param sharedArn   the shared copy's ARN, for the restore in the target account (once DONE)
     * @param alignedTo   the time the copied data is of (the snapshot's creation), once known
     * @param from        the snapshot of the source that is copied, once known
     */
    public record Sharing(Observation observation, String sharedArn, Instant alignedTo, String from) {

        public boolean done() {
            return observation.progress() == Progress.DONE;
        }
    }

    /** Names of what this execution makes: the copy that is shared, and a fresh snapshot for a latest point. */
    public static String copyName(RestoreSpec spec, String execution) {
        return SourceSnapshotCopies.copyName(RdsArn.nameOf(spec.source()), execution);
    }

    /**
     * The ARN of the copy shared for {@code execution}: a snapshot of the source account in this
     * region (sharing holds within a region), in the role's partition. perform-restore restores it.
     */
    public static String sharedArn(RestoreSpec spec, boolean aurora, String region, String execution) {
        String partition = spec.sourceAccount().roleArn().split(":", 3)[1];
        String inSource = "arn:" + partition + ":rds:" + region + ":" + spec.sourceAccount().accountId() + ":";
        // a clone names the shared cluster itself
        return spec.restoreType() == RestoreType.FAST_CLONING ? inSource + "cluster:" + RdsArn.nameOf(spec.source())
                : inSource + (aurora ? "cluster-snapshot" : "snapshot") + ":" + copyName(spec, execution);
    }

    static String freshName(RestoreSpec spec, String execution) {
        return SourceSnapshotCopies.copyName(RdsArn.nameOf(spec.source()), execution + "-now");
    }

    /** Starts, or carries on with, the shared copy for {@code spec}: call until DONE. */
    public Sharing advance(RestoreSpec spec, boolean aurora, String execution) {
        if (spec.restoreType() == RestoreType.FAST_CLONING) {
            return advanceClone(spec, execution);
        }
        return aurora ? advanceCluster(spec, execution) : advanceInstance(spec, execution);
    }

    /** Unshares and deletes every copy and fresh snapshot this execution made in the source account. */
    public List<String> remove(String execution) {
        return copies.removeCopies(execution);
    }

    /** As {@link #remove(String)}, and for a clone the AWS RAM share of the source cluster made for {@code execution}. */
    public List<String> remove(RestoreSpec spec, String execution) {
        List<String> done = new ArrayList<>(copies.removeCopies(execution));
        if (spec.restoreType() == RestoreType.FAST_CLONING && clusters != null) {
            done.addAll(clusters.remove(RdsArn.nameOf(spec.source()), execution));
        }
        return done;
    }

    /**
     * What earlier refreshes left in the source account and no refresh can still use (their own
     * removal failed or never ran): copies and, where AWS RAM is reachable, cluster shares.
     */
    public List<String> removeLeftovers(Instant now) {
        List<String> done = new ArrayList<>(copies.removeLeftovers(now));
        if (clusters != null) {
            done.addAll(clusters.removeLeftovers(now));
        }
        return done;
    }

    private Sharing advanceClone(RestoreSpec spec, String execution) {
        if (clusters == null) {
            throw new IllegalArgumentException("fastcloning across accounts needs the source account's AWS RAM");
        }
        String source = RdsArn.nameOf(spec.source());
        Observation shared = clusters.advance(source, execution);
        return shared.progress() == Progress.DONE
                ? new Sharing(Observation.done(SharedClusters.sharedMessage(source, execution) + ": " + shared.message()),
                        shared.message(), null, null)
                : new Sharing(shared, null, null, null);
    }

    private Sharing advanceInstance(RestoreSpec spec, String execution) {
        String source = RdsArn.nameOf(spec.source());
        String copy = copyName(spec, execution);
        Optional<DBSnapshot> made = copies.find(copy);
        if (made.isPresent()) {
            Observation shared = copies.shareWhenAvailable(copy);
            Map<String, String> tags = copies.tagsOf(made.get().dbSnapshotArn());
            Instant alignedTo = alignedTo(tags);
            String from = tags.get(RefreshTags.SNAPSHOT);
            return shared.progress() == Progress.DONE
                    ? new Sharing(Observation.done("shared " + copy + " with this account: " + shared.message()), shared.message(),
                            alignedTo, from)
                    : new Sharing(shared, null, alignedTo, from);
        }
        DBSnapshot from = switch (spec.restoreType()) {
            case FROM_SNAPSHOT -> spec.snapshot() == null
                    ? copies.availableOf(source).stream().max(Comparator.comparing(DBSnapshot::snapshotCreateTime))
                            .orElseThrow(() -> new DatabaseNotFoundException("no available snapshot of " + source + " in the source account"))
                    : copies.find(RdsArn.nameOf(spec.snapshot())).orElseThrow(() -> new DatabaseNotFoundException(
                            "snapshot " + RdsArn.nameOf(spec.snapshot()) + " not found in the source account"));
            case RESTORE_POINT -> copies.availableOf(source).stream()
                    .filter(s -> "automated".equals(s.snapshotType()) && !s.snapshotCreateTime().isAfter(spec.restoreTime()))
                    .max(Comparator.comparing(DBSnapshot::snapshotCreateTime))
                    .orElseThrow(() -> new DatabaseNotFoundException("no automated snapshot of " + source
                            + " at or before " + spec.restoreTime() + " in the source account"));
            case LATEST_POINT -> {
                String fresh = freshName(spec, execution);
                Optional<DBSnapshot> now = copies.find(fresh);
                if (now.isEmpty()) {
                    copies.startFreshSnapshot(source, fresh, execution);
                    yield null;
                }
                yield now.get();
            }
            case FAST_CLONING -> throw new IllegalStateException("a clone shares the cluster, not a snapshot");
        };
        if (from == null) {
            return new Sharing(Observation.inProgress("snapshotting " + source + " in the source account as "
                    + freshName(spec, execution)), null, null, null);
        }
        if (!"available".equals(from.status())) {
            return new Sharing(Observation.inProgress("snapshot " + from.dbSnapshotIdentifier() + " is " + from.status()),
                    null, null, from.dbSnapshotIdentifier());
        }
        Observation started = copies.startCopy(from.dbSnapshotIdentifier(), copy, execution);
        return new Sharing(started, null, from.snapshotCreateTime(), from.dbSnapshotIdentifier());
    }

    private Sharing advanceCluster(RestoreSpec spec, String execution) {
        String source = RdsArn.nameOf(spec.source());
        String copy = copyName(spec, execution);
        Optional<DBClusterSnapshot> made = copies.findCluster(copy);
        if (made.isPresent()) {
            Observation shared = copies.shareClusterWhenAvailable(copy);
            Map<String, String> tags = copies.tagsOf(made.get().dbClusterSnapshotArn());
            Instant alignedTo = alignedTo(tags);
            String from = tags.get(RefreshTags.SNAPSHOT);
            return shared.progress() == Progress.DONE
                    ? new Sharing(Observation.done("shared " + copy + " with this account: " + shared.message()),
                            shared.message(), alignedTo, from)
                    : new Sharing(shared, null, alignedTo, from);
        }
        DBClusterSnapshot from = switch (spec.restoreType()) {
            case FROM_SNAPSHOT -> spec.snapshot() == null
                    ? copies.availableClusterSnapshotsOf(source).stream().max(Comparator.comparing(DBClusterSnapshot::snapshotCreateTime))
                            .orElseThrow(() -> new DatabaseNotFoundException("no available cluster snapshot of " + source
                                    + " in the source account"))
                    : copies.findCluster(RdsArn.nameOf(spec.snapshot())).orElseThrow(() -> new DatabaseNotFoundException(
                            "cluster snapshot " + RdsArn.nameOf(spec.snapshot()) + " not found in the source account"));
            case RESTORE_POINT -> copies.availableClusterSnapshotsOf(source).stream()
                    .filter(s -> "automated".equals(s.snapshotType()) && !s.snapshotCreateTime().isAfter(spec.restoreTime()))
                    .max(Comparator.comparing(DBClusterSnapshot::snapshotCreateTime))
                    .orElseThrow(() -> new DatabaseNotFoundException("no automated cluster snapshot of " + source
                            + " at or before " + spec.restoreTime() + " in the source account"));
            case LATEST_POINT -> {
                String fresh = freshName(spec, execution);
                Optional<DBClusterSnapshot> now = copies.findCluster(fresh);
                if (now.isEmpty()) {
                    copies.startFreshClusterSnapshot(source, fresh, execution);
                    yield null;
                }
                yield now.get();
            }
            case FAST_CLONING -> throw new IllegalStateException("a clone shares the cluster, not a snapshot");
        };
        if (from == null) {
            return new Sharing(Observation.inProgress("snapshotting cluster " + source + " in the source account as "
                    + freshName(spec, execution)), null, null, null);
        }
        if (!"available".equals(from.status())) {
            return new Sharing(Observation.inProgress("cluster snapshot " + from.dbClusterSnapshotIdentifier() + " is " + from.status()),
                    null, null, from.dbClusterSnapshotIdentifier());
        }
        Observation started = copies.startClusterCopy(from.dbClusterSnapshotIdentifier(), copy, execution);
        return new Sharing(started, null, from.snapshotCreateTime(), from.dbClusterSnapshotIdentifier());
    }

    private static Instant alignedTo(Map<String, String> tags) {
        String at = tags.get(RefreshTags.ALIGNED_TO);
        return at == null ? null : Instant.parse(at);
    }
}
