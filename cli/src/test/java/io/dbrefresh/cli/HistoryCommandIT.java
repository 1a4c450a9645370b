package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.testing.Emulators;

/** {@code dbrefresh history} against a history table in moto: each operator question, as a table and as JSON. */
class HistoryCommandIT {

    private static final String TABLE = "history-cli-it";
    private static final Instant DAY1 = Instant.parse("2026-03-01T02:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-03-02T02:00:00Z");

    @BeforeEach
    void twoNightsOfRefreshes() {
        Emulators.reset();
        HistoryTable history = new HistoryTable(Emulators.clients().dynamoDb());
        history.create(TABLE);
        history.put(TABLE, row("shopqa", DAY1, "qa", "shopprod", "SUCCEEDED"));
        history.put(TABLE, row("shopqa", DAY2, "qa", "shopprod", "FAILED"));
        history.put(TABLE, row("shopdev", DAY2, "dev", "shopprod", "SUCCEEDED"));
    }

    private static CliRun history(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "history";
        all[1] = "--endpoint-url";
        all[2] = Emulators.endpoint().toString();
        all[3] = "--table";
        all[4] = TABLE;
        System.arraycopy(args, 0, all, 5, args.length);
        return CliRun.of(all);
    }

    @Test
    void byDatabaseShowsEachRefreshWithItsSourceAndAlignedToTimeNewestFirst() {
        CliRun run = history("--database", "shopqa");

        assertThat(run.exitCode()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).startsWith("DATABASE").contains("STARTED", "STATUS", "SOURCE", "ALIGNED TO", "DURATION");
        assertThat(lines[1]).contains("shopqa", "2026-03-02 02:00:00", "FAILED", "perform-restore: storage-full");
        assertThat(lines[2]).contains("shopqa", "2026-03-01 02:00:00", "SUCCEEDED", "shopprod", "2026-03-01 01:00:00", "30m00s");
        assertThat(lines).hasSize(3);
    }

    @Test
    void jsonGivesEveryFieldForPrograms() throws Exception {
        CliRun run = history("--database", "shopqa", "--limit", "1", "--json");

        JsonNode rows = Json.MAPPER.readTree(run.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("status").asText()).isEqualTo("FAILED");
        assertThat(rows.get(0).path("alignedTo").asText()).isEqualTo("2026-03-02T01:00:00Z");
        assertThat(rows.get(0).path("durationSeconds").asLong()).isEqualTo(1800);
        assertThat(rows.get(0).path("failedStep").asText()).isEqualTo("perform-restore");
        assertThat(rows.get(0).path("stepSeconds").path("perform-restore").asLong()).isEqualTo(600);
    }

    @Test
    void latestByApplicationAndEnvironmentAnswersWhetherItsDatabasesAreRefreshed() throws Exception {
        JsonNode qa = Json.MAPPER.readTree(history("--application", "shop", "--environment", "qa", "--latest", "--json").out());
        JsonNode all = Json.MAPPER.readTree(history("--application", "shop", "--latest", "--json").out());

        assertThat(qa).hasSize(1);
        assertThat(qa.get(0).path("status").asText()).isEqualTo("FAILED");
        assertThat(all).extracting(n -> n.path("database").asText()).containsExactlyInAnyOrder("shopqa", "shopdev");
    }

    @Test
    void latestBySourceListsEachCopyOnce() {
        CliRun run = history("--source", "shopprod", "--latest");

        assertThat(run.out().split("\n")).hasSize(3);
        assertThat(run.out()).contains("shopqa", "shopdev");
    }

    @Test
    void failuresSinceADateComeFromTheStatusIndex() {
        assertThat(history("--status", "failed", "--since", "2026-03-02").out()).contains("shopqa").doesNotContain("shopdev");
        assertThat(history("--status", "FAILED", "--since", "2026-03-03").out()).contains("no refreshes found");
    }

    @Test
    void aSinceItCannotReadIsAUsageError() {
        CliRun run = history("--status", "FAILED", "--since", "yesterday");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--since yesterday");
    }

    @Test
    void oneQueryAtATime() {
        CliRun run = history("--database", "shopqa", "--source", "shopprod");

        assertThat(run.exitCode()).isEqualTo(2);
    }

    @Test
    void sinceTakesAnAge() {
        assertThat(HistoryCommand.parseSince("24h", DAY2)).isEqualTo(DAY1);
        assertThat(HistoryCommand.parseSince("1d", DAY2)).isEqualTo(DAY1);
        assertThat(HistoryCommand.parseSince("2026-03-01T02:00:00Z", DAY2)).isEqualTo(DAY1);
    }

    private static RefreshRecord row(String db, Instant started, String env, String source, String status) {
        boolean failed = "FAILED".equals(status);
        return new RefreshRecord(db, started, "shop", env, source, "latestpoint", null, status,
                started.plusSeconds(1800), "rds", "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:" + db,
                started.minusSeconds(3600), failed ? "perform-restore" : null, failed ? "storage-full" : null, null,
                Map.of("perform-restore", 600L), null);
    }
}
