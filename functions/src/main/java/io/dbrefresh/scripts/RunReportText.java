package io.dbrefresh.scripts;

import java.util.Locale;

/** A run report as a person reads it in a terminal (the local run prints it). */
public final class RunReportText {

    private RunReportText() {
    }

    public static String render(RunReport r) {
        StringBuilder b = new StringBuilder();
        b.append("Scripts on ").append(r.target()).append(" (").append(r.engine()).append(", ").append(r.method())
                .append("): ").append(r.status()).append('\n');
        for (ScriptReport s : r.scripts()) {
            b.append(String.format(Locale.ROOT, "  %s  sha256 %s  %d/%d statements  %d rows  %d ms%s%n", s.key(),
                    s.sha256() == null ? "-" : s.sha256().substring(0, Math.min(12, s.sha256().length())), s.executed(),
                    s.statements(), s.rowsAffected(), s.durationMillis(), s.failed() > 0 ? "  " + s.failed() + " failed" : ""));
            for (StatementReport st : s.details()) {
                b.append(String.format(Locale.ROOT, "    line %-5d %7d ms  %-10s %s%n", st.line(), st.durationMillis(),
                        st.failed() ? "FAILED" : st.rowsAffected() == null ? "" : st.rowsAffected() + " rows",
                        Text.abbreviate(st.sql().replaceAll("\\s+", " "), 80)));
                if (st.failed()) {
                    b.append("      ").append(st.error()).append('\n');
                }
            }
        }
        if (r.error() != null) {
            b.append("  error: ").append(r.error().summary()).append('\n');
        }
        if (r.warnings() != null) {
            r.warnings().forEach(w -> b.append("  warning: ").append(w).append('\n'));
        }
        b.append("  ").append(r.statements()).append(" statements, ").append(r.rowsAffected()).append(" rows, ")
                .append(r.durationMillis()).append(" ms\n");
        return b.toString();
    }
}
