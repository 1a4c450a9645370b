package io.dbrefresh.rds;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.dbrefresh.refreshfile.SnapshotRetention;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * The snapshots dbrefresh makes in this account and keeps too long unless something removes
 * them: the final snapshots of old targets (instance and Aurora cluster), and the copies made
 * under a file's {@code kmskeyid}. Each is tagged {@value RefreshTags#MANAGED}{@code =true} and
 * {@link RefreshTags#SNAPSHOT_OF} with its target, and named as dbrefresh names them
 * ({@code <target>-final-<yyyyMMddHHmmss>}, {@code <target>temp-copy-<8 hex>}): a snapshot
 * lacking either mark, or named otherwise, is not dbrefresh's and is never counted nor removed,
 * whatever its name looks like.
 *
 * <p>Final snapshots are pruned by the refresh file's retention ({@link SnapshotRetention}); the
 * newest final snapshot of a target, and the one a refresh has just made, are always kept.
 * Copies are temporary: once the refresh of their target is over nothing restores them.
 *
 * <p>In a source account, the copies a cross-account refresh makes there
 * ({@value CrossAccountNames#COPY_PREFIX}{@code <source>-<execution>}, and {@code -now} for a
 * fresh snapshot, tagged {@value RefreshTags#MANAGED}{@code =true} and with the execution) are
 * removed by that refresh; one its removal missed (a failed run whose recovery could not reach the
 * source account, an execution stopped by hand) is dbrefresh's too, listed under its source, and
 * removed once no refresh can still use it ({@link #COPY_IN_USE}).
 */
public final class SnapshotHousekeeping {

    /** A copy younger than this may belong to a refresh still running (the state machine's bound is two days). */
    public static final Duration COPY_IN_USE = Duration.ofDays(2);
    private static final Pattern FINAL_SUFFIX = Pattern.compile("-final-[0-9]{14}");
    private static final Pattern COPY_SUFFIX = Pattern.compile("temp-copy-[0-9a-f]{8}");

    private final RdsInstances instances;

    public SnapshotHousekeeping(RdsInstances instances) {
        this.instances = instances;
    }

    public static SnapshotHousekeeping over(AuroraClusters clusters) {
        return new SnapshotHousekeeping(clusters.instances());
    }

    public enum Kind {
        /** The final snapshot of a deleted old target: pruned by retention. */
        FINAL,
        /** A copy made under kmskeyid before a restore: removed once its refresh is over. */
        COPY,
        /** A copy (or fresh snapshot) a cross-account refresh made in its source account: removed after {@link #COPY_IN_USE}. */
        SHARED_COPY
    }

    /** A snapshot dbrefresh made: of which target, when, and the retention recorded on it (finals). */
    public record Owned(String name, String arn, boolean cluster, Kind kind, String target, Instant created, String status,
                        SnapshotRetention retention) {

        String noun() {
            return cluster ? "DB cluster snapshot" : "DB snapshot";
        }
    }

    /**
     * The marks a final snapshot is born with, put on the database just before its delete: RDS
     * copies them to the snapshot ({@code CopyTagsToSnapshot}), so no role needs the right to tag a
     * snapshot as managed.
     */
    static Map<String, String> finalSnapshotMarks(String target, SnapshotRetention retention) {
        Map<String, String> marks = new LinkedHashMap<>();
        marks.put(RefreshTags.SNAPSHOT_OF, target.toLowerCase(Locale.ROOT));
        if (retention != null) {
            marks.put(RefreshTags.SNAPSHOT_RETENTION, retention.text());
        }
        return marks;
    }

    /**
     * Which of one target's snapshots go. Finals: none without a retention; otherwise those
     * neither among the newest {@code keep} nor younger than {@code days}, never the newest one,
     * never {@code justMade}, never one not yet {@code available}. Copies: the available ones made
     * before {@code copiesBefore} (null: none). Cross-account copies: none.
     */
    public static List<Owned> prunable(List<Owned> ofOneTarget, SnapshotRetention retention, String justMade,
                                       Instant copiesBefore, Instant now) {
        return prunable(ofOneTarget, retention, justMade, copiesBefore, null, now);
    }

    /** As {@link #prunable(List, SnapshotRetention, String, Instant, Instant)}, and the cross-account copies made before {@code sharedCopiesBefore} (null: none). */
    static List<Owned> prunable(List<Owned> ofOneTarget, SnapshotRetention retention, String justMade,
                                Instant copiesBefore, Instant sharedCopiesBefore, Instant now) {
        List<Owned> out = new ArrayList<>();
        List<Owned> finals = ofOneTarget.stream().filter(o -> o.kind() == Kind.FINAL)
                .sorted(Comparator.comparing(Owned::created, Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
                .toList();
        if (retention != null) {
            for (int i = 1; i < finals.size(); i++) {
                Owned f = finals.get(i);
                boolean kept = f.name().equalsIgnoreCase(justMade)
                        || !Snapshots.AVAILABLE.equals(f.status())
                        || f.created() == null
                        || (retention.keep() != null && i < retention.keep())
                        || (retention.days() != null && f.created().isAfter(now.minus(Duration.ofDays(retention.days()))));
                if (!kept) {
                    out.add(f);
                }
            }
        }
        copiesBefore(ofOneTarget, Kind.COPY, copiesBefore).forEach(out::add);
        copiesBefore(ofOneTarget, Kind.SHARED_COPY, sharedCopiesBefore).forEach(out::add);
        return out;
    }

    private static List<Owned> copiesBefore(List<Owned> owned, Kind kind, Instant before) {
        return before == null ? List.of() : owned.stream().filter(o -> o.kind() == kind)
                .filter(o -> Snapshots.AVAILABLE.equals(o.status()))
                .filter(o -> o.created() != null && o.created().isBefore(before))
                .toList();
    }

    /**
     * Every snapshot dbrefresh made of {@code target} (of every target when null) in this account
     * and region, instance and cluster snapshots, by target.
     */
    public Map<String, List<Owned>> owned(String target) {
        String of = target == null ? null : target.toLowerCase(Locale.ROOT);
        Map<String, List<Owned>> byTarget = new TreeMap<>();
        RdsClient rds = instances.client();
        for (DBSnapshot s : instanceSnapshots(rds)) {
            add(byTarget, of, s.dbSnapshotIdentifier(), s.dbSnapshotArn(), false, s.snapshotCreateTime(), s.status(),
                    s.hasTagList() ? s.tagList() : null);
        }
        for (DBClusterSnapshot s : clusterSnapshots(rds)) {
            add(byTarget, of, s.dbClusterSnapshotIdentifier(), s.dbClusterSnapshotArn(), true, s.snapshotCreateTime(), s.status(),
                    s.hasTagList() ? s.tagList() : null);
        }
        return byTarget;
    }

    /**
     * Removes what {@link #prunable} selects of {@code target}'s snapshots by {@code retention}
     * (null: no final snapshot is removed). One line per snapshot removed, or that would be with
     * {@code dryRun}.
     */
    public List<String> prune(String target, SnapshotRetention retention, String justMade, Instant copiesBefore, Instant now,
                              boolean dryRun) {
        return prune(target, ofOne -> retention, justMade, copiesBefore, null, now, dryRun);
    }

    /**
     * {@code dbrefresh cleanup}: each target's final snapshots by the retention its newest final
     * snapshot records (none recorded: none removed), and the copies no refresh can still use
     * (made more than {@link #COPY_IN_USE} ago: every refresh that could restore one has ended by then),
     * cross-account copies in a source account included.
     */
    public List<String> cleanup(String target, Instant now, boolean dryRun) {
        Instant inUse = now.minus(COPY_IN_USE);
        return prune(target, SnapshotHousekeeping::recorded, null, inUse, inUse, now, dryRun);
    }

    /**
     * In a source account, through its role (which may delete nothing else): the cross-account
     * copies of every execution that no refresh can still use, made more than {@link #COPY_IN_USE} ago.
     */
    public List<String> pruneSharedCopies(Instant now) {
        return prune(null, ofOne -> null, null, null, now.minus(COPY_IN_USE), now, false);
    }

    private List<String> prune(String target, java.util.function.Function<List<Owned>, SnapshotRetention> retentionOf, String justMade,
                               Instant copiesBefore, Instant sharedCopiesBefore, Instant now, boolean dryRun) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<Owned>> e : owned(target).entrySet()) {
            SnapshotRetention rule = retentionOf.apply(e.getValue());
            for (Owned o : prunable(e.getValue(), rule, justMade, copiesBefore, sharedCopiesBefore, now)) {
                String why = switch (o.kind()) {
                    case COPY -> "temporary copy for a refresh of " + o.target() + ", no longer needed";
                    case SHARED_COPY -> "cross-account copy of " + o.target() + " made " + o.created()
                            + ", left by its refresh and no longer needed";
                    case FINAL -> "final snapshot of " + o.target() + " of " + o.created() + ", beyond its retention (" + rule.text() + ")";
                };
                if (dryRun) {
                    lines.add("would delete " + o.noun() + " " + o.name() + ": " + why);
                    continue;
                }
                delete(o);
                lines.add("deleted " + o.noun() + " " + o.name() + ": " + why);
            }
        }
        return lines;
    }

    /** The retention the newest final snapshot of one target records, or null. */
    static SnapshotRetention recorded(List<Owned> ofOneTarget) {
        return ofOneTarget.stream().filter(o -> o.kind() == Kind.FINAL && o.created() != null)
                .max(Comparator.comparing(Owned::created))
                .map(Owned::retention).orElse(null);
    }

    private void delete(Owned o) {
        RdsClient rds = instances.client();
        try {
            if (o.cluster()) {
                rds.deleteDBClusterSnapshot(b -> b.dbClusterSnapshotIdentifier(o.name()));
            } else {
                rds.deleteDBSnapshot(b -> b.dbSnapshotIdentifier(o.name()));
            }
        } catch (DbSnapshotNotFoundException | DbClusterSnapshotNotFoundException e) {
            // gone since it was listed (a retried start): what was asked is done
        }
    }

    private void add(Map<String, List<Owned>> byTarget, String of, String name, String arn, boolean cluster, Instant created,
                     String status, List<Tag> listed) {
        Kind kind = kindByName(name);
        if (kind == null || arn == null) {
            return;
        }
        Map<String, String> tags = listed != null && !listed.isEmpty() ? RefreshTags.fromSdk(listed) : instances.tags(arn);
        if (kind == Kind.SHARED_COPY) {
            String source = RefreshTags.MANAGED_VALUE.equals(tags.get(RefreshTags.MANAGED)) ? sourceOfSharedCopy(name, tags.get(RefreshTags.EXECUTION)) : null;
            if (source != null && (of == null || of.equals(source))) {
                byTarget.computeIfAbsent(source, t -> new ArrayList<>()).add(new Owned(name, arn, cluster, kind, source, created, status, null));
            }
            return;
        }
        String target = tags.get(RefreshTags.SNAPSHOT_OF);
        if (!RefreshTags.MANAGED_VALUE.equals(tags.get(RefreshTags.MANAGED)) || target == null || !namedFor(name, target, kind)
                || (of != null && !of.equals(target))) {
            return;
        }
        byTarget.computeIfAbsent(target, t -> new ArrayList<>()).add(new Owned(name, arn, cluster, kind, target, created, status,
                SnapshotRetention.parse(tags.get(RefreshTags.SNAPSHOT_RETENTION))));
    }

    private static Kind kindByName(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith(CrossAccountNames.COPY_PREFIX)) {
            return Kind.SHARED_COPY;
        }
        if (FINAL_SUFFIX.matcher(lower).find()) {
            return Kind.FINAL;
        }
        return COPY_SUFFIX.matcher(lower).find() ? Kind.COPY : null;
    }

    /**
     * The source database a cross-account copy was made of, when {@code name} is exactly the name
     * the refresh {@code execution} gives its copy or fresh snapshot ({@link SourceSnapshotCopies#copyName}); else null.
     */
    static String sourceOfSharedCopy(String name, String execution) {
        if (execution == null || execution.isBlank()) {
            return null;
        }
        String rest = name.substring(CrossAccountNames.COPY_PREFIX.length());
        for (String made : List.of(execution, execution + "-now")) {
            String tail = SourceSnapshotCopies.copyName("", made).substring(CrossAccountNames.COPY_PREFIX.length());
            if (rest.length() > tail.length() + 1 && rest.endsWith("-" + tail)) {
                String source = rest.substring(0, rest.length() - tail.length() - 1);
                if (SourceSnapshotCopies.copyName(source, made).equals(name)) {
                    return source.toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }

    /** The name is exactly the one dbrefresh gives a snapshot of this kind of {@code target}. */
    static boolean namedFor(String name, String target, Kind kind) {
        String lower = name.toLowerCase(Locale.ROOT);
        String base = Pattern.quote(target.toLowerCase(Locale.ROOT));
        return kind == Kind.FINAL ? lower.matches(base + FINAL_SUFFIX.pattern())
                : lower.matches(base + COPY_SUFFIX.pattern());
    }

    private static List<DBSnapshot> instanceSnapshots(RdsClient rds) {
        return rds.describeDBSnapshotsPaginator(b -> b.snapshotType("manual")).dbSnapshots().stream().toList();
    }

    private static List<DBClusterSnapshot> clusterSnapshots(RdsClient rds) {
        return rds.describeDBClusterSnapshotsPaginator(b -> b.snapshotType("manual")).dbClusterSnapshots().stream().toList();
    }
}
