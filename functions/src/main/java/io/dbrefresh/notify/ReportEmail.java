package io.dbrefresh.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dbrefresh.execution.RecoveryReport;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.rds.CopyDetails;
import io.dbrefresh.secrets.Redaction;

/**
 * The e-mail report of one refresh: a subject, a plain-text part and an HTML part that say the
 * same. Every value is escaped in the HTML (a source name or an error text cannot add markup),
 * and every secret handed in is masked in all three parts.
 */
public record ReportEmail(String subject, String text, String html) {

    /**
     * @param copy     the refreshed copy as RDS describes it, or null (a failure, or it could not be described)
     * @param recovery what the recovery path did, or null after a success
     * @param secrets  values that must not appear (masked where a library quoted one back)
     */
    public static ReportEmail render(RefreshRecord r, CopyDetails copy, RecoveryReport recovery, String... secrets) {
        List<String[]> facts = facts(r, copy, recovery);
        String summary = RefreshNotifier.summary(r);
        StringBuilder text = new StringBuilder(summary).append("\n\n");
        for (String[] f : facts) {
            text.append(f[0]).append(": ").append(f[1]).append('\n');
        }
        Map<String, Long> steps = r.stepSeconds() == null ? Map.of() : r.stepSeconds();
        if (!steps.isEmpty()) {
            text.append("\nSteps:\n");
            steps.forEach((step, secs) -> text.append("  ").append(step).append(": ").append(seconds(secs)).append('\n'));
        }
        boolean ok = RefreshRecord.SUCCEEDED.equals(r.status());
        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(RefreshNotifier.subject(r)))
                .append("</title></head>\n<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222\">\n")
                .append("<h2 style=\"color:").append(ok ? "#1d7a32" : "#b3261e").append("\">").append(escape(r.status()))
                .append(": ").append(escape(r.dbInstance())).append("</h2>\n")
                .append("<p>").append(escape(summary)).append("</p>\n")
                .append("<table style=\"border-collapse:collapse\">\n");
        for (String[] f : facts) {
            html.append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;vertical-align:top\">").append(escape(f[0]))
                    .append("</th><td style=\"padding:2px 0\">").append(escape(f[1])).append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (!steps.isEmpty()) {
            html.append("<h3>Steps</h3>\n<table style=\"border-collapse:collapse\">\n");
            steps.forEach((step, secs) -> html.append("<tr><td style=\"padding:2px 12px 2px 0\">").append(escape(step))
                    .append("</td><td style=\"text-align:right\">").append(escape(seconds(secs))).append("</td></tr>\n"));
            html.append("</table>\n");
        }
        html.append("</body></html>\n");
        return new ReportEmail(Redaction.redact(RefreshNotifier.subject(r), secrets),
                Redaction.redact(text.toString(), secrets), Redaction.redact(html.toString(), secrets));
    }

    /** The labelled facts, in reading order; absent ones are left out. */
    static List<String[]> facts(RefreshRecord r, CopyDetails copy, RecoveryReport recovery) {
        List<String[]> out = new ArrayList<>();
        add(out, "Status", r.status());
        add(out, "Target", r.dbInstance() + (r.service() == null ? "" : " (" + r.service() + ")"));
        add(out, "Application", r.application());
        add(out, "Environment", r.environment());
        add(out, "Source", r.source());
        add(out, "Restore type", r.restoreType());
        add(out, "Snapshot", r.snapshot());
        add(out, "Data aligned to", r.alignedTo() == null ? null : r.alignedTo().toString());
        if (copy != null) {
            add(out, "Endpoint", copy.endpoint() == null ? null : copy.endpoint() + (copy.port() == null ? "" : ":" + copy.port()));
            add(out, "Reader endpoint", copy.readerEndpoint());
            add(out, "Engine", copy.engine());
            add(out, "Instance class", copy.instanceClass());
            add(out, "Storage", copy.storage());
            add(out, "Replicas", copy.replicas().isEmpty() ? "none" : String.join(", ", copy.replicas()));
        }
        add(out, "Masking scripts", r.scripts());
        add(out, "Started", r.restoreDate() == null ? null : r.restoreDate().toString());
        add(out, "Duration", RefreshNotifier.duration(r.duration()));
        if (r.downtimeSeconds() != null) {
            add(out, "Downtime", seconds(r.downtimeSeconds()));
        }
        add(out, "Failed step", r.failedStep());
        add(out, "Error", r.error());
        if (recovery != null && recovery.recoveryError() == null) {
            add(out, "Recovery did", recovery.actions() == null || recovery.actions().isEmpty()
                    ? "nothing to undo" : String.join("; ", recovery.actions()));
            add(out, "Old data is at", recovery.oldDataAt());
        } else {
            add(out, "Recovery", r.recovery());
        }
        add(out, "Execution", r.execution());
        return out;
    }

    /** Text made safe inside HTML elements and double-quoted attributes. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String seconds(long s) {
        return RefreshNotifier.duration(Duration.ofSeconds(s));
    }

    private static void add(List<String[]> out, String label, String value) {
        if (value != null && !value.isEmpty()) {
            out.add(new String[] {label, value});
        }
    }
}
