package io.dbrefresh.steps;

import java.time.Instant;
import java.util.List;

import io.dbrefresh.refreshfile.Replica;

/**
 * What a step's start handler returns and its check handler updates, kept in
 * {@code $.results.<step>}. The check copies what the start remembered (replicas removed,
 * whether the old target was stopped, ...) so later steps and recovery can read it.
 *
 * @param waitSeconds how long the state machine waits before the next check
 * @param polls       checks done so far
 * @param resource    the instance or cluster the step acted on
 * @param replicas    delete-replicas: what was removed (to recreate); create-read-replicas: what was created
 * @param alignedTo   perform-restore: the point in time the new copy's data is aligned to
 * @param snapshot    perform-restore: the snapshot restored; delete-old-*: the final snapshot taken
 * @param acted       true when this execution changed something (stopped, created, deleted, renamed)
 */
public record StepResult(
        String step,
        StepStatus status,
        int waitSeconds,
        int polls,
        Instant startedAt,
        Instant finishedAt,
        String message,
        String resource,
        List<Replica> replicas,
        Instant alignedTo,
        String snapshot,
        Boolean acted) {

    public StepResult withStatus(StepStatus newStatus, String newMessage, Instant now) {
        return new StepResult(step, newStatus, waitSeconds, polls, startedAt,
                newStatus == StepStatus.IN_PROGRESS ? null : now, newMessage, resource, replicas, alignedTo, snapshot, acted);
    }

    public StepResult withPoll(int newWaitSeconds) {
        return new StepResult(step, status, newWaitSeconds, polls + 1, startedAt, finishedAt, message, resource,
                replicas, alignedTo, snapshot, acted);
    }

    public StepResult withReplicas(List<Replica> newReplicas) {
        return new StepResult(step, status, waitSeconds, polls, startedAt, finishedAt, message, resource,
                newReplicas, alignedTo, snapshot, acted);
    }

    public StepResult withAlignedTo(Instant newAlignedTo) {
        return new StepResult(step, status, waitSeconds, polls, startedAt, finishedAt, message, resource,
                replicas, newAlignedTo, snapshot, acted);
    }
}
