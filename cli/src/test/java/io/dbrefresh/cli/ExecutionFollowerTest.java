package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.dbrefresh.local.ProgressPrinter;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** Following an execution on AWS prints what a local run prints, each event once, until it ends. */
class ExecutionFollowerTest {

    private static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:nightly";
    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

    private static HistoryEvent entered(long id, HistoryEventType type, String name, int second) {
        return HistoryEvent.builder().id(id).type(type).timestamp(T0.plusSeconds(second))
                .stateEnteredEventDetails(d -> d.name(name).input("{}")).build();
    }

    private static HistoryEvent exited(long id, HistoryEventType type, String name, String output, int second) {
        return HistoryEvent.builder().id(id).type(type).timestamp(T0.plusSeconds(second))
                .stateExitedEventDetails(d -> d.name(name).output(output)).build();
    }

    @Test
    @SuppressWarnings("unchecked")
    void followsUntilTheExecutionEndsPrintingEachStepOnce() throws Exception {
        SfnClient sfn = mock(SfnClient.class);
        when(sfn.describeExecution(any(Consumer.class))).thenReturn(
                DescribeExecutionResponse.builder().status(ExecutionStatus.RUNNING).build(),
                DescribeExecutionResponse.builder().status(ExecutionStatus.SUCCEEDED).build());
        List<HistoryEvent> first = List.of(
                entered(1, HistoryEventType.TASK_STATE_ENTERED, "acquire-lock", 0),
                exited(2, HistoryEventType.TASK_STATE_EXITED, "acquire-lock", "{}", 1),
                entered(3, HistoryEventType.CHOICE_STATE_ENTERED, "perform-restore?", 1),
                entered(4, HistoryEventType.TASK_STATE_ENTERED, "perform-restore", 2));
        List<HistoryEvent> second = new ArrayList<>(first);
        second.add(exited(5, HistoryEventType.TASK_STATE_EXITED, "perform-restore",
                "{\"results\":{\"performRestore\":{\"status\":\"SUCCEEDED\",\"message\":\"restored shopqatemp\"}}}", 62));
        // the file runs no step of the copy after the restore, nor delete-replicas: the next step entered is the stop
        second.add(entered(6, HistoryEventType.TASK_STATE_ENTERED, "verify-copy", 62));
        second.add(entered(7, HistoryEventType.TASK_STATE_ENTERED, "stop-old-database", 63));
        second.add(HistoryEvent.builder().id(8L).type(HistoryEventType.EXECUTION_SUCCEEDED).timestamp(T0.plusSeconds(63)).build());
        when(sfn.getExecutionHistory(any(GetExecutionHistoryRequest.class))).thenReturn(
                GetExecutionHistoryResponse.builder().events(first).build(),
                GetExecutionHistoryResponse.builder().events(second).build());
        StringWriter text = new StringWriter();
        List<Duration> slept = new ArrayList<>();

        ExecutionStatus end = new ExecutionFollower(sfn, new ProgressPrinter(new PrintWriter(text, true)), slept::add,
                Duration.ofSeconds(5)).follow(ARN);

        assertThat(end).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(slept).containsExactly(Duration.ofSeconds(5));
        assertThat(text.toString()).containsOnlyOnce("> acquire-lock").containsOnlyOnce("> perform-restore")
                .contains("- create-instance", "- change-admin-pwd", "- runscripts", "- delete-replicas", "skipped")
                .doesNotContain("- perform-restore", "- verify-copy", "- stop-old-database")
                .contains("+ perform-restore        succeeded in 60.0 s: restored shopqatemp");
        ArgumentCaptor<GetExecutionHistoryRequest> asked = ArgumentCaptor.forClass(GetExecutionHistoryRequest.class);
        verify(sfn, times(2)).getExecutionHistory(asked.capture());
        assertThat(asked.getAllValues()).allSatisfy(r -> {
            assertThat(r.executionArn()).isEqualTo(ARN);
            assertThat(r.includeExecutionData()).isTrue();
        });
    }

    @Test
    void aFailedExecutionPrintsItsError() {
        HistoryEvent failed = HistoryEvent.builder().id(9L).type(HistoryEventType.EXECUTION_FAILED).timestamp(T0)
                .executionFailedEventDetails(d -> d.error("io.dbrefresh.execution.TargetLockedException").cause("held")).build();
        StringWriter text = new StringWriter();

        new ProgressPrinter(new PrintWriter(text, true))
                .onEvent(new ExecutionFollower(null, null, null, null).translate(failed));

        assertThat(text.toString()).contains("Refresh FAILED: io.dbrefresh.execution.TargetLockedException");
    }
}
