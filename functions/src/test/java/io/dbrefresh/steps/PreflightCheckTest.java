package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.PreflightFailedException;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.preflight.Preflight;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.Problem;

/** preflight's door: problems fail the step with every one of them; warnings pass it and are its result and message. */
class PreflightCheckTest {

    private static final Problem NEARLY_FULL = new Problem("/delete/snapshotretention", "the account's quota of manual snapshots"
            + " is 100 and 92 are used: after this refresh ... 90 will be");

    private final Preflight preflight = mock(Preflight.class);
    private final StepInput in = new StepInput(io.dbrefresh.testing.Plans.plan("prod", "dev", null, null, null), java.util.Map.of(),
            null, null, null, null);

    @Test
    void warningsOnly_passTheStep_andAreItsResultAndMessage() throws Exception {
        when(preflight.review(in.plan(), Preflight.Defaults.NONE)).thenReturn(new Preflight.Findings(List.of(), List.of(NEARLY_FULL)));

        PreflightCheck.Passed passed = new PreflightCheck(preflight, Preflight.Defaults.NONE).handle(in);

        assertThat(passed.status()).isEqualTo("PASSED");
        assertThat(passed.warnings()).containsExactly(NEARLY_FULL);
        assertThat(passed.message()).isEqualTo("1 warning: " + NEARLY_FULL);
        // as the execution's output carries it under $.preflight
        assertThat(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(passed)).path("warnings").get(0).path("path").asText())
                .isEqualTo("/delete/snapshotretention");
    }

    @Test
    void noFinding_passesWithoutMessage() {
        when(preflight.review(in.plan(), Preflight.Defaults.NONE)).thenReturn(new Preflight.Findings(List.of(), List.of()));

        PreflightCheck.Passed passed = new PreflightCheck(preflight, Preflight.Defaults.NONE).handle(in);

        assertThat(passed.warnings()).isEmpty();
        assertThat(passed.message()).isNull();
    }

    @Test
    void aProblem_failsTheStep_withEveryProblem_evenBesideWarnings() {
        Problem missing = new Problem("/restore/source", "DB instance prod not found in this account and region");
        when(preflight.review(in.plan(), Preflight.Defaults.NONE)).thenReturn(new Preflight.Findings(List.of(missing), List.of(NEARLY_FULL)));

        assertThatThrownBy(() -> new PreflightCheck(preflight, Preflight.Defaults.NONE).handle(in))
                .isInstanceOf(PreflightFailedException.class)
                .hasMessage("pre-flight found 1 problem before anything was touched: " + missing);
    }
}
