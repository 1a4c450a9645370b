package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.refreshfile.Json;

/** History rows for people (an aligned table) and for programs (JSON with stable field names). */
public final class HistoryView {

    private static final String[] HEADERS = {"DATABASE", "STARTED", "STATUS", "SOURCE", "ALIGNED TO", "DURATION", "APP/ENV", "DETAIL"};

    private HistoryView() {
    }

    static void table(List<RefreshRecord> rows, PrintWriter out) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADERS);
        for (RefreshRecord r : rows) {
            cells.add(new String[] {
                    nz(r.dbInstance()), time(r.restoreDate()), nz(r.status()), source(r), time(r.alignedTo()),
                    duration(r), nz(r.application()) + (r.environment() == null ? "" : "/" + r.environment()), detail(r)});
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    public static String json(List<RefreshRecord> rows) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (RefreshRecord r : rows) {
            ObjectNode o = array.addObject();
            o.put("database", r.dbInstance());
            o.put("started", text(r.restoreDate()));
            o.put("status", r.status());
            o.put("application", r.application());
            o.put("environment", r.environment());
            o.put("source", r.source());
            o.put("restoreType", r.restoreType());
            o.put("snapshot", r.snapshot());
            o.put("alignedTo", text(r.alignedTo()));
            o.put("recorded", text(r.recordingTime()));
            Duration d = r.duration();
            if (d == null) {
                o.putNull("durationSeconds");
            } else {
                o.put("durationSeconds", d.toSeconds());
            }
            o.put("execution", r.execution());
            o.put("failedStep", r.failedStep());
            o.put("error", r.error());
            o.put("recovery", r.recovery());
            o.put("scripts", r.scripts());
            if (r.downtimeSeconds() != null) {
                o.put("downtimeSeconds", r.downtimeSeconds());
                if (r.exposureSeconds() == null) {
                    o.put("exposure", "no end");
                } else {
                    o.put("exposureSeconds", r.exposureSeconds());
                }
            }
            ObjectNode steps = o.putObject("stepSeconds");
            if (r.stepSeconds() != null) {
                r.stepSeconds().forEach(steps::put);
            }
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String source(RefreshRecord r) {
        String s = nz(r.source());
        return r.snapshot() == null ? s : s + " (snapshot " + r.snapshot() + ")";
    }

    private static String detail(RefreshRecord r) {
        if ("FAILED".equals(r.status())) {
            String d = (r.failedStep() == null ? "" : r.failedStep() + ": ") + nz(r.error());
            return r.recovery() == null ? d : d + " [" + r.recovery() + "]";
        }
        if ("RUNNING".equals(r.status())) {
            return nz(r.execution());
        }
        return nz(r.scripts());
    }

    static String duration(RefreshRecord r) {
        if ("RUNNING".equals(r.status())) {
            return "-";
        }
        Duration d = r.duration();
        if (d == null) {
            return "";
        }
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60) : String.format("%dm%02ds", s / 60, s % 60);
    }

    private static String time(Instant i) {
        return i == null ? "" : i.toString().replace('T', ' ').replace("Z", "");
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
