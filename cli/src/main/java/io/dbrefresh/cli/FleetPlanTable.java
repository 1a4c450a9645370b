package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.dbrefresh.fleet.AlignedFleet;
import io.dbrefresh.fleet.AlignedMember;
import io.dbrefresh.fleet.Fleet;
import io.dbrefresh.fleet.FleetMember;
import io.dbrefresh.fleet.Freshness;
import io.dbrefresh.refreshfile.RefreshPlan;

/** A fleet's plan as a DBA reads it before starting it: how it runs, then its refreshes wave by wave. */
final class FleetPlanTable {

    private FleetPlanTable() {
    }

    /** @param aligned the fleet with its common time chosen (online), or null to say when it will be chosen */
    static void print(PrintWriter out, Fleet fleet, AlignedFleet aligned) {
        out.println("Fleet " + fleet.name() + ": " + fleet.members().size() + " refreshes, at most " + fleet.maxConcurrency()
                + " at a time, " + fleet.failuresAllowed() + " failure" + (fleet.failuresAllowed() == 1 ? "" : "s")
                + " allowed (tolerance " + fleet.tolerance().json() + ")");
        out.println("freshness target: " + (fleet.maxAge() == null ? "none" : Freshness.age(fleet.maxAge())));
        Instant common = aligned == null ? null : aligned.commonTime();
        out.println("aligned to: " + (common != null ? common + " (the common point in time every refresh restores to)"
                : fleet.alignment().describe()));
        List<List<FleetMember>> waves = fleet.waves();
        for (int w = 0; w < waves.size(); w++) {
            List<FleetMember> wave = waves.get(w);
            out.println();
            String environment = fleet.order().contains(wave.get(0).plan().environment())
                    ? wave.get(0).plan().environment() : "environments not in order";
            out.println("wave " + (w + 1) + " of " + waves.size() + " (" + environment + ")");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"TARGET", "SERVICE", "APPLICATION", "ENVIRONMENT", "RESTORE", "SOURCE", "FILE"});
            for (FleetMember m : wave) {
                RefreshPlan plan = m.plan();
                String restore = plan.restore().restoreType().json();
                if (aligned != null && aligned.commonTime() != null) {
                    AlignedMember a = aligned.member(plan.target());
                    restore = a.snapshot() != null ? "snapshot " + a.snapshot() + " (" + a.dataTime() + ")"
                            : a.plan().restore().restoreType().json() + " " + a.dataTime();
                }
                rows.add(new String[] {plan.target(), plan.service().json(), orDash(plan.application()),
                        orDash(plan.environment()), restore, plan.source(), m.file()});
            }
            printRows(out, rows);
        }
    }

    static void printRows(PrintWriter out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns; i++) {
                line.append(String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
