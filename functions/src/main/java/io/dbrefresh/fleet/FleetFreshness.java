package io.dbrefresh.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.history.RefreshRecord;

/**
 * Answers "is every database of the fleet refreshed, and fresh enough?" from the history
 * table, for every target the fleet declares: a database that was never refreshed is in the
 * answer too (stale), as is one whose last refresh failed (stale: it holds older data than
 * was asked for), and, with a freshness target, one whose data is older than it.
 */
public final class FleetFreshness {

    /** How many of a database's newest rows are read to find its last success behind failures. */
    static final int ROWS_PER_DATABASE = 50;

    private final HistoryTable history;
    private final Clock clock;

    public FleetFreshness(HistoryTable history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    /** @param defaultTable the history table of a refresh file that names none */
    public List<TargetFreshness> report(Fleet fleet, String defaultTable) {
        Instant now = clock.instant();
        return fleet.members().stream().map(m -> {
            String table = m.plan().tableName() != null ? m.plan().tableName() : defaultTable;
            return judge(m, history.byDatabase(table, m.target(), null, ROWS_PER_DATABASE), fleet.maxAge(), now);
        }).toList();
    }

    /** The verdict for one database from its rows, newest first ({@code m} is only carried into the answer; the console passes null for a database no file declares). */
    public static TargetFreshness judge(FleetMember m, List<RefreshRecord> newestFirst, Duration maxAge, Instant now) {
        RefreshRecord last = newestFirst.isEmpty() ? null : newestFirst.get(0);
        RefreshRecord success = newestFirst.stream().filter(r -> RefreshRecord.SUCCEEDED.equals(r.status())).findFirst().orElse(null);
        Duration age = success == null ? null : Duration.between(dataTime(success), now);
        if (last != null && RefreshRecord.FAILED.equals(last.status())) {
            String at = last.failedStep() != null ? " at " + last.failedStep() : "";
            return new TargetFreshness(m, success, last, age, false, "stale: the last refresh FAILED" + at
                    + (success == null ? "; never refreshed successfully" : "; the copy is of the refresh before"));
        }
        if (success == null) {
            return new TargetFreshness(m, null, last, null, false, last != null && RefreshRecord.RUNNING.equals(last.status())
                    ? "stale: never refreshed yet (the first refresh is RUNNING)" : "stale: never refreshed");
        }
        if (maxAge != null && age.compareTo(maxAge) > 0) {
            return new TargetFreshness(m, success, last, age, false, "stale: older than " + Freshness.age(maxAge));
        }
        String running = last != null && RefreshRecord.RUNNING.equals(last.status()) ? " (a refresh is RUNNING)" : "";
        return new TargetFreshness(m, success, last, age, true,
                (maxAge == null ? "fresh: refreshed, no freshness target" : "fresh: within " + Freshness.age(maxAge)) + running);
    }

    /** The time the copy's data is of: what it is aligned to, else when its refresh started. */
    private static Instant dataTime(RefreshRecord r) {
        return r.alignedTo() != null ? r.alignedTo() : r.restoreDate();
    }
}
