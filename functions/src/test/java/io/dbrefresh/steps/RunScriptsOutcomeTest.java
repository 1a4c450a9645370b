package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.StepId;

/** What the history row and the message say about the post-refresh scripts. */
class RunScriptsOutcomeTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static StepInput input(StepResult scripts, String outcome, StepInput.CaughtError error) throws Exception {
        try (InputStream in = RunScriptsOutcomeTest.class.getResourceAsStream("/scripts/runscripts-step-input.json")) {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(in);
            StepInput base = Json.MAPPER.treeToValue(root, StepInput.class);
            return new StepInput(base.plan(), Map.of(StepId.RUN_SCRIPTS, scripts), base.execution(), StepId.UPDATE_DYNAMODB,
                    outcome, error);
        }
    }

    @Test
    void succeededRefresh_recordsTheScriptsSummary_inTheHistoryRowAndTheMessage() throws Exception {
        StepResult done = new StepResult("runScripts", StepStatus.SUCCEEDED, 0, 4, NOW, NOW,
                "ran 3 scripts on appdbdev: 41 statements, 118 rows, 950 ms; report s3://b/p/reports/x.json", "appdbdev",
                null, null, null, true);

        RefreshRecord row = RefreshOutcome.record(input(done, "SUCCEEDED", null), NOW);

        assertThat(row.scripts()).isEqualTo(done.message());
        assertThat(io.dbrefresh.notify.RefreshNotifierBody.of(row)).contains("Scripts: ran 3 scripts on appdbdev")
                .as("said once").containsOnlyOnce("Scripts:");
    }

    @Test
    void stepSeconds_roundUp_soAStepThatTookTimeIsNeverShownAsZero() throws Exception {
        StepResult quick = new StepResult("runScripts", StepStatus.SUCCEEDED, 0, 1, NOW, NOW.plusMillis(400),
                "ran 1 script", "appdbdev", null, null, null, true);
        StepResult instant = new StepResult("runScripts", StepStatus.SUCCEEDED, 0, 1, NOW, NOW,
                "ran 1 script", "appdbdev", null, null, null, true);
        StepResult longer = new StepResult("runScripts", StepStatus.SUCCEEDED, 0, 1, NOW, NOW.plusMillis(2_100),
                "ran 1 script", "appdbdev", null, null, null, true);

        assertThat(RefreshOutcome.stepSeconds(input(quick, "SUCCEEDED", null))).containsEntry("runscripts", 1L);
        assertThat(RefreshOutcome.stepSeconds(input(instant, "SUCCEEDED", null))).containsEntry("runscripts", 0L);
        assertThat(RefreshOutcome.stepSeconds(input(longer, "SUCCEEDED", null))).containsEntry("runscripts", 3L);
    }

    @Test
    void failedStatement_isTheRefreshError_withScriptLineAndStatement() throws Exception {
        StepResult failed = new StepResult("runScripts", StepStatus.FAILED, 0, 2, NOW, NOW,
                "runscripts failed on appdbdev: 01-mask.sql line 14 (statement 3): Table 'app.customerz' doesn't exist "
                        + "-- in: UPDATE customerz SET email = NULL", "appdbdev", null, null, null, true);

        RefreshRecord row = RefreshOutcome.record(input(failed, "FAILED",
                new StepInput.CaughtError("StepFailed", "a step reported FAILED: see its result")), NOW);

        assertThat(row.status()).isEqualTo("FAILED");
        assertThat(row.failedStep()).isEqualTo("runscripts");
        assertThat(row.error()).contains("01-mask.sql line 14 (statement 3)").contains("UPDATE customerz SET email = NULL");
        assertThat(io.dbrefresh.notify.RefreshNotifierBody.of(row)).contains("Error: runscripts failed on appdbdev: 01-mask.sql line 14");
    }
}
