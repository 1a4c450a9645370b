package io.dbrefresh.rds;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.execution.DeletionProtectedException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.UnsafeTargetException;
import io.dbrefresh.refreshfile.DeleteSpec;
import io.dbrefresh.refreshfile.SnapshotRetention;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Old databases kept for a grace period after a swap: RDS instances, or Aurora clusters with
 * their instances (the {@link KeptDatabases} each is made over). Instead of being deleted, the old
 * target is renamed out of the way ({@code <target>-old-<yyyymmddhhmm>}) and marked: whose old
 * copy it is, who kept it, its expiry and whether its removal takes a final snapshot. Until
 * it expires, {@code dbrefresh rollback} swaps it back; after, housekeeping removes it.
 *
 * <p>A marked instance that serves under the very name it is an old copy of (recovery or a
 * rollback brought it back) is no kept copy: housekeeping and rollback leave it alone, so stale
 * marks can never remove a live target.
 */
public final class OldCopies {

    /** What {@link #keptName} appends: {@code -old-} and a UTC minute. */
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final int MAX_ID = 63;
    /** The value of {@link RefreshTags#KEPT_BY} on a copy a rollback put aside. */
    public static final String ROLLBACK = "rollback";

    private final KeptDatabases databases;

    /** Over RDS instances. */
    public OldCopies(RdsInstances instances) {
        this(KeptDatabases.instances(instances));
    }

    public OldCopies(KeptDatabases databases) {
        this.databases = databases;
    }

    /** Over Aurora clusters: a cluster is kept with its instances, which are renamed with it. */
    public static OldCopies ofClusters(AuroraClusters clusters) {
        return new OldCopies(KeptDatabases.clusters(clusters));
    }

    /**
     * @param found    the old target (or the copy this execution already kept) exists
     * @param keptAs   the name the old target is kept under
     * @param keptHere this execution renamed it (in this call or an earlier start)
     * @param snapshot the final snapshot its removal takes (named for the target, see {@link #finalSnapshotOf}), or null
     */
    public record Kept(boolean found, String keptAs, boolean keptHere, String message, String snapshot) {

        public Kept(boolean found, String keptAs, boolean keptHere, String message) {
            this(found, keptAs, keptHere, message, null);
        }
    }

    /** A kept copy: its current name, whose old copy it is, when it expires. */
    public record Copy(String name, String copyOf, String status, Instant expires, boolean finalSnapshotAtExpiry, String keptBy) {

        public boolean expired(Instant now) {
            return expires != null && !expires.isAfter(now);
        }
    }

    /**
     * {@code <id>-old-<yyyymmddhhmm>} in lower case, within the 63 characters of an RDS
     * identifier: a long name is cut (and never left ending in a hyphen) before the suffix.
     */
    public static String keptName(String id, Instant at) {
        return keptName(id, "-old-" + MINUTE.format(at));
    }

    /** {@code id} with a kept copy's suffix ({@code -old-<yyyymmddhhmm>}), cut to fit: the instances of a kept cluster take its suffix. */
    static String keptName(String id, String suffix) {
        String base = id.toLowerCase(java.util.Locale.ROOT);
        if (base.length() + suffix.length() > MAX_ID) {
            base = base.substring(0, MAX_ID - suffix.length());
        }
        while (base.endsWith("-")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + suffix;
    }

    /**
     * Renames the old target {@code id} out of the way and marks it as kept until
     * {@code now + grace}, but only once {@code replacement} (the restored copy) is available.
     * A retried start finds the rename it began (the marks name this execution).
     */
    public Kept keepAway(String id, String replacement, Duration grace, boolean finalSnapshotAtExpiry, String execution, Instant now) {
        return keepAway(id, replacement, grace, finalSnapshotAtExpiry, null, execution, now);
    }

    /**
     * The swap as a refresh file asks it: the old target renamed away for its grace period, or,
     * without one ({@link DeleteSpec#deleteAfterSwap}), until the copy holds the name, when
     * {@link #removeAfterSwap} deletes it. A deletion the file does not allow (deletion protection
     * on, {@code liftdeletionprotection} false) is refused here, before anything is touched.
     */
    public Kept keepAway(String id, String replacement, DeleteSpec spec, String execution, Instant now) {
        if (spec.deleteAfterSwap() && !spec.liftDeletionProtection()) {
            databases.find(id).filter(KeptDatabases.Database::deletionProtection).ifPresent(d -> {
                throw new DeletionProtectedException(databases.noun() + " " + id + " has deletion protection on; turn it off,"
                        + " or allow the refresh to lift it (" + (spec.cluster() == null ? "delete" : "deletecluster")
                        + ".liftdeletionprotection)");
            });
        }
        return keepAway(id, replacement, spec.hold(), spec.finalSnapshot(), spec.snapshotRetention(), execution, now);
    }

    /**
     * As {@link #keepAway(String, String, Duration, boolean, String, Instant)}; when its removal
     * takes a final snapshot, the kept database carries that snapshot's housekeeping marks
     * ({@link SnapshotHousekeeping#finalSnapshotMarks}, with {@code retention}) from the start, so
     * the snapshot, which RDS gives the database's tags, is managed and pruned like any final one.
     */
    public Kept keepAway(String id, String replacement, Duration grace, boolean finalSnapshotAtExpiry, SnapshotRetention retention,
                          String execution, Instant now) {
        String noun = databases.noun();
        Optional<KeptDatabases.Database> found = databases.find(id);
        if (found.isEmpty()) {
            return keptBy(id, execution)
                    .map(c -> new Kept(true, c.name(), true, noun + " " + id + " already kept as " + c.name() + " by this execution"))
                    .orElseGet(() -> new Kept(false, null, false, noun + " " + id + " is absent: nothing to keep"));
        }
        KeptDatabases.Database old = found.get();
        Map<String, String> tags = databases.tags(old.arn());
        // marked by an earlier start of this execution: its rename went through unless the instance is still available
        // under its name (a throttled or failed call), then it is issued again below, to the same name
        if (execution.equals(tags.get(RefreshTags.KEPT_BY)) && tags.get(RefreshTags.KEPT_AS) != null
                && !InstanceStatus.AVAILABLE.equals(old.status())) {
            return new Kept(true, tags.get(RefreshTags.KEPT_AS), true, noun + " " + id + " is being renamed to "
                    + tags.get(RefreshTags.KEPT_AS) + " by this execution (" + old.status() + ")");
        }
        databases.requireAvailable(replacement, id);
        if (!InstanceStatus.AVAILABLE.equals(old.status())) {
            throw new UnsafeTargetException("the old target " + id + " is " + old.status() + ": RDS renames only an"
                    + " available " + noun.substring("DB ".length()) + ", so it cannot be kept for the grace period; start it,"
                    + " or refresh without graceperiod");
        }
        boolean markedByUs = execution.equals(tags.get(RefreshTags.KEPT_BY)) && tags.get(RefreshTags.KEPT_AS) != null;
        String keptAs = markedByUs ? tags.get(RefreshTags.KEPT_AS) : keptName(id, now);
        if (databases.find(keptAs).isPresent()) {
            throw new UnsafeTargetException("cannot keep " + id + " as " + keptAs + ": a " + noun + " of that name exists");
        }
        Instant expires = now.plus(grace);
        Map<String, String> marks = new LinkedHashMap<>();
        marks.put(RefreshTags.OLD_COPY_OF, id);
        marks.put(RefreshTags.KEPT_BY, execution);
        marks.put(RefreshTags.KEPT_AS, keptAs);
        marks.put(RefreshTags.EXPIRES, expires.toString());
        marks.put(RefreshTags.FINAL_SNAPSHOT_AT_EXPIRY, Boolean.toString(finalSnapshotAtExpiry));
        if (finalSnapshotAtExpiry) {
            marks.putAll(SnapshotHousekeeping.finalSnapshotMarks(id, retention));
        }
        databases.addTags(old.arn(), marks);
        List<String> renamed = databases.rename(id, keptAs, true);
        return new Kept(true, keptAs, true, "renaming the old target " + id + " to " + keptAs + ", kept until " + expires
                + (renamed.isEmpty() ? "" : "; " + String.join("; ", renamed)),
                finalSnapshotAtExpiry ? Snapshots.finalSnapshotName(id, keptAt(keptAs, now)) : null);
    }

    /**
     * The final snapshot a kept copy's removal takes: named for the target it is an old copy of,
     * {@code <target>-final-<yyyymmddhhmm>00}, the minute it was renamed away (from its kept name),
     * so snapshot housekeeping counts it among the target's final snapshots, and two kept copies
     * removed at once never ask for the same name.
     */
    public static String finalSnapshotOf(Copy copy, Instant now) {
        return Snapshots.finalSnapshotName(copy.copyOf(), keptAt(copy.name(), now));
    }

    /** When a copy named {@code keptAs} was renamed away, from its {@code -old-<yyyymmddhhmm>} suffix ({@code otherwise} if none). */
    private static Instant keptAt(String keptAs, Instant otherwise) {
        int at = keptAs.lastIndexOf("-old-");
        try {
            return at < 0 ? otherwise : MINUTE.parse(keptAs.substring(at + "-old-".length()), Instant::from);
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }

    /**
     * Recovery's {@link #removeAfterSwap}: a refusal is said, not thrown, so the rest of the
     * recovery still runs; the old target then stays renamed away until its expiry, when
     * housekeeping removes it with the same final snapshot.
     */
    public Optional<String> tryRemoveAfterSwap(String id, String execution, Instant now) {
        try {
            return removeAfterSwap(id, execution, now);
        } catch (SdkException e) {
            return Optional.of("could not delete the old target renamed away (" + e.getMessage() + "): it stays as "
                    + keptBy(id, execution).map(Copy::name).orElse("its kept name") + " until its expiry, when dbrefresh cleanup"
                    + " or the next refresh removes it with its final snapshot");
        }
    }

    /**
     * After the swap, once the copy holds {@code id}: deletes the old target this execution
     * renamed away to be deleted then, with the final snapshot its marks ask for. Empty when there
     * is nothing (left) to delete: none kept by this execution, or already being deleted.
     */
    public Optional<String> removeAfterSwap(String id, String execution, Instant now) {
        Optional<Copy> kept = keptBy(id, execution).filter(c -> !InstanceStatus.GOING_AWAY.contains(c.status()));
        // never before this execution's copy answers under the name: until then the old target is the one to bring back
        boolean copyHoldsName = databases.find(id).filter(d -> InstanceStatus.AVAILABLE.equals(d.status()))
                .filter(d -> RefreshTags.createdBy(d.tags(), execution)).isPresent();
        if (kept.isEmpty() || !copyHoldsName) {
            return Optional.empty();
        }
        return Optional.of(remove(kept.get(), now, "deleting the old target " + kept.get().name() + " (" + id
                + " before this refresh) now the copy holds the name"));
    }

    /** Deletes a kept copy, with the final snapshot its marks ask for, given the tags to copy and no deletion protection first. */
    private String remove(Copy copy, Instant now, String what) {
        String snapshot = copy.finalSnapshotAtExpiry() ? finalSnapshotOf(copy, now) : null;
        Optional<KeptDatabases.Database> found = databases.find(copy.name());
        if (found.isPresent()) {
            KeptDatabases.Database d = found.get();
            // a copy kept before kept copies carried them: its final snapshot is managed all the same
            if (snapshot != null && !d.tags().containsKey(RefreshTags.SNAPSHOT_OF)) {
                databases.addTags(d.arn(), SnapshotHousekeeping.finalSnapshotMarks(copy.copyOf(), null));
            }
            databases.allowRemoval(copy.name(), d.deletionProtection(), snapshot != null);
        }
        List<String> lines = new ArrayList<>(databases.delete(copy.name(), snapshot));
        lines.add(what + (snapshot == null ? " without a final snapshot" : " with final snapshot " + snapshot));
        return String.join("; ", lines);
    }

    /** Done when nothing answers under {@code id} any more and the copy this execution kept is available. */
    public Observation keptProgress(String id, String execution) {
        return keptProgress(id, execution, false);
    }

    /**
     * As {@link #keptProgress(String, String)}; {@code deletedAfterSwap}: the old target is renamed
     * away only until the copy holds the name ({@code DeleteSpec#deleteAfterSwap}), and its done
     * message says so rather than naming the expiry, which only a failed run's leftover reaches.
     */
    public Observation keptProgress(String id, String execution, boolean deletedAfterSwap) {
        String noun = databases.noun();
        Optional<Copy> kept = keptBy(id, execution);
        Optional<KeptDatabases.Database> under = databases.find(id);
        if (kept.isEmpty()) {
            return under.isPresent()
                    ? Observation.inProgress(noun + " " + id + " is " + under.get().status() + ", not renamed yet")
                    : Observation.failed(noun + " " + id + " is gone and no copy of it kept by this execution is found");
        }
        Copy copy = kept.get();
        if (under.isPresent()) {
            return Observation.inProgress(noun + " " + id + " still answers under its name; " + copy.name() + " is " + copy.status());
        }
        return switch (InstanceStatus.classify(copy.status())) {
            case FAILED -> Observation.failed("the kept old target " + copy.name() + " is " + copy.status());
            case IN_PROGRESS -> Observation.inProgress("the kept old target " + copy.name() + " is " + copy.status());
            case DONE -> databases.pending(copy.name())
                    .map(Observation::inProgress)
                    .orElseGet(() -> Observation.done(deletedAfterSwap
                            ? "the old target " + id + " is renamed away as " + copy.name() + ", to be deleted once the copy holds the name"
                            : "the old target " + id + " is kept as " + copy.name() + " until " + copy.expires()));
        };
    }

    /** The copy of {@code id} this execution kept, when it is not back under that name. */
    public Optional<Copy> keptBy(String id, String execution) {
        return copiesOf(id).stream().filter(c -> execution.equals(c.keptBy())).findFirst();
    }

    /** The kept copies of {@code id} (every kept copy when {@code id} is null), newest expiry first. */
    public List<Copy> copiesOf(String id) {
        List<Copy> out = new ArrayList<>();
        for (KeptDatabases.Database d : databases.all()) {
            Map<String, String> tags = d.tags();
            String of = tags.get(RefreshTags.OLD_COPY_OF);
            // back under its own name: a live target with stale marks, never a kept copy
            if (of == null || of.equalsIgnoreCase(d.id()) || (id != null && !of.equalsIgnoreCase(id))) {
                continue;
            }
            out.add(new Copy(d.id(), of, d.status(), instant(tags.get(RefreshTags.EXPIRES)),
                    "true".equals(tags.get(RefreshTags.FINAL_SNAPSHOT_AT_EXPIRY)), tags.get(RefreshTags.KEPT_BY)));
        }
        out.sort(Comparator.comparing(Copy::expires, Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
        return out;
    }

    /**
     * Recovery during the swap: the old target this execution renamed out of the way goes back
     * under its name, when nothing holds that name. One line per action (or what is left to do).
     */
    public List<String> bringBack(String id, String execution) {
        List<String> actions = new ArrayList<>();
        Optional<Copy> kept = keptBy(id, execution);
        Optional<KeptDatabases.Database> under = databases.find(id);
        if (kept.isEmpty()) {
            // marked, then its rename away refused or never issued: the marks would outlive the run
            under.filter(d -> InstanceStatus.AVAILABLE.equals(d.status()))
                    .filter(d -> execution.equals(databases.tags(d.arn()).get(RefreshTags.KEPT_BY)))
                    .ifPresent(d -> {
                        databases.removeTags(d.arn(), RefreshTags.KEPT_MARKS);
                        actions.add("removed the grace-period marks from " + id + ": its rename away did not happen");
                    });
            // a cluster whose instances went aside before it could follow them: they come back to it
            under.filter(d -> !execution.equals(d.tags().get(RefreshTags.EXECUTION)))
                    .ifPresent(d -> actions.addAll(databases.rename(id, id, false)));
            return actions;
        }
        if (under.isPresent()) {
            return actions;
        }
        Copy copy = kept.get();
        if (!InstanceStatus.AVAILABLE.equals(copy.status())) {
            actions.add("the old target is " + copy.status() + " as " + copy.name() + ": rename it back to " + id
                    + " once it is available (dbrefresh rollback " + id + ")");
            return actions;
        }
        // back under its name it is no kept copy: its marks go first (by the ARN it has before the rename)
        databases.find(copy.name()).ifPresent(d -> databases.removeTags(d.arn(), RefreshTags.KEPT_MARKS));
        List<String> renamed = databases.rename(copy.name(), id, false);
        actions.add("renamed the old target back from " + copy.name() + " to " + id);
        actions.addAll(renamed);
        return actions;
    }

    /**
     * Removes the kept copies of {@code id} (of every target when null) whose grace period has
     * ended, with a final snapshot when their marks say so. A copy with deletion protection is
     * left in place, and said so. One line per copy.
     */
    public List<String> removeExpired(String id, Instant now) {
        List<String> actions = new ArrayList<>();
        for (Copy copy : copiesOf(id)) {
            if (!copy.expired(now) || InstanceStatus.GOING_AWAY.contains(copy.status())) {
                continue;
            }
            KeptDatabases.Database database = databases.find(copy.name()).orElse(null);
            if (database == null) {
                continue;
            }
            if (database.deletionProtection()) {
                actions.add("kept " + copy.name() + " (old copy of " + copy.copyOf() + ", expired " + copy.expires()
                        + "): it has deletion protection on; turn it off to let housekeeping remove it");
                continue;
            }
            actions.add(remove(copy, now, "deleting " + copy.name() + " (old copy of " + copy.copyOf() + ", expired "
                    + copy.expires() + ")"));
        }
        return actions;
    }

    /**
     * Rollback, first half: the newest kept copy of {@code id}, and the current {@code id} put
     * aside (renamed and marked as a kept copy with the same expiry, so a second rollback swaps
     * again and housekeeping removes it with the other). Nothing is put aside when no instance
     * answers under {@code id}. The caller waits until the name is free, then calls {@link #swapIn}.
     *
     * @throws UnsafeTargetException when no copy of {@code id} is kept, or the current one is not available
     */
    public Copy swapOut(String id, Instant now) {
        Copy kept = copiesOf(id).stream().filter(c -> !InstanceStatus.GOING_AWAY.contains(c.status())).findFirst()
                .orElseThrow(() -> new UnsafeTargetException("no old copy of " + id + " is kept: nothing to roll back to"
                        + " (a refresh keeps one only with delete.graceperiod, until it expires)"));
        if (!InstanceStatus.AVAILABLE.equals(kept.status())) {
            throw new UnsafeTargetException("the kept copy " + kept.name() + " of " + id + " is " + kept.status() + ", not available");
        }
        Optional<KeptDatabases.Database> current = databases.find(id);
        if (current.isEmpty()) {
            return kept;
        }
        if (!InstanceStatus.AVAILABLE.equals(current.get().status())) {
            throw new UnsafeTargetException(databases.noun() + " " + id + " is " + current.get().status()
                    + ": RDS renames only an available database; roll back once it is available");
        }
        String aside = keptName(id, now);
        if (aside.equals(kept.name()) || databases.find(aside).isPresent()) {
            throw new UnsafeTargetException("cannot put " + id + " aside as " + aside + ": that name is taken; try again in a minute");
        }
        Map<String, String> marks = new LinkedHashMap<>();
        marks.put(RefreshTags.OLD_COPY_OF, id);
        marks.put(RefreshTags.KEPT_BY, ROLLBACK);
        marks.put(RefreshTags.KEPT_AS, aside);
        if (kept.expires() != null) {
            marks.put(RefreshTags.EXPIRES, kept.expires().toString());
        }
        marks.put(RefreshTags.FINAL_SNAPSHOT_AT_EXPIRY, Boolean.toString(kept.finalSnapshotAtExpiry()));
        databases.addTags(current.get().arn(), marks);
        databases.rename(id, aside, true);
        return kept;
    }

    /** Rollback, second half: the kept copy takes {@code id} again and loses its marks. */
    public String swapIn(Copy kept, String id) {
        if (databases.find(id).isPresent()) {
            throw new UnsafeTargetException(databases.noun() + " " + id + " still answers under its name: " + kept.name()
                    + " is not renamed");
        }
        KeptDatabases.Database copy = databases.find(kept.name()).orElseThrow(() -> new UnsafeTargetException(
                "the kept copy " + kept.name() + " of " + id + " is gone"));
        databases.removeTags(copy.arn(), RefreshTags.KEPT_MARKS);
        List<String> renamed = databases.rename(kept.name(), id, false);
        return "renaming " + kept.name() + " back to " + id + (renamed.isEmpty() ? "" : "; " + String.join("; ", renamed));
    }

    /** How a rollback waits between two looks at RDS (the CLI sleeps; tests do not). */
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    /**
     * Swaps the newest kept copy of {@code id} back under its name: the current {@code id} is put
     * aside ({@link #swapOut}), then, once RDS has freed the name, the kept copy takes it
     * ({@link #swapIn}); done when it is available under {@code id}. Each line says what happened.
     *
     * @throws UnsafeTargetException when nothing can be rolled back, or RDS takes longer than {@code limit}
     */
    public List<String> rollback(String id, Instant now, Pause pause, Duration every, Duration limit) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        boolean current = answers(id);
        Copy kept = swapOut(id, now);
        if (current) {
            lines.add("renaming " + id + " to " + keptName(id, now) + ", kept until " + kept.expires());
        }
        waitFor(() -> !answers(id), "the name " + id + " to be free", pause, every, limit);
        lines.add(swapIn(kept, id));
        waitFor(() -> InstanceStatus.AVAILABLE.equals(status(id)) && databases.pending(id).isEmpty(),
                kept.name() + " to be available as " + id, pause, every, limit);
        lines.add(id + " is the old copy again (" + kept.name() + "), available");
        return lines;
    }

    private static void waitFor(java.util.function.BooleanSupplier done, String what, Pause pause, Duration every, Duration limit)
            throws InterruptedException {
        Duration waited = Duration.ZERO;
        while (!done.getAsBoolean()) {
            if (waited.compareTo(limit) >= 0) {
                throw new UnsafeTargetException("waited " + waited.toMinutes() + " min for " + what + "; run the rollback again later");
            }
            pause.pause(every);
            waited = waited.plus(every);
        }
    }

    /** True when a database answers under {@code id}. */
    public boolean answers(String id) {
        return databases.find(id).isPresent();
    }

    /** The status of the database under {@code id}, or null. */
    public String status(String id) {
        return databases.find(id).map(KeptDatabases.Database::status).orElse(null);
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
