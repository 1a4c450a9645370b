package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.dbrefresh.rds.CopySettings;

/**
 * The settings the restored copy will have, each with where its value comes from: the refresh
 * file, the old target, or the AWS default. Offline the old target is not read, so what the
 * file leaves out is shown as the old target's, read when the restore starts.
 */
final class CopySettingsTable {

    private CopySettingsTable() {
    }

    static void print(PrintWriter out, List<CopySettings.Setting> settings, boolean online) {
        out.println();
        out.println(online ? "settings of the new copy (the old target read now):"
                : "settings of the new copy (offline: the old target is read when the restore starts; --online shows its values):");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SETTING", "FROM", "VALUE", "FILE KEY"});
        for (CopySettings.Setting s : settings) {
            String from = s.origin() == CopySettings.Origin.DEFAULT && !online ? "old target, else AWS default" : s.origin().label();
            String value = s.value() == null ? "-" : String.valueOf(s.value());
            if (!s.atRestore() && s.value() != null) {
                value += " (modify after the restore)";
            }
            rows.add(new String[] {s.name(), from, value, s.path() == null ? "-" : s.path()});
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            out.println(("  " + String.format("%-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  ", row[0], row[1], row[2])
                    + row[3]).stripTrailing());
        }
    }
}
