package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.LambdaFunctionScheduledEventDetails;
import software.amazon.awssdk.services.sfn.model.StateEnteredEventDetails;

/** The EventBridge event of an ended execution becomes its trail, read from Step Functions' history. */
class RecoverEndedExecutionTest {

    static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:DbRefresh:e1";
    static final String EVENT = """
            {"version":"0","detail-type":"Step Functions Execution Status Change","source":"aws.states",
             "detail":{"executionArn":"%s","stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:DbRefresh",
                       "name":"e1","status":"ABORTED","startDate":1765015200000,"stopDate":1765015300000,
                       "input":"{}","output":null}}""".formatted(ARN);

    @Test
    @SuppressWarnings("unchecked")
    void abortedEvent_readsEveryEnteredStateFromTheHistory_withTheStartTimeTheTasksGot() throws Exception {
        SfnClient sfn = mock(SfnClient.class);
        when(sfn.getExecutionHistoryPaginator(any(Consumer.class))).thenCallRealMethod();
        when(sfn.getExecutionHistoryPaginator(any(GetExecutionHistoryRequest.class))).thenCallRealMethod();
        when(sfn.getExecutionHistory(any(GetExecutionHistoryRequest.class))).thenReturn(GetExecutionHistoryResponse.builder()
                .events(entered(1, "acquire-lock", "{\"plan\":{}}"),
                        HistoryEvent.builder().id(2L).type(HistoryEventType.LAMBDA_FUNCTION_SCHEDULED)
                                .lambdaFunctionScheduledEventDetails(LambdaFunctionScheduledEventDetails.builder()
                                        .resource("arn:aws:lambda:us-east-1:123456789012:function:f:live")
                                        .input("{\"execution\":{\"startTime\":\"2025-12-06T10:00:00.123Z\"}}").build()).build(),
                        entered(3, "perform-restore: wait", "{\"plan\":{},\"results\":{}}"))
                .build());
        EndedExecutionRecovery recovery = mock(EndedExecutionRecovery.class);

        new RecoverEndedExecution(sfn, recovery).handle(EVENT);

        ArgumentCaptor<GetExecutionHistoryRequest> asked = ArgumentCaptor.forClass(GetExecutionHistoryRequest.class);
        verify(sfn).getExecutionHistory(asked.capture());
        assertThat(asked.getValue().executionArn()).isEqualTo(ARN);
        assertThat(asked.getValue().includeExecutionData()).isTrue();
        ArgumentCaptor<ExecutionTrail> trail = ArgumentCaptor.forClass(ExecutionTrail.class);
        verify(recovery).recover(trail.capture());
        assertThat(trail.getValue().status()).isEqualTo("ABORTED");
        assertThat(trail.getValue().execution().id()).isEqualTo(ARN);
        assertThat(trail.getValue().execution().startTime()).isEqualTo(Instant.parse("2025-12-06T10:00:00.123Z"));
        assertThat(trail.getValue().entered()).extracting(ExecutionTrail.EnteredState::name)
                .containsExactly("acquire-lock", "perform-restore: wait");
        assertThat(trail.getValue().lastState()).isEqualTo("perform-restore: wait");
    }

    private static HistoryEvent entered(long id, String name, String input) {
        return HistoryEvent.builder().id(id).type(HistoryEventType.TASK_STATE_ENTERED)
                .stateEnteredEventDetails(StateEnteredEventDetails.builder().name(name).input(input).build()).build();
    }
}
