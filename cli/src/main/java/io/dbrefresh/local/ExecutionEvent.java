package io.dbrefresh.local;

import java.time.Instant;

/**
 * One entry of a local execution's history.
 *
 * @param type {@code ExecutionStarted}, {@code ExecutionSucceeded}, {@code ExecutionFailed},
 *     {@code ExecutionAborted}, {@code ExecutionTimeout}, {@code StateEntered}, {@code StateExited},
 *     {@code StateFailed}, {@code StateRetried}, {@code StateCaught}, {@code ParallelBranch*},
 *     {@code MapIteration*}
 * @param state the state's name (the Parallel or Map state's for branch and iteration events);
 *     null for execution events
 * @param stateType {@code Task}, {@code Choice}, {@code Wait}, ...; null for execution events
 * @param input the state's raw input (the execution's for {@code ExecutionStarted}), as JSON
 * @param output the state's output after ResultSelector, ResultPath and OutputPath (the
 *     execution's for {@code ExecutionSucceeded}), as JSON
 * @param error the error name, for failure events
 * @param cause the error cause, for failure events
 */
public record ExecutionEvent(
        String type,
        String state,
        String stateType,
        String input,
        String output,
        String error,
        String cause,
        Instant timestamp) {
}
