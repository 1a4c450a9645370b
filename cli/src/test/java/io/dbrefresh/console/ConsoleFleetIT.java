package io.dbrefresh.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.testing.Emulators;

/** The fleet view (the history's targets and the folder's declared ones) and a target's history, from a history table in moto. */
class ConsoleFleetIT {

    private static final String TABLE = "console-fleet-it";
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path folder;

    private ConsoleServer server;
    private ConsoleClient client;

    @BeforeEach
    void start() {
        Emulators.reset();
        seed(new HistoryTable(Emulators.clients().dynamoDb()), TABLE);
        declareShopTest(folder);
        server = ConsoleServer.start(new ConsoleServer.Settings("127.0.0.1", 0, folder, Path.of("."), "t",
                Emulators::clients, TABLE, "DbRefresh", null), System.err);
        client = new ConsoleClient(server.url(), null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** shop: dev fresh, qa failed last night after an older success, uat stale; crm: dev running. */
    static void seed(HistoryTable history, String table) {
        history.create(table);
        history.put(table, row("shopdev", "shop", "dev", NOW.minus(2, ChronoUnit.HOURS), "SUCCEEDED"));
        history.put(table, row("shopqa", "shop", "qa", NOW.minus(3, ChronoUnit.DAYS), "SUCCEEDED"));
        history.put(table, row("shopqa", "shop", "qa", NOW.minus(5, ChronoUnit.HOURS), "FAILED"));
        history.put(table, row("shopuat", "shop", "uat", NOW.minus(20, ChronoUnit.DAYS), "SUCCEEDED"));
        history.put(table, row("crmdev", "crm", "dev", NOW.minus(10, ChronoUnit.MINUTES), "RUNNING"));
    }

    /** A refresh file of the folder declares shoptest, which was never refreshed. */
    static void declareShopTest(Path folder) {
        try {
            java.nio.file.Files.writeString(folder.resolve("shop-test.json"), """
                    {"restore": {"dbservice": "rds", "source": "shopprod", "target": "shoptest", "restoretype": "latestpoint",
                                 "application": "shop", "environment": "test", "torun": true}}
                    """);
            java.nio.file.Files.writeString(folder.resolve("broken.json"), "{\"restore\": {}}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void fleet_placesEachTargetByApplicationAndEnvironment_withItsLastRefreshAgeAndStatus() {
        JsonNode grid = client.get("/api/fleet?maxAgeDays=7").json();

        assertThat(grid.path("applications")).extracting(JsonNode::asText).containsExactly("crm", "shop");
        assertThat(grid.path("environments")).extracting(JsonNode::asText).containsExactly("dev", "qa", "test", "uat");
        JsonNode dev = cell(grid, "shopdev");
        assertThat(dev.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(dev.path("stale").asBoolean()).isFalse();
        assertThat(dev.path("alignedTo").asText()).isEqualTo(NOW.minus(3, ChronoUnit.HOURS).toString());
        assertThat(dev.path("ageSeconds").asLong()).isBetween(3 * 3600L, 3 * 3600L + 120);

        JsonNode qa = cell(grid, "shopqa");
        assertThat(qa.path("status").asText()).isEqualTo("FAILED");
        assertThat(qa.path("failedStep").asText()).isEqualTo("perform-restore");
        assertThat(qa.path("lastRefresh").asText()).isEqualTo(NOW.minus(3, ChronoUnit.DAYS).toString());
        assertThat(qa.path("stale").asBoolean()).isTrue();
        assertThat(qa.path("verdict").asText()).isEqualTo("stale: the last refresh FAILED at perform-restore; the copy is of the refresh before");

        JsonNode never = cell(grid, "shoptest");
        assertThat(never.path("status").asText()).isEqualTo("NEVER");
        assertThat(never.path("file").asText()).isEqualTo("shop-test.json");
        assertThat(never.path("application").asText() + "/" + never.path("environment").asText()).isEqualTo("shop/test");
        assertThat(never.path("verdict").asText()).isEqualTo("stale: never refreshed");
        assertThat(never.path("lastRefresh").isNull()).isTrue();

        assertThat(cell(grid, "shopuat").path("stale").asBoolean()).isTrue();
        assertThat(cell(grid, "crmdev").path("status").asText()).isEqualTo("RUNNING");
        assertThat(cell(grid, "crmdev").path("lastRefresh").isNull()).isTrue();
        JsonNode month = client.get("/api/fleet?maxAgeDays=30").json();
        assertThat(cell(month, "shopuat").path("stale").asBoolean()).isFalse();
        assertThat(cell(month, "shopdev").path("stale").asBoolean()).isFalse();
        assertThat(cell(month, "shopqa").path("stale").asBoolean()).isTrue();
        assertThat(cell(month, "crmdev").path("verdict").asText()).isEqualTo("stale: never refreshed yet (the first refresh is RUNNING)");
    }

    @Test
    void history_ofOneTarget_isWhatHistoryJsonPrints_newestFirst() {
        JsonNode rows = client.get("/api/history?database=shopqa").json();

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).path("status").asText()).isEqualTo("FAILED");
        assertThat(rows.get(0).path("error").asText()).isEqualTo("storage-full");
        assertThat(rows.get(1).path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void fleet_aBadAge_is400() {
        assertThat(client.get("/api/fleet?maxAgeDays=week").status()).isEqualTo(400);
    }

    private static JsonNode cell(JsonNode grid, String database) {
        for (JsonNode c : grid.path("cells")) {
            if (c.path("database").asText().equals(database)) {
                return c;
            }
        }
        throw new AssertionError("no cell " + database + " in " + grid);
    }

    private static RefreshRecord row(String db, String app, String env, Instant started, String status) {
        boolean failed = "FAILED".equals(status);
        boolean done = !"RUNNING".equals(status);
        return new RefreshRecord(db, started, app, env, "shopprod", "latestpoint", null, status,
                done ? started.plusSeconds(1800) : null, "rds", "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:" + db,
                done ? started.minusSeconds(3600) : null, failed ? "perform-restore" : null, failed ? "storage-full" : null, null,
                Map.of(), null);
    }
}
