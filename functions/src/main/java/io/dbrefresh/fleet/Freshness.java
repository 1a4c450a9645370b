package io.dbrefresh.fleet;

import java.time.Duration;

/** How old a copy is, in the words the fleet file and the freshness report use. */
public final class Freshness {

    private Freshness() {
    }

    /** {@code 7d}, {@code 5h 03m}, {@code 12m}: days when whole, else hours and minutes. */
    public static String age(Duration d) {
        if (d == null) {
            return "-";
        }
        long minutes = Math.max(0, d.toMinutes());
        if (minutes >= 1440 && minutes % 1440 == 0) {
            return minutes / 1440 + "d";
        }
        if (minutes >= 1440) {
            return minutes / 1440 + "d " + (minutes % 1440) / 60 + "h";
        }
        if (minutes >= 60) {
            return String.format("%dh %02dm", minutes / 60, minutes % 60);
        }
        return minutes + "m";
    }
}
