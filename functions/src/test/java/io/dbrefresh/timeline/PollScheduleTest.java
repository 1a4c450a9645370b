package io.dbrefresh.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.testing.Plans;

class PollScheduleTest {

    @Test
    void fixed_checksEveryIntervalFromTheStart_andSeesTheEndUpToAnIntervalLate() {
        PollSchedule every60 = PollSchedule.fixed(60);

        // a 25-minute restore: checks at 60, 120, ... 1500
        assertThat(every60.checks(1500)).isEqualTo(25);
        assertThat(every60.latency(1500)).isZero();
        // ending at 1501 s it is seen at 1560
        assertThat(every60.checks(1501)).isEqualTo(26);
        assertThat(every60.latency(1501)).isEqualTo(59);
        assertThat(every60.checks(5)).isEqualTo(1);
        assertThat(every60.latency(5)).isEqualTo(55);
    }

    @Test
    void fromModel_firstChecksAtTheExpectedEnd_thenEveryQuarterMinute() {
        PollSchedule model = PollSchedule.fromModel(1500);

        assertThat(model.firstWait()).isEqualTo(1500);
        // ending when expected: seen by the first check, at once
        assertThat(model.checks(1500)).isEqualTo(1);
        assertThat(model.latency(1500)).isZero();
        // a minute late: four more checks, seen within a quarter minute
        assertThat(model.checks(1560)).isEqualTo(5);
        assertThat(model.checks(1561)).isEqualTo(6);
        assertThat(model.latency(1561)).isEqualTo(14);
        // early: the first check sees it, late by the time left to the first check
        assertThat(model.checks(600)).isEqualTo(1);
        assertThat(model.latency(600)).isEqualTo(900);
    }

    @Test
    void fromModel_aShortOperation_isCheckedAtItsExpectedEnd() {
        PollSchedule tags = PollSchedule.fromModel(5);

        assertThat(tags.firstWait()).isEqualTo(5);
        assertThat(tags.checks(5)).isEqualTo(1);
        assertThat(tags.latency(5)).isZero();
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
}
