package io.dbrefresh.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.refreshfile.Json;

/**
 * The fleet view: every target the history knows, one cell per database, placed by its
 * application and environment, with its latest run's status and its last successful
 * refresh (when, aligned to when, how old). A copy older than the freshness target is stale.
 */
final class FleetGrid {

    private static final String[] STATUSES = {RefreshRecord.RUNNING, RefreshRecord.SUCCEEDED, RefreshRecord.FAILED};

    private FleetGrid() {
    }

    static ObjectNode read(HistoryTable history, String table, Duration maxAge, Instant now) {
        List<RefreshRecord> rows = new ArrayList<>();
        for (String status : STATUSES) {
            rows.addAll(history.byStatus(table, status, null, 0));
        }
        Map<String, List<RefreshRecord>> byDatabase = new LinkedHashMap<>();
        for (RefreshRecord r : HistoryTable.latestPerDatabase(rows)) {
            byDatabase.put(HistoryTable.normal(r.dbInstance()), new ArrayList<>());
        }
        for (RefreshRecord r : rows) {
            byDatabase.get(HistoryTable.normal(r.dbInstance())).add(r);
        }
        ObjectNode grid = Json.MAPPER.createObjectNode();
        grid.put("table", table);
        grid.put("now", now.toString());
        grid.put("maxAgeSeconds", maxAge.toSeconds());
        TreeSet<String> applications = new TreeSet<>();
        TreeSet<String> environments = new TreeSet<>();
        ArrayNode cells = grid.putArray("cells");
        byDatabase.forEach((database, runs) -> {
            RefreshRecord latest = HistoryTable.latestPerDatabase(runs).get(0);
            RefreshRecord lastSuccess = runs.stream().filter(r -> RefreshRecord.SUCCEEDED.equals(r.status()))
                    .max((a, b) -> a.restoreDate().compareTo(b.restoreDate())).orElse(null);
            String application = orNone(latest.application());
            String environment = orNone(latest.environment());
            applications.add(application);
            environments.add(environment);
            ObjectNode cell = cells.addObject();
            cell.put("database", latest.dbInstance());
            cell.put("application", application);
            cell.put("environment", environment);
            cell.put("status", latest.status());
            cell.put("started", text(latest.restoreDate()));
            cell.put("source", latest.source());
            cell.put("failedStep", latest.failedStep());
            cell.put("error", latest.error());
            if (lastSuccess == null) {
                cell.putNull("lastRefresh");
                cell.putNull("alignedTo");
                cell.putNull("ageSeconds");
                cell.put("stale", true);
            } else {
                Instant aligned = lastSuccess.alignedTo() != null ? lastSuccess.alignedTo() : lastSuccess.restoreDate();
                long age = Duration.between(aligned, now).toSeconds();
                cell.put("lastRefresh", text(lastSuccess.restoreDate()));
                cell.put("alignedTo", text(lastSuccess.alignedTo()));
                cell.put("ageSeconds", age);
                cell.put("stale", age > maxAge.toSeconds());
            }
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
