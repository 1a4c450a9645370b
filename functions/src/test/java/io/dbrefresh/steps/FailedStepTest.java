package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.RecoveryReport;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.notify.RefreshNotifierBody;
import io.dbrefresh.rds.AuroraClusters;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.SafeState;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.testing.Plans;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * A server error or an exception at a Task carries no step result: the step recovery, the
 * history row and the message name is the one the state machine put in {@code $.error.State}.
 */
class FailedStepTest {

    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    static final String SERVER_ERROR = "software.amazon.awssdk.services.rds.model.RdsException";

    private static StepInput failedAt(String state) throws Exception {
        try (InputStream in = FailedStepTest.class.getResourceAsStream("/scripts/runscripts-step-input.json")) {
            StepInput base = Json.MAPPER.readValue(in, StepInput.class);
            return new StepInput(base.plan(), Map.of(), base.execution(), null, "FAILED",
                    new StepInput.CaughtError(SERVER_ERROR, "{\"errorMessage\":\"internal failure (injected)\"}", state));
        }
    }

    @Test
    void serverErrorAtPreflight_isRecordedAtPreflight_notAtTheFirstStepThatHasNoResult() throws Exception {
        RefreshRecord row = RefreshOutcome.record(failedAt("preflight"), NOW);

        assertThat(row.failedStep()).isEqualTo("preflight");
        assertThat(RefreshNotifierBody.of(row)).contains("Failed step: preflight");
    }

    @Test
    void exceptionAtGuardTarget_isRecordedAtGuardTarget() throws Exception {
        assertThat(RefreshOutcome.failedStep(failedAt("guard-target"))).isEqualTo("guard-target");
    }

    @Test
    void withoutTheStateName_theFirstPlannedStepWithoutASuccessIsStillTheAnswer() throws Exception {
        StepInput in = failedAt(null);

        assertThat(RefreshOutcome.failedStep(in)).isNotNull().isNotEqualTo("preflight");
    }

    @Test
    void recover_reportsTheNamedState_whichTheFailureRecordThenReads() throws Exception {
        SafeState safeState = mock(SafeState.class);
        when(safeState.restore(any(), any(), any(), anyBoolean(), any(), anyBoolean(), anyBoolean())).thenReturn(List.of());
        RefreshPlan plan = Plans.plan("mysqlinstp", "mysqlinstd", Plans.restore(RestoreType.LATEST_POINT, "mysqlinstp", "mysqlinstd"),
                Plans.delete("mysqlinstd", true, false), null);
        StepInput in = new StepInput(plan, Map.of(), new ExecutionRef("arn:aws:states:us-east-1:123456789012:execution:refresh:e1",
                "e1", NOW), null, null, new StepInput.CaughtError(SERVER_ERROR, "{}", "preflight"));

        RecoveryReport report = new Recover(servicesWith(safeState)).handle(in);

        assertThat(report.failedStep()).isEqualTo("preflight");
        StepInput recorded = new StepInput(in.plan(), in.results(), in.execution(), null, "FAILED", in.error(), report);
        assertThat(RefreshOutcome.record(recorded, NOW).failedStep()).isEqualTo("preflight");
    }

    private static DatabaseServices servicesWith(SafeState safeState) {
        RdsInstances rds = new RdsInstances(mock(RdsClient.class));
        return new DatabaseServices(new InstanceSteps(null, rds, safeState), new ClusterSteps(null, new AuroraClusters(rds)));
    }

    @Test
    void caughtError_readsTheStateTheDefinitionAdds() throws Exception {
        StepInput.CaughtError e = Json.MAPPER.readValue(
                "{\"Error\":\"States.TaskFailed\",\"Cause\":\"x\",\"State\":\"rename-database\"}", StepInput.CaughtError.class);

        assertThat(e.state()).isEqualTo("rename-database");
    }
}
