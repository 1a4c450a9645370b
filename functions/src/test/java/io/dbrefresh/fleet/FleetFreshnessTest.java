package io.dbrefresh.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.refreshfile.RefreshFiles;

class FleetFreshnessTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Duration WEEK = Duration.ofDays(7);

    final FleetMember member = member();

    @Test
    void aDatabaseNeverRefreshed_isStale() {
        TargetFreshness t = FleetFreshness.judge(member, List.of(), WEEK, NOW);

        assertThat(t.fresh()).isFalse();
        assertThat(t.reason()).isEqualTo("stale: never refreshed");
        assertThat(t.age()).isNull();
    }

    @Test
    void aDatabaseWhoseLastRefreshFailed_isStale_andKeepsItsLastSuccessForTheReport() {
        RefreshRecord ok = row("SUCCEEDED", "2026-11-23T03:00:00Z", "2026-11-23T02:59:00Z", null);
        RefreshRecord failed = row("FAILED", "2026-11-24T03:00:00Z", null, "perform-restore");

        TargetFreshness t = FleetFreshness.judge(member, List.of(failed, ok), WEEK, NOW);

        assertThat(t.fresh()).isFalse();
        assertThat(t.reason()).isEqualTo("stale: the last refresh FAILED at perform-restore; the copy is of the refresh before");
        assertThat(t.lastSuccess()).isSameAs(ok);
        assertThat(t.age()).isEqualTo(Duration.between(Instant.parse("2026-11-23T02:59:00Z"), NOW));
    }

    @Test
    void aCopyOlderThanTheTarget_isStale_judgedByTheTimeItsDataIsAlignedTo() {
        // refreshed yesterday, but restored to a point in time eight days ago
        RefreshRecord ok = row("SUCCEEDED", "2026-11-23T03:00:00Z", "2026-11-16T03:00:00Z", null);

        TargetFreshness t = FleetFreshness.judge(member, List.of(ok), WEEK, NOW);

        assertThat(t.fresh()).isFalse();
        assertThat(t.reason()).isEqualTo("stale: older than 7d");
    }

    @Test
    void aCopyWithinTheTarget_isFresh_evenWhileANewRefreshRuns() {
        RefreshRecord ok = row("SUCCEEDED", "2026-11-23T03:00:00Z", "2026-11-23T02:59:00Z", null);
        RefreshRecord running = row("RUNNING", "2026-11-24T11:50:00Z", null, null);

        TargetFreshness t = FleetFreshness.judge(member, List.of(running, ok), WEEK, NOW);

        assertThat(t.fresh()).isTrue();
        assertThat(t.reason()).isEqualTo("fresh: within 7d (a refresh is RUNNING)");
    }

    @Test
    void withoutAFreshnessTarget_anyRefreshedCopyIsFresh() {
        RefreshRecord old = row("SUCCEEDED", "2026-10-01T03:00:00Z", null, null);

        assertThat(FleetFreshness.judge(member, List.of(old), null, NOW).fresh()).isTrue();
    }

    @Test
    void age_isSaidInDaysHoursOrMinutes() {
        assertThat(Freshness.age(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(Freshness.age(Duration.ofHours(30))).isEqualTo("1d 6h");
        assertThat(Freshness.age(Duration.ofMinutes(303))).isEqualTo("5h 03m");
        assertThat(Freshness.age(Duration.ofSeconds(59))).isEqualTo("0m");
    }

    private static RefreshRecord row(String status, String started, String alignedTo, String failedStep) {
        return new RefreshRecord("mysqlinstd", Instant.parse(started), "app1", "development", "mysqlinstp", "latestpoint", null,
                status, Instant.parse(started), "rds", "exec", alignedTo == null ? null : Instant.parse(alignedTo), failedStep,
                failedStep == null ? null : "RdsException", null);
    }

    private static FleetMember member() {
        try {
            String json = Files.readString(FleetFilesTest.EXAMPLES.resolve("rds-latestpoint.json"));
            return new FleetMember("rds-latestpoint.json", json, RefreshFiles.read(json, FleetFilesTest.CLOCK).plan());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
