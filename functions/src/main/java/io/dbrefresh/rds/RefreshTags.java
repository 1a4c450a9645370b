package io.dbrefresh.rds;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dbrefresh.refreshfile.RestoreSpec;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * The tags this project puts on the resources it creates or changes. {@link #EXECUTION} on a
 * resource is how a retried start recognises work it already began, and how recovery knows
 * what this execution created.
 */
public final class RefreshTags {

    public static final String PREFIX = "dbrefresh:";
    /**
     * Marks a database this deployment may stop, modify, rename, tag or delete: a target a
     * person adopted ({@code dbrefresh adopt}) or a copy a refresh made (born with it). The
     * deployed permissions allow those actions only on resources carrying it with {@link #MANAGED_VALUE}.
     */
    public static final String MANAGED = PREFIX + "managed";
    public static final String MANAGED_VALUE = "true";
    /** The execution that created (or last refreshed) the resource. */
    public static final String EXECUTION = PREFIX + "execution";
    public static final String REFRESHED_AT = PREFIX + "refreshed-at";
    public static final String SOURCE = PREFIX + "source";
    public static final String RESTORE_TYPE = PREFIX + "restore-type";
    /** The point in time the data is a copy of (ISO-8601). */
    public static final String ALIGNED_TO = PREFIX + "aligned-to";
    /** On a restored copy: the snapshot it was restored from (fromsnapshot only). */
    public static final String SNAPSHOT = PREFIX + "snapshot";
    /** On an old target: the execution that stopped it (so recovery restarts only what it stopped). */
    public static final String STOPPED_BY = PREFIX + "stopped-by";
    /** On an old target being deleted: the execution that deletes it. */
    public static final String DELETED_BY = PREFIX + "deleted-by";
    /** On an old target being deleted: the name of its final snapshot. */
    public static final String FINAL_SNAPSHOT = PREFIX + "final-snapshot";
    /**
     * On a snapshot dbrefresh made in this account (a final snapshot, a copy under kmskeyid): the
     * target it belongs to, in lower case. With {@link #MANAGED} it is what snapshot housekeeping
     * counts and may remove; a snapshot without both is never touched. A final snapshot gets it
     * (with the old target's other tags) from the database it is taken of, which is marked just
     * before its delete and made to copy its tags to the snapshot.
     */
    public static final String SNAPSHOT_OF = PREFIX + "snapshot-of";
    /** Beside {@link #SNAPSHOT_OF} on a final snapshot: the retention the refresh file asked for ({@code keep=2 days=30}). */
    public static final String SNAPSHOT_RETENTION = PREFIX + "snapshot-retention";
    /** On an instance recovery created again in the old cluster: the execution whose recovery did. */
    public static final String RECREATED_BY = PREFIX + "recreated-by";

    /**
     * On a copy: the old target's PubliclyAccessible ("true" or "false"). The copy is born
     * private and gets this value back when it takes the target's name (the old target may be
     * gone by then); fix-tags removes the mark.
     */
    public static final String PUBLICLY_ACCESSIBLE = PREFIX + "publicly-accessible";

    /** On an old target kept after a swap (a grace period): the name it served under. */
    public static final String OLD_COPY_OF = PREFIX + "old-copy-of";
    /** On a kept old target: the execution (or rollback) that renamed it out of the way. */
    public static final String KEPT_BY = PREFIX + "kept-by";
    /** On a kept old target: the name it was (or is being) renamed to, so a retried start finds it. */
    public static final String KEPT_AS = PREFIX + "kept-as";
    /** On a kept old target: when its grace period ends (ISO-8601); housekeeping removes it after. */
    public static final String EXPIRES = PREFIX + "expires";
    /** On a kept old target: "true" when its removal at expiry takes a final snapshot. */
    public static final String FINAL_SNAPSHOT_AT_EXPIRY = PREFIX + "final-snapshot-at-expiry";
    /** The marks of a kept old target, removed again when it is swapped back under its name. */
    public static final List<String> KEPT_MARKS = List.of(OLD_COPY_OF, KEPT_BY, KEPT_AS, EXPIRES, FINAL_SNAPSHOT_AT_EXPIRY);

    /** Tags AWS reserves: they can be neither added nor removed. */
    static final String AWS_PREFIX = "aws:";

    private RefreshTags() {
    }

    /**
     * Whether a resource carrying {@code tags} was created (or last refreshed) by
     * {@code execution}: the one test of ownership before a start resumes, a rename proceeds or
     * recovery removes anything.
     */
    public static boolean createdBy(Map<String, String> tags, String execution) {
        return execution != null && execution.equals(tags.get(EXECUTION));
    }

    /**
     * What a copy of the source is born with, instance or cluster: {@link #MANAGED}, the
     * execution that made it, the source, the restore type, and when known the point its data is
     * aligned to and the snapshot it came from.
     */
    static Map<String, String> ofCopy(RestoreSpec spec, String execution, Instant alignedTo, String snapshot) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(MANAGED, MANAGED_VALUE);
        tags.put(EXECUTION, execution);
        tags.put(SOURCE, spec.source());
        tags.put(RESTORE_TYPE, spec.restoreType().json());
        if (alignedTo != null) {
            tags.put(ALIGNED_TO, alignedTo.toString());
        }
        if (snapshot != null) {
            tags.put(SNAPSHOT, snapshot);
        }
        return tags;
    }

    /** {@code tags} plus {@link #MANAGED}: what every database this project creates is born with. */
    static Map<String, String> managed(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>(tags);
        out.put(MANAGED, MANAGED_VALUE);
        return out;
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static Map<String, String> fromSdk(Collection<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> map.put(t.key(), t.value()));
        }
        return map;
    }
}
