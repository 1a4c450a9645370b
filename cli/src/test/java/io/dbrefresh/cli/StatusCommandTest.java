package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;

/** The closing line of {@code dbrefresh status}: how the run ended, and why, in words. */
class StatusCommandTest {

    @Test
    @SuppressWarnings("unchecked")
    void aRefusedRunNamesTheExecutionHoldingTheTarget() throws Exception {
        SfnClient sfn = mock(SfnClient.class);
        Instant t0 = Instant.parse("2026-03-01T02:00:00Z");
        when(sfn.describeExecution(any(Consumer.class))).thenReturn(DescribeExecutionResponse.builder()
                .name("second").status(ExecutionStatus.FAILED).startDate(t0).stopDate(t0.plusSeconds(3))
                .error("io.dbrefresh.execution.TargetLockedException")
                .cause("{\"errorMessage\":\"target shopqa is being refreshed by execution arn:first\"}").build());
        when(sfn.getExecutionHistory(any(GetExecutionHistoryRequest.class)))
                .thenReturn(GetExecutionHistoryResponse.builder().build());
        StringWriter text = new StringWriter();

        int code = StatusCommand.show(sfn, "arn:second", false, new PrintWriter(text, true), d -> { });

        assertThat(code).isEqualTo(1);
        assertThat(text.toString()).contains("Execution second (FAILED)")
                .contains("Refresh FAILED in 3 s: io.dbrefresh.execution.TargetLockedException: "
                        + "target shopqa is being refreshed by execution arn:first");
    }
}
