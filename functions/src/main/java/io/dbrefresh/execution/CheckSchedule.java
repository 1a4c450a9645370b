package io.dbrefresh.execution;

import java.time.Duration;
import java.time.Instant;

import io.dbrefresh.refreshfile.PlannedStep;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.timeline.PollSchedule;

/**
 * When one step of one execution is checked: the first check at the end the timeline model
 * expects for this copy's size, then every {@code wait_time} seconds, at most a quarter minute
 * ({@link PollSchedule#forStep}), until the step's {@code timeout}, counted in seconds from its
 * start. The starts ask for the first wait, the shared check for the next one and for the bound,
 * so every polled step keeps the same schedule.
 *
 * @param poll    the model's schedule for the step
 * @param timeout the step's bound in seconds from its start
 */
public record CheckSchedule(PollSchedule poll, long timeout) {

    /**
     * The schedule of {@code step} in this execution. The copy's size is {@code sizeGiB} when the
     * caller has it (perform-restore's start), else what perform-restore recorded, else the
     * model's default.
     */
    public static CheckSchedule of(StepInput in, StepId step, Integer sizeGiB) {
        Integer size = sizeGiB;
        if (size == null && in.results() != null) {
            StepResult restore = in.result(StepId.PERFORM_RESTORE);
            size = restore == null ? null : restore.sizeGiB();
        }
        PlannedStep planned = in.plan().step(step);
        PollSchedule poll = PollSchedule.forStep(in.plan(), step, size == null ? PollSchedule.DEFAULT_SIZE_GIB : size);
        long timeout = planned == null || planned.timeoutSeconds() <= 0 ? Long.MAX_VALUE : planned.timeoutSeconds();
        return new CheckSchedule(poll, timeout);
    }

    /**
     * A start's result with the wait before its first check: the model's, within the bound; none
     * when the start left nothing pending (the first check then finds it done).
     */
    public StepResult firstCheck(StepResult started, StepEnvironment env, boolean pending) {
        long first = pending ? poll.firstWait(timeout) : 0;
        return started.withFirstCheck(env.waitSeconds((int) Math.min(Integer.MAX_VALUE, first)), first);
    }

    /**
     * The result of a check that found the operation still under way: one more check, after the
     * schedule's next wait.
     *
     * @throws StepTimeoutException when the step's bound is reached: the seconds since it started,
     *                              on the clock or as the schedule counts them, whichever is more
     */
    public StepResult again(StepResult current, Instant now, StepEnvironment env, String displayName, String lastSeen) {
        long onTheClock = current.startedAt() == null ? 0 : Math.max(0, Duration.between(current.startedAt(), now).toSeconds());
        long elapsed = Math.max(onTheClock, current.scheduled() == null ? 0 : current.scheduled());
        long next = poll.nextWait(elapsed, timeout);
        if (next <= 0) {
            int checks = current.polls() + 1;
            throw new StepTimeoutException(displayName + " did not finish within its timeout of " + timeout + " s: "
                    + checks + (checks == 1 ? " check" : " checks") + " over " + elapsed / 60 + " min " + elapsed % 60
                    + " s; last seen: " + lastSeen);
        }
        return current.withPoll(env.waitSeconds((int) next), elapsed + next);
    }
}
