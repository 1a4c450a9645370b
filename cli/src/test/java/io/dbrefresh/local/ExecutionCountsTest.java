package io.dbrefresh.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What an execution used, counted from its history as Step Functions bills it. */
class ExecutionCountsTest {

    @Test
    void everyStateEnteredIsATransition_andEveryTaskEnteredOrRetriedAnInvocation() {
        List<ExecutionEvent> events = List.of(
                event("ExecutionStarted", null, null),
                event("StateEntered", "validate-refresh-file", "Task"),
                event("StateExited", "validate-refresh-file", "Task"),
                event("StateEntered", "perform-restore?", "Choice"),
                event("StateEntered", "perform-restore: wait", "Wait"),
                event("StateEntered", "perform-restore: check", "Task"),
                event("StateRetried", "perform-restore: check", "Task"),
                event("ExecutionSucceeded", null, null));

        assertThat(ExecutionCounts.of(events)).isEqualTo(new ExecutionCounts(4, 3));
    }

    private static ExecutionEvent event(String type, String state, String stateType) {
        return new ExecutionEvent(type, state, stateType, null, null, null, null, Instant.EPOCH);
    }
}
