package io.dbrefresh.console;

import static io.dbrefresh.console.ConsoleClient.body;
import static io.dbrefresh.console.ConsoleClient.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bound beyond localhost (here every address), the console answers no API request without its token. */
class ConsoleBeyondLocalhostTest {

    private static final String TOKEN = "remote-token-456";

    @TempDir
    Path folder;

    private ConsoleServer server;
    private ConsoleClient anonymous;

    @BeforeEach
    void start() {
        server = ConsoleServer.start(new ConsoleServer.Settings("0.0.0.0", 0, folder, Path.of("."), TOKEN,
                () -> {
                    throw new AssertionError("no AWS call expected");
                }, "history", "DbRefresh", null), System.err);
        anonymous = new ConsoleClient(URI.create("http://127.0.0.1:" + server.port() + "/"), null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyApiRequestWithoutTheToken_isRefusedWith401() {
        assertThat(server.loopback()).isFalse();
        for (ConsoleClient.Answer answer : new ConsoleClient.Answer[] {
                anonymous.get("/api/info"),
                anonymous.get("/api/form?service=rds&restoretype=latestpoint"),
                anonymous.get("/api/files"),
                anonymous.get("/api/fleet"),
                anonymous.post("/api/check", body("file", quoted("{}"))),
                anonymous.withToken("not-the-token").get("/api/info")}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().path("error").asText()).contains("only requests that carry its token");
        }
    }

    @Test
    void withTheToken_inTheHeaderOrForTheEventStreamInTheQuery_itAnswers() {
        assertThat(anonymous.withToken(TOKEN).get("/api/info").status()).isEqualTo(200);
        assertThat(anonymous.withToken(TOKEN).post("/api/check", body("file", quoted("{}"))).json().path("valid").asBoolean()).isFalse();
        assertThat(anonymous.get("/api/info?token=" + TOKEN).status()).isEqualTo(200);
    }
}
