package io.dbrefresh.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.fleet.FleetFreshness;
import io.dbrefresh.fleet.FleetMember;
import io.dbrefresh.fleet.TargetFreshness;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.refreshfile.Json;

/**
 * The fleet view: every target the history knows and every target a refresh file of the
 * folder declares (also one never refreshed), one cell per database placed by its application
 * and environment, with its latest run's status, its last successful refresh and the verdict
 * {@code history --fresh} gives ({@link FleetFreshness#judge}): stale when never refreshed,
 * when its last refresh failed, or when its data is older than the freshness target.
 */
final class FleetGrid {

    private static final String[] STATUSES = {RefreshRecord.RUNNING, RefreshRecord.SUCCEEDED, RefreshRecord.FAILED};

    private FleetGrid() {
    }

    /** @param declared the folder's valid refresh files, by the target each refreshes */
    static ObjectNode read(HistoryTable history, String table, List<FleetMember> declared, Duration maxAge, Instant now) {
        List<RefreshRecord> rows = new ArrayList<>();
        for (String status : STATUSES) {
            rows.addAll(history.byStatus(table, status, null, 0));
        }
        Map<String, List<RefreshRecord>> byDatabase = new LinkedHashMap<>();
        for (RefreshRecord r : rows) {
            byDatabase.computeIfAbsent(HistoryTable.normal(r.dbInstance()), k -> new ArrayList<>()).add(r);
        }
        Map<String, FleetMember> files = new LinkedHashMap<>();
        for (FleetMember m : declared) {
            files.putIfAbsent(HistoryTable.normal(m.target()), m);
            byDatabase.putIfAbsent(HistoryTable.normal(m.target()), new ArrayList<>());
        }
        ObjectNode grid = Json.MAPPER.createObjectNode();
        grid.put("table", table);
        grid.put("now", now.toString());
        grid.put("maxAgeSeconds", maxAge.toSeconds());
        TreeSet<String> applications = new TreeSet<>();
        TreeSet<String> environments = new TreeSet<>();
        ArrayNode cells = grid.putArray("cells");
        byDatabase.forEach((database, runs) -> {
            runs.sort(Comparator.comparing(RefreshRecord::restoreDate).reversed());
            FleetMember file = files.get(database);
            TargetFreshness verdict = FleetFreshness.judge(file, runs, maxAge, now);
            RefreshRecord latest = verdict.last();
            RefreshRecord lastSuccess = verdict.lastSuccess();
            String application = orNone(latest != null ? latest.application() : file.plan().application());
            String environment = orNone(latest != null ? latest.environment() : file.plan().environment());
            applications.add(application);
            environments.add(environment);
            ObjectNode cell = cells.addObject();
            cell.put("database", latest != null ? latest.dbInstance() : file.target());
            cell.put("application", application);
            cell.put("environment", environment);
            cell.put("status", latest == null ? "NEVER" : latest.status());
            cell.put("file", file == null ? null : file.file());
            cell.put("started", latest == null ? null : text(latest.restoreDate()));
            cell.put("source", latest != null ? latest.source() : file.plan().source());
            cell.put("failedStep", latest == null ? null : latest.failedStep());
            cell.put("error", latest == null ? null : latest.error());
            cell.put("lastRefresh", lastSuccess == null ? null : text(lastSuccess.restoreDate()));
            cell.put("alignedTo", lastSuccess == null ? null : text(lastSuccess.alignedTo()));
            if (verdict.age() == null) {
                cell.putNull("ageSeconds");
            } else {
                cell.put("ageSeconds", verdict.age().toSeconds());
            }
            cell.put("stale", !verdict.fresh());
            cell.put("verdict", verdict.reason());
        });
        applications.forEach(grid.putArray("applications")::add);
        environments.forEach(grid.putArray("environments")::add);
        return grid;
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? "(none)" : s;
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
