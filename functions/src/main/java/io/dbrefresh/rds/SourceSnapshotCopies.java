package io.dbrefresh.rds;

import java.util.ArrayList;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.execution.Observation;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * The source account's side of a cross-account refresh, through the role the source-account
 * stack creates: a snapshot of the source that the target account can restore. An encrypted
 * snapshot (under the default {@code aws/rds} key, which cannot be shared at all, or any other)
 * is copied re-encrypted with the sharing key, whose policy lets the target use it through RDS;
 * the copy is shared with the target account, and removed after the refresh. Everything made
 * here is named {@value CrossAccountNames#COPY_PREFIX}... and tagged with the managed tag and the
 * execution, the only snapshots the role may share or delete.
 */
public final class SourceSnapshotCopies {

    private final RdsClient source;
    private final String targetAccount;
    private final String sharingKey;

    /**
     * @param source        an RDS client in the source account (the assumed role's credentials)
     * @param targetAccount the account that restores the copy
     * @param sharingKey    the sharing key (its alias or ARN in the source account)
     */
    public SourceSnapshotCopies(RdsClient source, String targetAccount, String sharingKey) {
        this.source = source;
        this.targetAccount = targetAccount;
        this.sharingKey = sharingKey;
    }

    /** The name of the copy (or fresh snapshot) made for {@code execution}: the prefix the role may share and delete. */
    public static String copyName(String sourceDb, String executionName) {
        String name = CrossAccountNames.COPY_PREFIX + sourceDb + "-" + executionName.replaceAll("[^A-Za-z0-9-]", "-");
        name = name.replaceAll("-{2,}", "-");
        name = name.length() > 255 ? name.substring(0, 255) : name;
        return name.endsWith("-") ? name.substring(0, name.length() - 1) : name;
    }

    /** The newest available automated snapshot of {@code sourceDb}: what a latest point across accounts starts from. */
    public Optional<DBSnapshot> newestAutomated(String sourceDb) {
        return source.describeDBSnapshotsPaginator(b -> b.dbInstanceIdentifier(sourceDb).snapshotType("automated")).dbSnapshots()
                .stream().filter(s -> "available".equals(s.status()) && s.snapshotCreateTime() != null)
                .max(Comparator.comparing(DBSnapshot::snapshotCreateTime));
    }

    /**
     * Starts a snapshot of {@code sourceDb} now, under the copy prefix and tagged for {@code execution}:
     * a latest point across accounts when the newest automated snapshot is too old. Idempotent.
     * Once available it is copied re-encrypted (when encrypted) like any other snapshot.
     */
    public Observation startFreshSnapshot(String sourceDb, String name, String execution) {
        if (find(name).isPresent()) {
            return Observation.inProgress("snapshot " + name + " already started");
        }
        source.createDBSnapshot(b -> b.dbInstanceIdentifier(sourceDb).dbSnapshotIdentifier(name).tags(tags(execution)));
        return Observation.inProgress("snapshotting " + sourceDb + " as " + name);
    }

    /** A named snapshot of the source account, or empty. */
    public Optional<DBSnapshot> find(String snapshot) {
        try {
            return source.describeDBSnapshots(b -> b.dbSnapshotIdentifier(snapshot)).dbSnapshots().stream().findFirst();
        } catch (DbSnapshotNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts the copy of {@code snapshot} the target account will restore; idempotent: a retried
     * start finds the copy it began. An unencrypted snapshot is copied too, so that what is
     * shared and later deleted is always this refresh's own copy, never a source's snapshot.
     */
    public Observation startCopy(String snapshot, String copy, String execution) {
        if (find(copy).isPresent()) {
            return Observation.inProgress("copy " + copy + " already started");
        }
        DBSnapshot from = find(snapshot).orElseThrow(() -> new io.dbrefresh.execution.DatabaseNotFoundException(
                "snapshot " + snapshot + " not found in the source account"));
        boolean encrypted = Boolean.TRUE.equals(from.encrypted());
        source.copyDBSnapshot(b -> {
            // the identifier, as AWS takes it in the snapshot's own account and region (automated ones are rds:<source>-<date>)
            b.sourceDBSnapshotIdentifier(from.dbSnapshotIdentifier())
                    .targetDBSnapshotIdentifier(copy)
                    .tags(tags(execution, from.dbSnapshotIdentifier(), from.snapshotCreateTime()));
            if (encrypted) {
                b.kmsKeyId(sharingKey);
            }
        });
        return Observation.inProgress("copying " + snapshot + " to " + copy
                + (encrypted ? " re-encrypted with " + sharingKey + " (a key the target account may use)" : ""));
    }

    /** Once the copy is available, shares it with the target account; its ARN is what the target restores from. */
    public Observation shareWhenAvailable(String copy) {
        DBSnapshot s = find(copy).orElse(null);
        if (s == null) {
            return Observation.failed("copy " + copy + " is gone from the source account");
        }
        return switch (s.status()) {
            case "available" -> {
                source.modifyDBSnapshotAttribute(b -> b.dbSnapshotIdentifier(copy).attributeName("restore")
                        .valuesToAdd(targetAccount));
                yield Observation.done(s.dbSnapshotArn());
            }
            case "creating", "copying", "pending" -> Observation.inProgress("copy " + copy + " is " + s.status());
            default -> Observation.failed("copy " + copy + " is " + s.status());
        };
    }

    /**
     * Removes every copy this execution made, shared or not: unshared first, then deleted.
     * Run after the refresh, success or failure; a snapshot without this execution's tag or
     * outside the prefix is never touched. Returns one line per action.
     */
    public List<String> removeCopies(String execution) {
        List<String> done = new ArrayList<>();
        for (DBSnapshot s : source.describeDBSnapshotsPaginator(b -> b.snapshotType("manual")).dbSnapshots()) {
            if (!s.dbSnapshotIdentifier().startsWith(CrossAccountNames.COPY_PREFIX) || !madeBy(s.dbSnapshotArn(), execution)) {
                continue;
            }
            source.modifyDBSnapshotAttribute(b -> b.dbSnapshotIdentifier(s.dbSnapshotIdentifier()).attributeName("restore")
                    .valuesToRemove(targetAccount));
            done.add("unshared " + s.dbSnapshotIdentifier() + " from account " + targetAccount);
            done.add(IdempotentDelete.snapshot(source, DeleteDbSnapshotRequest.builder().dbSnapshotIdentifier(s.dbSnapshotIdentifier()).build())
                    ? "deleted copy " + s.dbSnapshotIdentifier() + " in the source account"
                    : "copy " + s.dbSnapshotIdentifier() + " already deleted");
        }
        for (DBClusterSnapshot s : source.describeDBClusterSnapshotsPaginator(b -> b.snapshotType("manual")).dbClusterSnapshots()) {
            if (!s.dbClusterSnapshotIdentifier().startsWith(CrossAccountNames.COPY_PREFIX) || !madeBy(s.dbClusterSnapshotArn(), execution)) {
                continue;
            }
            source.modifyDBClusterSnapshotAttribute(b -> b.dbClusterSnapshotIdentifier(s.dbClusterSnapshotIdentifier())
                    .attributeName("restore").valuesToRemove(targetAccount));
            done.add("unshared " + s.dbClusterSnapshotIdentifier() + " from account " + targetAccount);
            done.add(IdempotentDelete.clusterSnapshot(source, DeleteDbClusterSnapshotRequest.builder()
                    .dbClusterSnapshotIdentifier(s.dbClusterSnapshotIdentifier()).build())
                    ? "deleted copy " + s.dbClusterSnapshotIdentifier() + " in the source account"
                    : "copy " + s.dbClusterSnapshotIdentifier() + " already deleted");
        }
        return done;
    }

    /**
     * The copies earlier refreshes left in the source account (their removal failed or never
     * ran) that no refresh can still use: every execution's, made more than
     * {@link SnapshotHousekeeping#COPY_IN_USE} before {@code now}; only snapshots named and tagged
     * as dbrefresh makes them. One line per snapshot deleted.
     */
    public List<String> removeLeftovers(Instant now) {
        return new SnapshotHousekeeping(new RdsInstances(source)).pruneSharedCopies(now).stream()
                .map(line -> line + " (in the source account)").toList();
    }

    /** Aurora: the newest available automated snapshot of the source cluster. */
    public Optional<DBClusterSnapshot> newestAutomatedCluster(String sourceCluster) {
        return source.describeDBClusterSnapshotsPaginator(b -> b.dbClusterIdentifier(sourceCluster).snapshotType("automated"))
                .dbClusterSnapshots().stream().filter(s -> "available".equals(s.status()) && s.snapshotCreateTime() != null)
                .max(Comparator.comparing(DBClusterSnapshot::snapshotCreateTime));
    }

    /** Aurora: as {@link #startFreshSnapshot}, a cluster snapshot of {@code sourceCluster} taken now. */
    public Observation startFreshClusterSnapshot(String sourceCluster, String name, String execution) {
        if (findCluster(name).isPresent()) {
            return Observation.inProgress("cluster snapshot " + name + " already started");
        }
        source.createDBClusterSnapshot(b -> b.dbClusterIdentifier(sourceCluster).dbClusterSnapshotIdentifier(name).tags(tags(execution)));
        return Observation.inProgress("snapshotting cluster " + sourceCluster + " as " + name);
    }

    /** The snapshots of {@code sourceDb} (automated and manual), available ones only. */
    public List<DBSnapshot> availableOf(String sourceDb) {
        return source.describeDBSnapshotsPaginator(b -> b.dbInstanceIdentifier(sourceDb)).dbSnapshots().stream()
                .filter(s -> "available".equals(s.status()) && s.snapshotCreateTime() != null).toList();
    }

    /** Aurora: the cluster snapshots of {@code sourceCluster} (automated and manual), available ones only. */
    public List<DBClusterSnapshot> availableClusterSnapshotsOf(String sourceCluster) {
        return source.describeDBClusterSnapshotsPaginator(b -> b.dbClusterIdentifier(sourceCluster)).dbClusterSnapshots().stream()
                .filter(s -> "available".equals(s.status()) && s.snapshotCreateTime() != null).toList();
    }

    /** Aurora: a named cluster snapshot of the source account, or empty. */
    public Optional<DBClusterSnapshot> findCluster(String snapshot) {
        try {
            return source.describeDBClusterSnapshots(b -> b.dbClusterSnapshotIdentifier(snapshot)).dbClusterSnapshots().stream().findFirst();
        } catch (DbClusterSnapshotNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Aurora: as {@link #startCopy}, for a cluster snapshot. */
    public Observation startClusterCopy(String snapshot, String copy, String execution) {
        if (findCluster(copy).isPresent()) {
            return Observation.inProgress("copy " + copy + " already started");
        }
        DBClusterSnapshot from = findCluster(snapshot).orElseThrow(() -> new io.dbrefresh.execution.DatabaseNotFoundException(
                "cluster snapshot " + snapshot + " not found in the source account"));
        boolean encrypted = Boolean.TRUE.equals(from.storageEncrypted());
        source.copyDBClusterSnapshot(b -> {
            b.sourceDBClusterSnapshotIdentifier(from.dbClusterSnapshotIdentifier()).targetDBClusterSnapshotIdentifier(copy)
                    .tags(tags(execution, from.dbClusterSnapshotIdentifier(), from.snapshotCreateTime()));
            if (encrypted) {
                b.kmsKeyId(sharingKey);
            }
        });
        return Observation.inProgress("copying " + snapshot + " to " + copy
                + (encrypted ? " re-encrypted with " + sharingKey + " (a key the target account may use)" : ""));
    }

    /** Aurora: as {@link #shareWhenAvailable}, for a cluster snapshot copy. */
    public Observation shareClusterWhenAvailable(String copy) {
        DBClusterSnapshot s = findCluster(copy).orElse(null);
        if (s == null) {
            return Observation.failed("copy " + copy + " is gone from the source account");
        }
        return switch (s.status()) {
            case "available" -> {
                source.modifyDBClusterSnapshotAttribute(b -> b.dbClusterSnapshotIdentifier(copy).attributeName("restore")
                        .valuesToAdd(targetAccount));
                yield Observation.done(s.dbClusterSnapshotArn());
            }
            case "creating", "copying", "pending" -> Observation.inProgress("copy " + copy + " is " + s.status());
            default -> Observation.failed("copy " + copy + " is " + s.status());
        };
    }

    /** The accounts a snapshot is shared with (its restore attribute). */
    public List<String> sharedWith(String snapshot) {
        return source.describeDBSnapshotAttributes(b -> b.dbSnapshotIdentifier(snapshot)).dbSnapshotAttributesResult()
                .dbSnapshotAttributes().stream().filter(a -> "restore".equals(a.attributeName()))
                .flatMap(a -> a.attributeValues().stream()).toList();
    }

    /** The tags of a snapshot of the source account: a copy's say what it was copied from and the time of its data. */
    public Map<String, String> tagsOf(String arn) {
        Map<String, String> tags = new HashMap<>();
        source.listTagsForResource(b -> b.resourceName(arn)).tagList().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    private boolean madeBy(String arn, String execution) {
        Map<String, String> tags = tagsOf(arn);
        return RefreshTags.MANAGED_VALUE.equals(tags.get(RefreshTags.MANAGED)) && RefreshTags.createdBy(tags, execution);
    }

    /** A copy's tags: the execution's, and the snapshot it copies with that snapshot's time (the data's). */
    private static List<Tag> tags(String execution, String from, Instant fromTime) {
        List<Tag> tags = new ArrayList<>(tags(execution));
        tags.add(Tag.builder().key(RefreshTags.SNAPSHOT).value(from).build());
        if (fromTime != null) {
            tags.add(Tag.builder().key(RefreshTags.ALIGNED_TO).value(fromTime.toString()).build());
        }
        return tags;
    }

    private static List<Tag> tags(String execution) {
        return List.of(Tag.builder().key(RefreshTags.MANAGED).value(RefreshTags.MANAGED_VALUE).build(),
                Tag.builder().key(RefreshTags.EXECUTION).value(execution).build());
    }
}
