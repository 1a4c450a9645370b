package io.dbrefresh.refreshfile;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Decides, for each of the fifteen steps, whether it runs, the longest wait between its checks
 * and how long it may take before it times out. Every polling loop is bounded: the
 * original solution polled a failed restore forever.
 */
final class StepPlanner {

    static final int DEFAULT_WAIT_SECONDS = 30;
    static final int MAX_WAIT_SECONDS = 3600;
    static final int LONG_TIMEOUT_SECONDS = 14_400;
    static final int SHORT_TIMEOUT_SECONDS = 3600;
    static final int MAX_TIMEOUT_SECONDS = 86_400;

    private StepPlanner() {
    }

    /** Restores and instance creations take hours on large databases; the other steps minutes. */
    static int defaultTimeout(StepId step) {
        return switch (step) {
            case PERFORM_RESTORE, CREATE_INSTANCE, CREATE_READ_REPLICAS -> LONG_TIMEOUT_SECONDS;
            default -> SHORT_TIMEOUT_SECONDS;
        };
    }

    static Map<StepId, PlannedStep> plan(Blocks blocks, DbService service, RefreshFileSchema schema) {
        Map<StepId, PlannedStep> steps = new EnumMap<>(StepId.class);
        for (StepId step : StepId.values()) {
            steps.put(step, plan(step, blocks.get(step), service, schema));
        }
        return Collections.unmodifiableMap(steps);
    }

    private static PlannedStep plan(StepId step, Block b, DbService service, RefreshFileSchema schema) {
        boolean run = false;
        if (b != null) {
            b.require("torun", "say true to run this step or false to skip it");
            run = b.bool("torun", false);
            if (run && !ServiceScope.applies(step, service)) {
                b.error("torun", b.name() + " does not apply to dbservice " + service.json()
                        + (service == DbService.RDS ? " (it is an Aurora cluster step)" : " (Aurora clusters are not stopped before a refresh)")
                        + ": set torun to false or remove the block");
                run = false;
            }
            readCheck(step, b, run, schema);
        }
        if (!step.polled()) {
            if (b != null) {
                for (String key : new String[] {"wait_time", "timeout", "check"}) {
                    if (b.has(key)) {
                        b.warning(key, "ignored: " + b.name() + " is a single task, it is neither polled nor checked");
                    }
                }
            }
            return new PlannedStep(step, run, 0, 0, false);
        }
        int wait = DEFAULT_WAIT_SECONDS;
        int timeout = defaultTimeout(step);
        if (b != null) {
            Integer givenWait = b.number("wait_time", 1, MAX_WAIT_SECONDS);
            Integer givenTimeout = b.number("timeout", 1, MAX_TIMEOUT_SECONDS);
            wait = givenWait == null ? wait : givenWait;
            timeout = givenTimeout == null ? timeout : givenTimeout;
            if (givenWait != null && wait > timeout) {
                b.error("wait_time", "is longer than the step's timeout (" + timeout + " seconds"
                        + (givenTimeout == null ? ", the default" : "") + "): the step would time out before its first check");
            }
        }
        int maxPolls = (timeout + wait - 1) / wait;
        // a step that runs is always checked: later steps act on what it made
        return new PlannedStep(step, run, wait, maxPolls, run, timeout);
    }

    private static void readCheck(StepId step, Block b, boolean run, RefreshFileSchema schema) {
        Block check = b.check();
        if (check == null) {
            return;
        }
        String expected = schema.checkTodo(step.block());
        if (expected != null && check.has("checktodo")) {
            String given = check.text("checktodo");
            if (given != null && !given.equals(expected)) {
                check.error("checktodo", "must be " + expected + " for the " + b.name() + " block (or be left out); found \"" + given + "\"");
            }
        }
        Boolean checkRuns = check.bool("torun");
        if (run && step.polled() && Boolean.FALSE.equals(checkRuns)) {
            check.warning("torun", "ignored: a step that runs is always checked, because the steps after it depend on its result");
        }
    }
}
