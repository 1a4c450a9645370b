package io.dbrefresh.cli;

import java.io.PrintWriter;

import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.timeline.OperationDurations;
import io.dbrefresh.timeline.StepOrder;
import io.dbrefresh.timeline.Timeline;

/** {@code plan --timeline}: the model's timeline of a refresh file, with the original order's figures beside it. */
public final class TimelineTable {

    private TimelineTable() {
    }

    public static void print(PrintWriter out, RefreshPlan plan, OperationDurations durations, double sizeGiB, String durationsFrom) {
        Timeline safe = Timeline.model(plan, StepOrder.SAFE, durations, sizeGiB);
        Timeline original = Timeline.model(plan, StepOrder.ORIGINAL, durations, sizeGiB);
        out.println("Timeline of " + plan.target() + " (" + plan.service().json() + "), modelled for " + number(sizeGiB)
                + " GiB with " + durationsFrom + ":");
        out.println();
        out.printf("%-22s %9s %9s%n", "STEP", "START", "DURATION");
        for (Timeline.Span s : safe.steps()) {
            out.printf("%-22s %9s %9s%n", s.step().displayName(), clock(s.start()), clock(s.seconds()));
        }
        out.println();
        out.printf("%-22s %9s %9s %9s%n", "", "TOTAL", "DOWNTIME", "EXPOSURE");
        out.printf("%-22s %9s %9s %9s%n", "this order (safe)", clock(safe.totalSeconds()), clock(safe.downtimeSeconds()),
                exposure(safe));
        out.printf("%-22s %9s %9s %9s%n", "original order", clock(original.totalSeconds()), clock(original.downtimeSeconds()),
                exposure(original));
        out.println();
        out.println("downtime: no available database answers under " + plan.target()
                + "; exposure: production's unmasked data or admin password reachable under " + plan.target() + ".");
        if (safe.exposureSeconds() == null) {
            out.println(plan.runs(StepId.RUN_SCRIPTS)
                    ? "exposure has no end: this file never changes the copy's admin password, so the copy keeps production's."
                    : "exposure has no end: this file runs no scripts, so the copy keeps production's data as it is.");
        }
    }

    private static String exposure(Timeline t) {
        return t.exposureSeconds() == null ? "no end" : clock(t.exposureSeconds());
    }

    /** h:mm:ss */
    static String clock(long seconds) {
        return String.format("%d:%02d:%02d", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
