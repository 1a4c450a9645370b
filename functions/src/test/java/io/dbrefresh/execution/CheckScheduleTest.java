package io.dbrefresh.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.testing.Plans;

class CheckScheduleTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final StepEnvironment AWS = new StepEnvironment(null, Clock.fixed(NOW, ZoneOffset.UTC), null, null, null);
    private static final StepEnvironment LOCAL = new StepEnvironment(null, Clock.fixed(NOW, ZoneOffset.UTC), 0, null, null);

    // every step may take 4 hours (60 s x 240), checked at most every 60 s
    private final RefreshPlan plan = Plans.plan("prod", "qa", Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), null, null, 60, 240);

    private StepInput input(Map<StepId, StepResult> results) {
        return new StepInput(plan, results, new ExecutionRef("arn:aws:states:us-east-1:123456789012:execution:refresh:e1", "e1"),
                null, null, null);
    }

    private static StepResult started(StepId step) {
        return StepResult.started(step.id(), 0, NOW, "qatemp", "started", true);
    }

    @Test
    void performRestore_firstCheckComesAtTheRestoresExpectedEnd_forTheCopysSize() {
        StepResult first = CheckSchedule.of(input(Map.of()), StepId.PERFORM_RESTORE, 200)
                .firstCheck(started(StepId.PERFORM_RESTORE), AWS, true);

        // 900 s, plus 6 s per GiB of the 200
        assertThat(first.waitSeconds()).isEqualTo(2100);
        assertThat(first.scheduled()).isEqualTo(2100);
    }

    @Test
    void laterSteps_readTheSizePerformRestoreRecorded() {
        StepResult restored = started(StepId.PERFORM_RESTORE).withSizeGiB(20);

        StepResult scripts = CheckSchedule.of(input(Map.of(StepId.PERFORM_RESTORE, restored)), StepId.RUN_SCRIPTS, null)
                .firstCheck(started(StepId.RUN_SCRIPTS), AWS, true);

        // 60 s, plus 6 s per GiB of the 20
        assertThat(scripts.waitSeconds()).isEqualTo(180);
    }

    @Test
    void noSizeRecorded_theModelsDefaultSizeIsAssumed() {
        StepResult restore = CheckSchedule.of(input(Map.of()), StepId.PERFORM_RESTORE, null)
                .firstCheck(started(StepId.PERFORM_RESTORE), AWS, true);

        assertThat(restore.waitSeconds()).isEqualTo(900 + 6 * 100);
    }

    @Test
    void firstCheck_neverAfterTheStepsTimeout() {
        RefreshPlan shortBound = Plans.plan("prod", "qa", Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), null, null, 60, 10);
        StepInput in = new StepInput(shortBound, Map.of(), new ExecutionRef("id", "e1"), null, null, null);

        StepResult first = CheckSchedule.of(in, StepId.PERFORM_RESTORE, 200).firstCheck(started(StepId.PERFORM_RESTORE), AWS, true);

        assertThat(first.waitSeconds()).as("the bound, 60 x 10 s").isEqualTo(600);
    }

    @Test
    void nothingPending_theFirstCheckComesAtOnce() {
        StepResult first = CheckSchedule.of(input(Map.of()), StepId.DELETE_REPLICAS, null)
                .firstCheck(started(StepId.DELETE_REPLICAS), AWS, false);

        assertThat(first.waitSeconds()).isZero();
    }

    @Test
    void localRun_waitsNothing_butTheScheduleCountsTheWaitInFull() {
        StepResult first = CheckSchedule.of(input(Map.of()), StepId.RENAME_DATABASE, null)
                .firstCheck(started(StepId.RENAME_DATABASE), LOCAL, true);

        assertThat(first.waitSeconds()).isZero();
        assertThat(first.scheduled()).isEqualTo(120);
    }
}
