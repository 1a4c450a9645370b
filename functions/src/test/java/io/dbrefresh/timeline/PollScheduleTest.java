package io.dbrefresh.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PollScheduleTest {

    @Test
    void fixed_checksEveryIntervalFromTheStart_andSeesTheEndUpToAnIntervalLate() {
        PollSchedule every60 = PollSchedule.fixed(60);

        // a 25-minute restore: checks at 60, 120, ... 1500
        assertSeen(every60, 1500, 25, 0);
        // ending at 1501 s it is seen at 1560
        assertSeen(every60, 1501, 26, 59);
        assertSeen(every60, 5, 1, 55);
    }

    @Test
    void fromModel_firstChecksAtTheExpectedEnd_thenEveryQuarterMinute() {
        PollSchedule model = PollSchedule.fromModel(1500);

        assertThat(model.firstWait()).isEqualTo(1500);
        // ending when expected: seen by the first check, at once
        assertSeen(model, 1500, 1, 0);
        // a minute late: four more checks, seen within a quarter minute
        assertSeen(model, 1560, 5, 0);
        assertSeen(model, 1561, 6, 14);
        // early: the first check sees it, late by the time left to the first check
        assertSeen(model, 600, 1, 900);
    }

    @Test
    void fromModel_aShortOperation_isCheckedOnceAfterTheTightInterval() {
        PollSchedule tags = PollSchedule.fromModel(5);

        assertThat(tags.firstWait()).isEqualTo(PollSchedule.TIGHT);
        assertSeen(tags, 5, 1, 10);
    }

    /** An operation that ends {@code end} seconds in is seen by the {@code checks}-th check, {@code latency} seconds after it ended. */
    private static void assertSeen(PollSchedule schedule, long end, long checks, long latency) {
        assertThat(schedule.checks(end)).as("checks until an end at %d s", end).isEqualTo(checks);
        assertThat(schedule.latency(end)).as("latency of an end at %d s", end).isEqualTo(latency);
    }
}
