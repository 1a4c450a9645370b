package io.dbrefresh.timeline;

import io.dbrefresh.refreshfile.PlannedStep;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;

/**
 * What one execution of the state machine costs, in the shape the generated definition has:
 * eight fixed transitions (validate, lock, guard, preflight, verify-copy, the end, and the two
 * Choices that pick the first step that runs after pre-flight and after verify-copy) and five
 * Lambda invocations; a step the file does not run enters no state; a polled step that runs
 * adds its start Task, which goes straight to its Wait, and each check a Wait, the check Task and
 * its {@code done?} Choice, which goes on to the next step that runs; a single task (history,
 * message) adds one, and one more for the Choice after it when a step of its segment follows
 * (update-dynamodb before send-msg); a refresh from another account adds share-source (its first
 * call and {@code done?}, one more call: Wait, Task, {@code done?}), remove-source-copies and the
 * Choice after it. Checks come as the check step schedules them ({@link PollSchedule#fromModel}:
 * the first at the step's expected end, so one check each when every operation ends as
 * modelled), or, for the original solution's polling, every {@code wait_time} seconds until the step's
 * expected duration is over, at least one.
 *
 * @param dollars Step Functions standard transitions plus Lambda requests and duration, at the
 *                list prices below
 */
public record ExecutionCost(long transitions, long invocations, double dollars) {

    /** US East (N. Virginia) list prices: Step Functions standard, per transition. */
    public static final double PER_TRANSITION = 0.025 / 1000;
    /** Lambda, per request. */
    public static final double PER_INVOCATION = 0.20 / 1_000_000;
    /** Lambda (x86), per GB-second. */
    public static final double PER_GB_SECOND = 0.0000166667;
    /** What one invocation of a step function is assumed to use: 512 MB for 0.3 s. */
    public static final double GB_SECONDS_PER_INVOCATION = 0.5 * 0.3;

    // validate, acquire-lock, guard-target, preflight and verify-copy (one Task each), the end, and the Choices after
    // pre-flight and after verify-copy that pick the first step that runs: what every execution passes through
    static final int FIXED_TRANSITIONS = 8;
    static final int FIXED_INVOCATIONS = 5;

    /** What the state machine costs: each step checked on the schedule the check step follows, drawn from the model. */
    public static ExecutionCost of(RefreshPlan plan, Timeline timeline) {
        return polled(plan, timeline, (step, planned, seconds) -> PollSchedule.fromModel(seconds, planned.waitSeconds()));
    }

    /** The cost with a check every {@code wait_time} seconds from each step's start: the original solution's polling. */
    public static ExecutionCost everyWaitTime(RefreshPlan plan, Timeline timeline) {
        return polled(plan, timeline, (step, planned, seconds) -> PollSchedule.fixed(planned.waitSeconds()));
    }

    /** Which schedule checks a polled step, given its plan and its modelled seconds. */
    @FunctionalInterface
    public interface Schedules {
        PollSchedule of(StepId step, PlannedStep planned, long modelledSeconds);
    }

    /** The cost when each polled step is checked on its schedule until the end the timeline models for it. */
    public static ExecutionCost polled(RefreshPlan plan, Timeline timeline, Schedules schedules) {
        return counted(plan, (step, planned) -> {
            long seconds = modelled(timeline, step);
            return schedules.of(step, planned, seconds).checks(seconds);
        });
    }

    /** The seconds the timeline gives a step (0 when it does not run). */
    public static long modelled(Timeline timeline, StepId step) {
        return timeline.steps().stream().filter(s -> s.step() == step).mapToLong(Timeline.Span::seconds).findFirst().orElse(0);
    }

    /**
     * The cost when every polled step's first check finds its operation done: the fewest
     * transitions and invocations the definition allows, what a local run against the emulator
     * uses, so the benchmark can hold the model's accounting against a measured run.
     */
    public static ExecutionCost oneCheckEach(RefreshPlan plan) {
        return counted(plan, (step, planned) -> 1L);
    }

    /**
     * A Task that names one next state is followed by a Choice when a step of its segment comes
     * after it (the copy's steps up to verify-copy, the swap and what follows to the end).
     */
    private static boolean choiceAfter(StepId step) {
        StepId[] all = StepId.values();
        return step.ordinal() + 1 < all.length && all[step.ordinal() + 1] != StepId.SWAP_STARTS_AT;
    }

    private static ExecutionCost counted(RefreshPlan plan, java.util.function.BiFunction<StepId, PlannedStep, Long> checksOf) {
        long transitions = FIXED_TRANSITIONS;
        long invocations = FIXED_INVOCATIONS;
        for (StepId step : StepId.values()) {
            PlannedStep planned = plan.steps().get(step);
            if (planned == null || !planned.run()) {
                continue;
            }
            if (!step.polled()) {
                transitions += 1 + (choiceAfter(step) ? 1 : 0);
                invocations++;
                continue;
            }
            long checks = checksOf.apply(step, planned);
            transitions += 1 + 3 * checks;
            invocations += 1 + checks;
        }
        PlannedStep restore = plan.steps().get(StepId.PERFORM_RESTORE);
        if (plan.restore() != null && plan.restore().crossAccount() && restore != null && restore.run()) {
            // share-source's first call and done?, one more call (wait, Task, done?) as a copy takes at least two,
            // remove-source-copies and the Choice after it
            transitions += 2 + 3 + 1 + (choiceAfter(StepId.PERFORM_RESTORE) ? 1 : 0);
            invocations += 2 + 1;
        }
        double dollars = transitions * PER_TRANSITION + invocations * (PER_INVOCATION + GB_SECONDS_PER_INVOCATION * PER_GB_SECOND);
        return new ExecutionCost(transitions, invocations, dollars);
    }
}
