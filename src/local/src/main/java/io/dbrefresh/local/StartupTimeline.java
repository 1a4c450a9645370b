package io.dbrefresh.local;

/**
 * Where a local run's start-up time goes: with {@code DBREFRESH_TIMELINE} set, each milestone
 * (moto answering, the database server ready, seeding done, the engine ready) is written to
 * standard error as it happens, one {@code timeline: <what>} line, for the profile of
 * {@code docs/bench/local-run-profile.sh}, which stamps every line with the time since the command
 * began. Silent otherwise.
 */
public final class StartupTimeline {

    private static final boolean ON = System.getenv("DBREFRESH_TIMELINE") != null;

    private StartupTimeline() {
    }

    public static void mark(String what) {
        if (ON) {
            System.err.println("timeline: " + what);
        }
    }
}
