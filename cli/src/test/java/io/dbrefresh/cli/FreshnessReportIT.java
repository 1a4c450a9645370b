package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.testing.Emulators;

/**
 * {@code dbrefresh history --application app1 --fresh} against a history table in moto: app1's
 * refresh files declare mysqlinstd, mysqlinstt and mysqlinstq; only some were refreshed.
 */
class FreshnessReportIT {

    private static final String TABLE = "freshness-cli-it";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private HistoryTable history;

    @BeforeEach
    void table() {
        Emulators.reset();
        history = new HistoryTable(Emulators.clients().dynamoDb());
        history.create(TABLE);
    }

    @Test
    void aDatabaseNeverRefreshed_isInTheAnswer_asStale_andTheExitStatusIsOne() {
        history.put(TABLE, row("mysqlinstd", NOW.minus(Duration.ofHours(2)), "SUCCEEDED"));
        history.put(TABLE, row("mysqlinstq", NOW.minus(Duration.ofHours(3)), "SUCCEEDED"));

        CliRun run = fresh("--max-age", "1d");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.out()).contains("application app1").contains(": 2 of 3 fresh; freshness target 1d");
        assertThat(run.out()).containsPattern("(?m)^  mysqlinstt +app1/test +never +- +mysqlinstp +- +no +stale: never refreshed$");
        assertThat(run.out()).containsPattern("(?m)^  mysqlinstd +app1/development .* yes +fresh: within 1d$");
    }

    @Test
    void everyDatabaseRefreshedWithinTheTarget_exitsZero_andAnOldOneDoesNot() {
        for (String db : new String[] {"mysqlinstd", "mysqlinstt", "mysqlinstq"}) {
            history.put(TABLE, row(db, NOW.minus(Duration.ofHours(5)), "SUCCEEDED"));
        }
        assertThat(fresh("--max-age", "1d").exitCode()).isZero();

        CliRun strict = fresh("--max-age", "4h");
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.out()).contains("0 of 3 fresh").contains("stale: older than 4h");
    }

    private static CliRun fresh(String... more) {
        String[] base = {"history", "--endpoint-url", Emulators.endpoint().toString(), "--table", TABLE, "--application", "app1",
                "--fresh", "--folder", CliRun.HOME.resolve("refresh-files").toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return CliRun.of(all);
    }

    private static RefreshRecord row(String db, Instant started, String status) {
        return new RefreshRecord(db, started, "app1", "x", "mysqlinstp", "latestpoint", null, status, started.plusSeconds(600),
                "rds", "exec-" + db, started.minusSeconds(60), null, null, null);
    }
}
