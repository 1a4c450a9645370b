package io.dbrefresh.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
