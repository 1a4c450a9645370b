package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import software.amazon.awssdk.services.ssm.SsmClient;

@ExtendWith(MockitoExtension.class)
class ScriptRunCheckTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final String BUCKET = "dbrefresh-scripts";
    static final String PREFIX = "sqlscripts/app1/appdbdev";

    @Mock
    ReportStore reports;
    @Mock
    SsmClient ssm;

    private final StepInput in = ScriptFixtures.input(s -> { });
    private final StepResult current = new StepResult("runScripts", StepStatus.IN_PROGRESS, 10, 3, NOW.minusSeconds(60),
            null, "launched", "appdbdev", null, null, null, true);

    private ScriptRunCheck check() {
        return new ScriptRunCheck(reports, ssm, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private RunReport report(RunStatus status, Instant deadline, RunError error) {
        RunReport r = RunReport.pending("refresh-appdbdev-1", "appdbdev", "mysql", "lambda", NOW.minusSeconds(60), deadline,
                BUCKET, PREFIX, false, false, List.of());
        if (status == RunStatus.RUNNING) {
            return r.running(NOW.minusSeconds(50), deadline);
        }
        return status == RunStatus.PENDING ? r : r.running(NOW.minusSeconds(50), deadline).finished(status, error, NOW);
    }

    @Test
    void runningWithinItsDeadline_isInProgress() {
        when(reports.read(BUCKET, PREFIX, "refresh-appdbdev-1"))
                .thenReturn(Optional.of(report(RunStatus.RUNNING, NOW.plusSeconds(600), null)));
        Observation r = check().observe(in, current);
        assertThat(r.progress()).isEqualTo(Progress.IN_PROGRESS);
    }

    @Test
    void runningPastItsDeadline_isFailed_becauseTheWorkerDied() {
        when(reports.read(BUCKET, PREFIX, "refresh-appdbdev-1"))
                .thenReturn(Optional.of(report(RunStatus.RUNNING, NOW.minusSeconds(600), null)));
        Observation r = check().observe(in, current);
        assertThat(r.progress()).isEqualTo(Progress.FAILED);
        assertThat(r.message()).contains("stopped without finishing");
    }

    @Test
    void inProcessRunWithoutDeadline_isNeverDeclaredDead() {
        when(reports.read(BUCKET, PREFIX, "refresh-appdbdev-1")).thenReturn(Optional.of(report(RunStatus.PENDING, null, null)));
        assertThat(check().observe(in, current).progress()).isEqualTo(Progress.IN_PROGRESS);
    }

    @Test
    void failedRun_isFailed_withScriptLineAndStatementInTheMessage() {
        RunError error = new RunError("01-mask.sql", 14, 3, "UPDATE customerz SET email = NULL",
                "Table 'app.customerz' doesn't exist", "42S02", 1146);
        when(reports.read(BUCKET, PREFIX, "refresh-appdbdev-1"))
                .thenReturn(Optional.of(report(RunStatus.FAILED, null, error)));
        Observation r = check().observe(in, current);
        assertThat(r.progress()).isEqualTo(Progress.FAILED);
        assertThat(r.message()).contains("01-mask.sql line 14 (statement 3)").contains("customerz' doesn't exist")
                .contains("in: UPDATE customerz SET email = NULL");
    }

    @Test
    void missingReport_isFailed() {
        when(reports.read(BUCKET, PREFIX, "refresh-appdbdev-1")).thenReturn(Optional.empty());
        assertThat(check().observe(in, current).progress()).isEqualTo(Progress.FAILED);
    }
}
