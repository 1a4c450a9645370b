package io.dbrefresh.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RdsArn;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RestoreType;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * Chooses a fleet's common point in time, once, and aligns each refresh to it. The time is
 * the one the fleet file gives, or the latest time restorable for every point-in-time
 * source (the earliest of their latest restorable times, to the second); a snapshot
 * refresh takes the newest available snapshot of its source at or before it. Read-only.
 */
public final class FleetAlignment {

    private static final String AVAILABLE = "available";

    private final RdsClient rds;
    private final Clock clock;
    private final StoredRefreshFiles stored;

    public FleetAlignment(RdsClient rds, Clock clock) {
        this(rds, clock, null);
    }

    /** @param stored where a large fleet's refresh files are read from; null where none is (the CLI's plan) */
    public FleetAlignment(RdsClient rds, Clock clock, StoredRefreshFiles stored) {
        this.rds = rds;
        this.clock = clock;
        this.stored = stored;
    }

    /** The fleet ready to run: aligned when it asks for it, else each file as it is (no call to RDS). */
    public AlignedFleet prepare(Fleet fleet) {
        if (!fleet.alignment().aligned()) {
            return new AlignedFleet(fleet, null, fleet.members().stream().map(AlignedMember::asItIs).toList());
        }
        Instant time = fleet.alignment().at() != null ? fleet.alignment().at() : commonTime(fleet);
        List<AlignedMember> aligned = new ArrayList<>();
        for (FleetMember m : fleet.members()) {
            aligned.add(alignTo(m, time));
        }
        return new AlignedFleet(fleet, time, aligned);
    }

    /** One refresh rewritten to {@code time}: a snapshot refresh to its source's newest snapshot at or before it. */
    public AlignedMember alignTo(FleetMember m, Instant time) {
        if (m.plan().restore().restoreType() == RestoreType.FROM_SNAPSHOT) {
            Snapshot s = snapshotAtOrBefore(m, time);
            return AlignedRefreshFile.align(m, time, s.name(), s.time(), clock);
        }
        return AlignedRefreshFile.align(m, time, null, null, clock);
    }

    /**
     * The fleet state machine's input aligned, when the fleet asks for it: the common time chosen
     * now and every refresh file rewritten to it. An input that is not aligned is given back as it is.
     * A stored file (a key in S3) is read to choose the time and check it can be aligned, but stays
     * stored: the state carries its key, and its own iteration reads and aligns it
     * ({@link #prepareOne}). A run with an {@link FleetRun#item() item} is one iteration's call: see there.
     *
     * @throws AlignmentException when a source has no latest restorable time or no snapshot at or
     *     before the common time, or a refresh file is not valid: before any refresh starts
     */
    public FleetRun align(FleetRun run) {
        if (run.item() != null) {
            return prepareOne(run);
        }
        if (!run.fleet().align()) {
            return run;
        }
        List<FleetMember> members = new ArrayList<>();
        for (List<FleetRun.Item> wave : run.waves()) {
            for (FleetRun.Item item : wave) {
                members.add(member(run.fleet(), item));
            }
        }
        Alignment alignment = run.fleet().alignTo() != null ? Alignment.at(Instant.parse(run.fleet().alignTo())) : Alignment.LATEST_COMMON;
        AlignedFleet aligned = prepare(new Fleet(run.fleet().name(), members, Math.max(1, run.maxConcurrency()),
                new Tolerance(run.fleet().tolerance(), null), List.of(), null, alignment));
        // the aligned members come in the order of the members, which is the order of the items
        Iterator<AlignedMember> next = aligned.members().iterator();
        List<List<FleetRun.Item>> waves = new ArrayList<>();
        for (List<FleetRun.Item> wave : run.waves()) {
            List<FleetRun.Item> items = new ArrayList<>();
            for (FleetRun.Item item : wave) {
                AlignedMember m = next.next();
                items.add(item.isStored() ? item : new FleetRun.Item(item.target(), json(m.json(), item.target())));
            }
            waves.add(items);
        }
        return new FleetRun(run.fleet().withCommonTime(aligned.commonTime().toString()), run.maxConcurrency(), waves);
    }

    /**
     * One iteration's call, for its {@link FleetRun#item() item}: a failure is told in one line
     * ({@link RefreshFailureLine}); a stored file is read from S3 and, in an aligned fleet, rewritten
     * to the common time the first step chose, as that step would have rewritten it. The answer
     * holds the item alone, without the waves.
     */
    public FleetRun prepareOne(FleetRun run) {
        FleetRun.Item item = run.item();
        FleetRun.Item answer;
        if (item.failure() != null) {
            answer = new FleetRun.Item(item.target(), null, null, null, RefreshFailureLine.of(item.failure()));
        } else if (!item.isStored()) {
            answer = item;
        } else {
            FleetMember m = member(run.fleet(), item);
            String json = m.json();
            if (run.fleet().align()) {
                if (run.fleet().commonTime() == null) {
                    throw new AlignmentException("the fleet is aligned but its common time was not chosen: " + item.target());
                }
                json = alignTo(m, Instant.parse(run.fleet().commonTime())).json();
            }
            answer = new FleetRun.Item(item.target(), json(json, item.target()));
        }
        return new FleetRun(run.fleet(), run.maxConcurrency(), List.of(), answer);
    }

    private FleetMember member(FleetRun.About fleet, FleetRun.Item item) {
        String json;
        if (item.isStored()) {
            if (stored == null) {
                throw new AlignmentException("the refresh file of " + item.target() + " is stored in S3 (" + item.key()
                        + "), and this function cannot read S3");
            }
            json = stored.read(fleet.bucket(), item.key());
        } else {
            json = item.input().toString();
        }
        RefreshFileResult read = RefreshFiles.read(json, clock);
        if (!read.valid()) {
            throw new AlignmentException("the refresh file of " + item.target() + " is not valid: " + read.errors());
        }
        if (!read.plan().target().equals(item.target())) {
            throw new AlignmentException("the refresh file stored for " + item.target() + " refreshes " + read.plan().target());
        }
        return new FleetMember(item.isStored() ? item.key() : item.target(), json, read.plan());
    }

    private static JsonNode json(String text, String target) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("an aligned refresh file is JSON: " + target, e);
        }
    }

    /** The latest time every point-in-time source of the fleet can be restored to. */
    public Instant commonTime(Fleet fleet) {
        Map<String, Instant> latest = new LinkedHashMap<>();
        for (FleetMember m : fleet.members()) {
            if (m.plan().restore().restoreType() == RestoreType.FROM_SNAPSHOT) {
                continue;
            }
            String source = m.plan().source();
            latest.computeIfAbsent(source, s -> latestRestorable(m));
        }
        // only snapshot refreshes: their newest snapshots are the latest they can have, now
        Instant common = latest.values().stream().min(Comparator.naturalOrder()).orElse(clock.instant());
        return common.truncatedTo(ChronoUnit.SECONDS);
    }

    private Instant latestRestorable(FleetMember m) {
        String source = m.plan().source();
        Instant t;
        try {
            if (m.plan().service() == DbService.AURORA) {
                List<DBCluster> found = rds.describeDBClusters(b -> b.dbClusterIdentifier(source)).dbClusters();
                t = found.isEmpty() ? null : found.get(0).latestRestorableTime();
            } else {
                List<DBInstance> found = rds.describeDBInstances(b -> b.dbInstanceIdentifier(source)).dbInstances();
                t = found.isEmpty() ? null : found.get(0).latestRestorableTime();
            }
        } catch (DbInstanceNotFoundException | DbClusterNotFoundException e) {
            // the fleet cannot be aligned without it: said as the alignment's failure, naming the file, before any refresh
            throw new AlignmentException("source " + source + " (of " + m.file() + ") does not exist in this account and region,"
                    + " so the fleet has no common point in time");
        }
        if (t == null) {
            throw new AlignmentException("source " + source + " (of " + m.file() + ") has no latest restorable time:"
                    + " its automated backups are off, so it cannot be restored to a point in time");
        }
        return t;
    }

    private record Snapshot(String name, Instant time) {
    }

    private Snapshot snapshotAtOrBefore(FleetMember m, Instant time) {
        String source = m.plan().source();
        boolean arn = RdsArn.isArn(source);
        String name = arn ? RdsArn.resourceNameOf(source) : source;
        Optional<Snapshot> best;
        if (m.plan().service() == DbService.AURORA) {
            best = rds.describeDBClusterSnapshotsPaginator(b -> b.dbClusterIdentifier(name).includeShared(arn ? true : null))
                    .dbClusterSnapshots().stream()
                    .filter(s -> AVAILABLE.equals(s.status()) && s.snapshotCreateTime() != null && !s.snapshotCreateTime().isAfter(time))
                    .max(Comparator.comparing(DBClusterSnapshot::snapshotCreateTime))
                    .map(s -> new Snapshot(arn ? s.dbClusterSnapshotArn() : s.dbClusterSnapshotIdentifier(), s.snapshotCreateTime()));
        } else {
            best = rds.describeDBSnapshotsPaginator(b -> b.dbInstanceIdentifier(name).includeShared(arn ? true : null))
                    .dbSnapshots().stream()
                    .filter(s -> AVAILABLE.equals(s.status()) && dataTime(s) != null && !dataTime(s).isAfter(time))
                    .max(Comparator.comparing(FleetAlignment::dataTime))
                    .map(s -> new Snapshot(arn ? s.dbSnapshotArn() : s.dbSnapshotIdentifier(), dataTime(s)));
        }
        return best.orElseThrow(() -> new AlignmentException("source " + source + " (of " + m.file()
                + ") has no available snapshot taken at or before " + time + ", the fleet's common time"));
    }

    private static Instant dataTime(DBSnapshot s) {
        return s.originalSnapshotCreateTime() != null ? s.originalSnapshotCreateTime() : s.snapshotCreateTime();
    }
}
