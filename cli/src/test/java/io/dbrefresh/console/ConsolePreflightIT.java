package io.dbrefresh.console;

import static io.dbrefresh.console.ConsoleClient.body;
import static io.dbrefresh.console.ConsoleClient.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.testing.Emulators;

/** The pre-flight from the console: against the console's account (moto, empty here) and against the emulated account a local run seeds. */
class ConsolePreflightIT {

    private static final String VALID = """
            {"restore": {"dbservice": "rds", "source": "mysqlinstp", "target": "mysqlinstd", "restoretype": "latestpoint", "torun": true}}
            """;

    @TempDir
    Path folder;

    private ConsoleServer server;
    private ConsoleClient client;

    @BeforeEach
    void start() {
        Emulators.reset();
        server = ConsoleServer.start(new ConsoleServer.Settings("127.0.0.1", 0, folder, Path.of("."), "t",
                Emulators::clients, "history", "DbRefresh", null), System.err);
        client = new ConsoleClient(server.url(), null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void onTheConsolesAccount_whatItLacksIsListedByPath() {
        JsonNode json = client.post("/api/preflight", body("file", quoted(VALID), "account", "\"aws\"")).json();

        assertThat(json.path("checked").asText()).isEqualTo("account");
        assertThat(json.path("valid").asBoolean()).isFalse();
        assertThat(json.path("plan").isNull()).isTrue();
        assertThat(json.path("errors")).extracting(p -> p.path("path").asText()).contains("/restore/source");
    }

    @Test
    void onTheEmulatedAccount_theFileFindsWhatItNames() {
        JsonNode json = client.post("/api/preflight", body("file", quoted(VALID), "account", "\"emulated\"")).json();

        assertThat(json.path("checked").asText()).isEqualTo("account");
        assertThat(json.path("errors")).isEmpty();
        assertThat(json.path("valid").asBoolean()).isTrue();
    }
}
