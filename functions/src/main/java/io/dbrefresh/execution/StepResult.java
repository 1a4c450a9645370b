package io.dbrefresh.execution;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.dbrefresh.refreshfile.Replica;
import io.dbrefresh.refreshfile.ReplicaDescription;

/**
 * What a step's start handler returns and its check handler updates, kept in
 * {@code $.results.<step>}. The check copies what the start remembered (replicas removed,
 * whether the old target was stopped, ...) so later steps and recovery can read it.
 *
 * @param waitSeconds    how long the state machine waits before the next check
 * @param polls          checks done so far
 * @param resource       the instance or cluster the step acted on
 * @param replicas       delete-replicas: what was removed (to recreate); create-read-replicas: what was created
 * @param alignedTo      perform-restore: the point in time the new copy's data is aligned to
 * @param snapshot       perform-restore: the snapshot restored; delete-old-*: the final snapshot taken
 * @param acted          true when this execution changed something (stopped, created, deleted, renamed)
 * @param tags           perform-restore: the old target's tags, captured before anything replaces it;
 *                       fix-tags: the tags the refreshed target was given
 * @param replicaDetails delete-replicas: each removed replica with its zone, parameter group and tags
 * @param sizeGiB        perform-restore: the copy's allocated storage, which the later steps' check schedules read
 *                       (null when RDS does not say, as for an Aurora cluster)
 * @param scheduled      seconds from the step's start to the check the state machine waits for, as the schedule asks
 *                       them: a local run's shortened waits count in full, so the step's time bound holds there too
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
        Boolean acted,
        Map<String, String> tags,
        List<ReplicaDescription> replicaDetails,
        Integer sizeGiB,
        Long scheduled) {

    /** A result without tags or replica details (every step but perform-restore, fix-tags, delete-replicas). */
    public StepResult(String step, StepStatus status, int waitSeconds, int polls, Instant startedAt, Instant finishedAt,
                      String message, String resource, List<Replica> replicas, Instant alignedTo, String snapshot, Boolean acted) {
        this(step, status, waitSeconds, polls, startedAt, finishedAt, message, resource, replicas, alignedTo, snapshot, acted,
                null, null, null, null);
    }

    /** What a start handler returns: the operation is under way (or skipped), nothing checked yet. */
    public static StepResult started(String step, int waitSeconds, Instant now, String resource, String message, boolean acted) {
        return new StepResult(step, StepStatus.IN_PROGRESS, waitSeconds, 0, now, null, message, resource, null, null, null, acted);
    }

    public StepResult withStatus(StepStatus newStatus, String newMessage, Instant now) {
        return new StepResult(step, newStatus, waitSeconds, polls, startedAt,
                newStatus == StepStatus.IN_PROGRESS ? null : now, newMessage, resource, replicas, alignedTo, snapshot, acted,
                tags, replicaDetails, sizeGiB, scheduled);
    }

    public StepResult withPoll(int newWaitSeconds) {
        return new StepResult(step, status, newWaitSeconds, polls + 1, startedAt, finishedAt, message, resource,
                replicas, alignedTo, snapshot, acted, tags, replicaDetails, sizeGiB, scheduled);
    }

    /** One more check, after which the state machine waits {@code newWaitSeconds}: the schedule's {@code newScheduled} from the start. */
    public StepResult withPoll(int newWaitSeconds, long newScheduled) {
        return new StepResult(step, status, newWaitSeconds, polls + 1, startedAt, finishedAt, message, resource,
                replicas, alignedTo, snapshot, acted, tags, replicaDetails, sizeGiB, newScheduled);
    }

    /** The first check comes after {@code newWaitSeconds}: the schedule's {@code newScheduled} from the start. */
    public StepResult withFirstCheck(int newWaitSeconds, long newScheduled) {
        return new StepResult(step, status, newWaitSeconds, polls, startedAt, finishedAt, message, resource,
                replicas, alignedTo, snapshot, acted, tags, replicaDetails, sizeGiB, newScheduled);
    }

    public StepResult withSizeGiB(Integer newSizeGiB) {
        return new StepResult(step, status, waitSeconds, polls, startedAt, finishedAt, message, resource,
                replicas, alignedTo, snapshot, acted, tags, replicaDetails, newSizeGiB, scheduled);
    }

    public StepResult withReplicas(List<Replica> newReplicas) {
        return new StepResult(step, status, waitSeconds, polls, startedAt, finishedAt, message, resource,
                newReplicas, alignedTo, snapshot, acted, tags, replicaDetails, sizeGiB, scheduled);
    }

    public StepResult withAlignedTo(Instant newAlignedTo) {
        return new StepResult(step, status, waitSeconds, polls, startedAt, finishedAt, message, resource,
                replicas, newAlignedTo, snapshot, acted, tags, replicaDetails, sizeGiB, scheduled);
    }

    public StepResult withSnapshot(String newSnapshot) {
        return new StepResult(step, status, waitSeconds, polls, startedAt, finishedAt, message, resource,
                replicas, alignedTo, newSnapshot, acted, tags, replicaDetails, sizeGiB, scheduled);
    }

    public StepResult withTags(Map<String, String> newTags) {
        return new StepResult(step, status, waitSeconds, polls, startedAt, finishedAt, message, resource,
                replicas, alignedTo, snapshot, acted, newTags, replicaDetails, sizeGiB, scheduled);
    }

    public StepResult withReplicaDetails(List<ReplicaDescription> newDetails) {
        return new StepResult(step, status, waitSeconds, polls, startedAt, finishedAt, message, resource,
                replicas, alignedTo, snapshot, acted, tags, newDetails, sizeGiB, scheduled);
    }
}
