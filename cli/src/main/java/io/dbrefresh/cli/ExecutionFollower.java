package io.dbrefresh.cli;

import java.time.Duration;

import io.dbrefresh.local.ExecutionEvent;
import io.dbrefresh.local.ExecutionListener;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Replays a Step Functions execution's history into the same listener a local run feeds
 * (so {@code start} and {@code status} print exactly what {@code run --local} prints), and
 * with {@link #follow} keeps polling until the execution ends.
 */
public final class ExecutionFollower {

    /** Sleeps between polls; tests pass one that does not. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final SfnClient sfn;
    private final ExecutionListener listener;
    private final Sleeper sleeper;
    private final Duration interval;
    private long lastEventId;
    private String currentState;

    public ExecutionFollower(SfnClient sfn, ExecutionListener listener, Sleeper sleeper, Duration interval) {
        this.sfn = sfn;
        this.listener = listener;
        this.sleeper = sleeper;
        this.interval = interval;
    }

    /** Feeds every event not seen yet; returns the execution's status now. */
    ExecutionStatus catchUp(String executionArn) {
        ExecutionStatus status = sfn.describeExecution(b -> b.executionArn(executionArn)).status();
        String token = null;
        do {
            GetExecutionHistoryResponse page = sfn.getExecutionHistory(GetExecutionHistoryRequest.builder()
                    .executionArn(executionArn).includeExecutionData(true).nextToken(token).build());
            for (HistoryEvent e : page.events()) {
                if (e.id() != null && e.id() > lastEventId) {
                    lastEventId = e.id();
                    ExecutionEvent translated = translate(e);
                    if (translated != null) {
                        listener.onEvent(translated);
                    }
                }
            }
            token = page.nextToken();
        } while (token != null);
        return status;
    }

    /** Feeds events until the execution is no longer RUNNING; returns how it ended. */
    public ExecutionStatus follow(String executionArn) throws InterruptedException {
        ExecutionStatus status = catchUp(executionArn);
        while (status == ExecutionStatus.RUNNING || status == ExecutionStatus.PENDING_REDRIVE) {
            sleeper.sleep(interval);
            status = catchUp(executionArn);
        }
        return status;
    }

    /** An AWS history event as the local engine's event; null for events the printer has no use for. */
    ExecutionEvent translate(HistoryEvent e) {
        HistoryEventType type = e.type();
        if (type == null) {
            return null;
        }
        String name = type.toString();
        if (name.endsWith("StateEntered") && e.stateEnteredEventDetails() != null) {
            currentState = e.stateEnteredEventDetails().name();
            return new ExecutionEvent("StateEntered", e.stateEnteredEventDetails().name(), stateType(name, "StateEntered"),
                    e.stateEnteredEventDetails().input(), null, null, null, e.timestamp());
        }
        if (name.endsWith("StateExited") && e.stateExitedEventDetails() != null) {
            return new ExecutionEvent("StateExited", e.stateExitedEventDetails().name(), stateType(name, "StateExited"),
                    null, e.stateExitedEventDetails().output(), null, null, e.timestamp());
        }
        return switch (type) {
            case EXECUTION_FAILED -> new ExecutionEvent("ExecutionFailed", null, null, null, null,
                    e.executionFailedEventDetails().error(), e.executionFailedEventDetails().cause(), e.timestamp());
            case EXECUTION_TIMED_OUT -> new ExecutionEvent("ExecutionTimeout", null, null, null, null, null, null, e.timestamp());
            case EXECUTION_ABORTED -> new ExecutionEvent("ExecutionAborted", null, null, null, null, null, null, e.timestamp());
            case EXECUTION_SUCCEEDED -> new ExecutionEvent("ExecutionSucceeded", null, null, null,
                    e.executionSucceededEventDetails() == null ? null : e.executionSucceededEventDetails().output(),
                    null, null, e.timestamp());
            case LAMBDA_FUNCTION_FAILED -> e.lambdaFunctionFailedEventDetails() == null ? null
                    : new ExecutionEvent("StateRetried", currentState, "Task", null, null,
                    e.lambdaFunctionFailedEventDetails().error(), e.lambdaFunctionFailedEventDetails().cause(), e.timestamp());
            default -> null;
        };
    }

    /** "TaskStateEntered" is a Task, "ChoiceStateEntered" a Choice, and so on. */
    private static String stateType(String eventType, String suffix) {
        return eventType.substring(0, eventType.length() - suffix.length());
    }
}
