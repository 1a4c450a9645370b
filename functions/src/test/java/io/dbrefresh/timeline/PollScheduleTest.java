package io.dbrefresh.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
    void fromModel_aShortOperation_isCheckedOnceAfterTheTightInterval() {
        PollSchedule tags = PollSchedule.fromModel(5);

        assertThat(tags.firstWait()).isEqualTo(PollSchedule.TIGHT);
        assertThat(tags.checks(5)).isEqualTo(1);
        assertThat(tags.latency(5)).isEqualTo(10);
    }
}
