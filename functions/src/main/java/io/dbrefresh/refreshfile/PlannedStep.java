package io.dbrefresh.refreshfile;

/**
 * One step of the plan: whether it runs, how long to wait between checks, how many
 * checks before the step times out, and whether its completion is checked at all.
 */
public record PlannedStep(StepId id, boolean run, int waitSeconds, int maxPolls, boolean check) {
}
