package io.dbrefresh.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.testing.Plans;

class PollScheduleTest {

    /** A 25-minute restore checked every 60 s: checks at 60, 120, ... 1500; ending at 1501 s it is seen at 1560. */
    @ParameterizedTest(name = "ending at {0} s: seen by check {1}, {2} s late")
    @CsvSource({"1500, 25, 0", "1501, 26, 59", "5, 1, 55"})
    void fixed_checksEveryIntervalFromTheStart_andSeesTheEndUpToAnIntervalLate(long end, long checks, long latency) {
        assertSeen(PollSchedule.fixed(60), end, checks, latency);
    }

    @Test
    void fromModel_firstChecksAtTheExpectedEnd() {
        assertThat(PollSchedule.fromModel(1500).firstWait()).isEqualTo(1500);
    }

    /**
     * Expected to end at 1500 s: ending then, it is seen by the first check at once; a minute
     * late, four more checks, seen within a quarter minute; early, by the first check, late by
     * the time left to it.
     */
    @ParameterizedTest(name = "ending at {0} s: seen by check {1}, {2} s late")
    @CsvSource({"1500, 1, 0", "1560, 5, 0", "1561, 6, 14", "600, 1, 900"})
    void fromModel_checksFromTheExpectedEnd_thenEveryQuarterMinute(long end, long checks, long latency) {
        assertSeen(PollSchedule.fromModel(1500), end, checks, latency);
    }

    @Test
    void fromModel_aShortOperation_isCheckedAtItsExpectedEnd() {
        PollSchedule tags = PollSchedule.fromModel(5);

        assertThat(tags.firstWait()).isEqualTo(5);
        assertSeen(tags, 5, 1, 0);
    }

    @Test
    void fromModel_theIntervalIsTheWaitTime_atMostAQuarterMinute() {
        assertThat(PollSchedule.fromModel(1500, 60).every()).isEqualTo(PollSchedule.TIGHT);
        assertThat(PollSchedule.fromModel(1500, 10).every()).isEqualTo(10);
    }

    @Test
    void firstWait_withinTheTimeout_comesAtTheBoundAtTheLatest() {
        PollSchedule model = PollSchedule.fromModel(1500);

        assertThat(model.firstWait(3600)).isEqualTo(1500);
        assertThat(model.firstWait(600)).isEqualTo(600);
        assertThat(model.nextWait(590, 600)).isEqualTo(10);
        assertThat(model.nextWait(600, 600)).as("the bound is reached").isLessThanOrEqualTo(0);
    }

    @Test
    void forStep_readsTheModelForTheCopysSize_andTheFilesWaitTime() {
        RefreshPlan plan = Plans.plan("prod", "qa", Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), null, null, 60, 240);

        // restore: 900 s, plus 6 s per GiB
        assertThat(PollSchedule.forStep(plan, StepId.PERFORM_RESTORE, 200).firstWait()).isEqualTo(900 + 6 * 200);
        assertThat(PollSchedule.forStep(plan, StepId.PERFORM_RESTORE, 20).firstWait()).isEqualTo(900 + 6 * 20);
        // scripts: 60 s, plus 6 s per GiB; a rename 120 s whatever the size
        assertThat(PollSchedule.forStep(plan, StepId.RUN_SCRIPTS, 200).firstWait()).isEqualTo(60 + 6 * 200);
        assertThat(PollSchedule.forStep(plan, StepId.RENAME_DATABASE, 200).firstWait()).isEqualTo(120);
        assertThat(PollSchedule.forStep(plan, StepId.RENAME_DATABASE, 200).every()).isEqualTo(PollSchedule.TIGHT);
    }

    /** An operation that ends {@code end} seconds in is seen by the {@code checks}-th check, {@code latency} seconds after it ended. */
    private static void assertSeen(PollSchedule schedule, long end, long checks, long latency) {
        assertThat(schedule.checks(end)).as("checks until an end at %d s", end).isEqualTo(checks);
        assertThat(schedule.latency(end)).as("latency of an end at %d s", end).isEqualTo(latency);
    }
}
