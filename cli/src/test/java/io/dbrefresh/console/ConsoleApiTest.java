package io.dbrefresh.console;

import static io.dbrefresh.console.ConsoleClient.body;
import static io.dbrefresh.console.ConsoleClient.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;


/**
 * The console's JSON API on a loopback address: the same answers as the commands, every bad
 * request a clear 4xx in JSON (never a stack trace), the token where it is needed, no password
 * in any answer.
 */
class ConsoleApiTest {

    private static final String TOKEN = "test-token-123";
    private static final String VALID = """
            {"restore": {"dbservice": "rds", "source": "mysqlinstp", "target": "mysqlinstd", "restoretype": "latestpoint", "torun": true}}
            """;
    private static final String MISTAKE = VALID.replace("\"mysqlinstd\"", "\"my_instd\"");
    private static final String PASSWORD = "Sup3r-S3cret-Value";

    @TempDir
    Path folder;

    private ConsoleServer server;
    private ConsoleClient anonymous;
    private ConsoleClient withToken;

    @BeforeEach
    void start() {
        server = ConsoleServer.start(new ConsoleServer.Settings("127.0.0.1", 0, folder, Path.of("."), TOKEN,
                () -> {
                    throw new AssertionError("no AWS call expected in these tests");
                }, "history", "DbRefresh", null), System.err);
        anonymous = new ConsoleClient(server.url(), null);
        withToken = anonymous.withToken(TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void check_aMistake_isAnsweredWithTheValidatorsWordsAtItsPath() {
        ConsoleClient.Answer answer = anonymous.post("/api/check", body("file", quoted(MISTAKE)));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.path("valid").asBoolean()).isFalse();
        assertThat(json.path("errors")).hasSize(1);
        assertThat(json.path("errors").get(0).path("path").asText()).isEqualTo("/restore/target");
        assertThat(json.path("errors").get(0).path("message").asText()).contains("\"my_instd\" has a character other than letters");
        assertThat(json.path("plan").isNull()).isTrue();
    }

    @Test
    void check_aValidFile_answersThePlanTableThatPlanPrints() {
        JsonNode json = anonymous.post("/api/check", body("file", quoted(VALID))).json();

        assertThat(json.path("valid").asBoolean()).isTrue();
        assertThat(json.path("errors")).isEmpty();
        assertThat(json.path("plan").asText()).startsWith("Refresh of mysqlinstd (rds) from mysqlinstp, latestpoint")
                .contains("perform-restore       run");
    }

    @Test
    void check_aFileThatIsNotJson_isAProblemOfTheFileNotOfTheRequest() {
        JsonNode json = anonymous.post("/api/check", body("file", quoted("{\"restore\": {,}"))).json();

        assertThat(json.path("valid").asBoolean()).isFalse();
        assertThat(json.path("errors").get(0).path("message").asText()).startsWith("is not valid JSON: line 1");
    }

    @Test
    void badJson_is400WithWhereItBrokeAndNoStackTrace() {
        ConsoleClient.Answer answer = anonymous.post("/api/check", "{\"file\": ");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("problems").get(0).path("message").asText()).startsWith("the request body is not valid JSON: line 1");
        assertNoStackTrace(answer);
    }

    @Test
    void unknownFieldsAndWrongTypes_areEachListedByPath() {
        ConsoleClient.Answer answer = anonymous.post("/api/check", body("file", "42", "fiel", "\"x\""));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("problems")).extracting(p -> p.path("path").asText() + " " + p.path("message").asText())
                .containsExactlyInAnyOrder("/file must be a string", "/fiel unknown field: this request takes file");
    }

    @Test
    void aMissingField_andABodyThatIsNoObject_are400() {
        assertThat(anonymous.post("/api/check", "{}").json().path("problems").get(0).path("path").asText()).isEqualTo("/file");
        ConsoleClient.Answer array = anonymous.post("/api/check", "[1]");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.json().path("problems").get(0).path("message").asText()).startsWith("the request body must be a JSON object");
    }

    @Test
    void aHugeBody_is413InJson() {
        byte[] huge = ("{\"file\": \"" + "x".repeat(ConsoleServer.MAX_BODY_BYTES + 10) + "\"}").getBytes(StandardCharsets.UTF_8);

        ConsoleClient.Answer answer = anonymous.post("/api/check", "application/json", huge);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().path("error").asText()).contains("larger than " + ConsoleServer.MAX_BODY_BYTES + " bytes");
    }

    @Test
    void aBodyThatIsNotDeclaredJson_is415() {
        ConsoleClient.Answer answer = anonymous.post("/api/check", "text/plain", body("file", quoted(VALID)).getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json().path("error").asText()).contains("Content-Type: application/json");
    }

    @Test
    void anUnknownApiPath_is404InJson() {
        ConsoleClient.Answer answer = anonymous.get("/api/nothing-here");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).contains("/api/nothing-here");
    }

    @Test
    void aRequestAddressedToAnotherHost_isRefused() throws IOException {
        // a page elsewhere reaching this port through a name that resolves here (DNS rebinding)
        String response = anonymous.rawGet("/api/info", "attacker.example:" + server.port());

        assertThat(response).startsWith("HTTP/1.1 403").contains("answers requests to 127.0.0.1:" + server.port() + " only");
    }

    @Test
    void onLoopback_checksNeedNoToken_butRunningSavingAndStartingDo() {
        assertThat(anonymous.get("/api/info").status()).isEqualTo(200);
        for (String mode : List.of("local", "aws")) {
            ConsoleClient.Answer answer = anonymous.post("/api/runs", body("file", quoted(VALID), "mode", quoted(mode)));
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().path("error").asText()).contains("needs the token");
        }
        assertThat(anonymous.withToken("wrong").post("/api/runs", body("file", quoted(VALID), "mode", "\"local\"")).status())
                .isEqualTo(401);
        assertThat(anonymous.post("/api/save", body("file", quoted(VALID), "name", "\"a.json\"")).status()).isEqualTo(401);
        assertThat(folder.resolve("a.json")).doesNotExist();
    }

    @Test
    void runs_anInvalidFile_isRefusedWithItsProblemsBeforeAnythingStarts() {
        ConsoleClient.Answer answer = withToken.post("/api/runs", body("file", quoted(MISTAKE), "mode", "\"local\""));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().path("error").asText()).isEqualTo("not run: fix the errors first");
        assertThat(answer.json().path("errors").get(0).path("path").asText()).isEqualTo("/restore/target");
    }

    @Test
    void runs_anUnknownMode_is400() {
        ConsoleClient.Answer answer = withToken.post("/api/runs", body("file", quoted(VALID), "mode", "\"remote\""));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("problems").get(0).path("path").asText()).isEqualTo("/mode");
    }

    @Test
    void save_writesAValidFileIntoTheFolder_andRefusesAnInvalidOneOrAPathOutside() throws IOException {
        assertThat(withToken.post("/api/save", body("file", quoted(VALID), "name", "\"mine.json\"")).json().path("saved").asText())
                .isEqualTo("mine.json");
        assertThat(Files.readString(folder.resolve("mine.json"))).isEqualTo(VALID);

        ConsoleClient.Answer invalid = withToken.post("/api/save", body("file", quoted(MISTAKE), "name", "\"bad.json\""));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(folder.resolve("bad.json")).doesNotExist();

        ConsoleClient.Answer outside = withToken.post("/api/save", body("file", quoted(VALID), "name", "\"../outside.json\""));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(folder.resolveSibling("outside.json")).doesNotExist();
        assertThat(anonymous.get("/api/files/..%2Fpasswd").status()).isIn(400, 404);
    }

    @Test
    void files_listsAndOpensTheFolder() throws IOException {
        Files.writeString(folder.resolve("one.json"), VALID);
        Files.writeString(folder.resolve("notes.txt"), "not a refresh file");

        assertThat(anonymous.get("/api/files").json().path("files")).extracting(JsonNode::asText).containsExactly("one.json");
        assertThat(anonymous.get("/api/files/one.json").json().path("file").asText()).isEqualTo(VALID);
        assertThat(anonymous.get("/api/files/two.json").status()).isEqualTo(404);
    }

    @Test
    void noAnswerEverHoldsAPassword_andAHiddenOneIsNeverSavedOrRun() throws IOException {
        String invalid = resource("temppwd-invalid.json");
        String valid = resource("temppwd-valid.json");
        Files.writeString(folder.resolve("legacy.json"), valid);
        List<ConsoleClient.Answer> answers = new ArrayList<>();
        answers.add(anonymous.post("/api/check", body("file", quoted(invalid))));
        answers.add(anonymous.post("/api/check", body("file", quoted(valid))));
        answers.add(anonymous.post("/api/timeline", body("file", quoted(valid))));
        answers.add(withToken.post("/api/save", body("file", quoted(invalid), "name", "\"x.json\"")));
        answers.add(withToken.post("/api/runs", body("file", quoted(invalid), "mode", "\"local\"")));
        ConsoleClient.Answer opened = anonymous.get("/api/files/legacy.json");
        answers.add(opened);

        assertThat(answers).allSatisfy(a -> assertThat(a.body()).doesNotContain(PASSWORD));
        assertThat(answers.get(1).json().path("valid").asBoolean()).isTrue();
        String shown = opened.json().path("file").asText();
        assertThat(shown).contains(HiddenPasswords.PLACEHOLDER);

        ConsoleClient.Answer saveBack = withToken.post("/api/save", body("file", quoted(shown), "name", "\"legacy.json\""));
        assertThat(saveBack.status()).isEqualTo(422);
        assertThat(Files.readString(folder.resolve("legacy.json"))).isEqualTo(valid);
        assertThat(withToken.post("/api/runs", body("file", quoted(shown), "mode", "\"local\"")).status()).isEqualTo(422);
    }

    @Test
    void timeline_isTheTableThatPlanTimelinePrints_forTheSizeGiven() {
        JsonNode json = anonymous.post("/api/timeline", body("file", quoted(VALID), "sizeGib", "250")).json();

        assertThat(json.path("timeline").asText()).startsWith("Timeline of mysqlinstd (rds), modelled for 250 GiB")
                .contains("TOTAL", "DOWNTIME", "EXPOSURE", "original order");
        assertThat(anonymous.post("/api/timeline", body("file", quoted(VALID), "sizeGib", "0")).status()).isEqualTo(400);
    }

    @Test
    void preflight_anAccountOtherThanAwsOrEmulated_is400_andAnInvalidFileNeedsNoAccount() {
        assertThat(anonymous.post("/api/preflight", body("file", quoted(VALID), "account", "\"prod\"")).status()).isEqualTo(400);

        JsonNode json = anonymous.post("/api/preflight", body("file", quoted(MISTAKE), "account", "\"aws\"")).json();
        assertThat(json.path("checked").asText()).isEqualTo("file");
        assertThat(json.path("errors").get(0).path("path").asText()).isEqualTo("/restore/target");
    }

    @Test
    void form_badQuery_is400() {
        ConsoleClient.Answer answer = anonymous.get("/api/form?service=mysql&restoretype=latestpoint");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("problems").get(0).path("message").asText()).isEqualTo("must be one of rds, aurora");
    }

    @Test
    void history_withoutADatabase_is400() {
        assertThat(anonymous.get("/api/history").status()).isEqualTo(400);
    }

    @Test
    void runs_anUnknownRun_is404() {
        assertThat(anonymous.get("/api/runs/nope").status()).isEqualTo(404);
    }

    @Test
    void thePageIsServed() {
        ConsoleClient.Answer page = anonymous.get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>dbrefresh console</title>", "console.js");
        assertThat(anonymous.get("/console.js").body()).contains("/api/check");
    }

    static void assertNoStackTrace(ConsoleClient.Answer answer) {
        assertThat(answer.body()).doesNotContain("\tat ", "Exception:", ".java:");
    }

    private static String resource(String name) throws IOException {
        try (var in = ConsoleApiTest.class.getResourceAsStream("/console/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
