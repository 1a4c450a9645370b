package io.dbrefresh.refreshfile;

/**
 * One step of the plan: whether it runs, the longest wait between its checks ({@code wait_time}),
 * how many checks fixed polling would get before the step times out, whether its completion is
 * checked at all, and its time bound in seconds ({@code timeout}).
 *
 * @param timeoutSeconds the step's bound, from its start; a plan written before the bound was a
 *                       time (no such field) gets the one its checks made: {@code maxPolls x waitSeconds}
 */
public record PlannedStep(StepId id, boolean run, int waitSeconds, int maxPolls, boolean check, int timeoutSeconds) {

    public PlannedStep {
        if (timeoutSeconds <= 0) {
            timeoutSeconds = maxPolls * waitSeconds;
        }
    }

    /** A step bounded by the checks fixed polling would make: {@code maxPolls x waitSeconds} seconds. */
    public PlannedStep(StepId id, boolean run, int waitSeconds, int maxPolls, boolean check) {
        this(id, run, waitSeconds, maxPolls, check, 0);
    }
}
