package io.dbrefresh.console;

import static io.dbrefresh.console.ConsoleClient.body;
import static io.dbrefresh.console.ConsoleClient.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.StateMachines;

/**
 * Starting on AWS from the console, as {@code start} does, against moto's Step Functions
 * (which starts executions but cannot run the handlers): the file is the execution's input,
 * and the run is followed through its event stream.
 */
class ConsoleStartIT {

    private static final String TOKEN = "start-token";
    private static final String VALID = """
            {"restore": {"dbservice": "rds", "source": "mysqlinstp", "target": "mysqlinstd", "restoretype": "latestpoint", "torun": true}}
            """;

    @TempDir
    Path folder;

    private AwsClients aws;
    private String machine;
    private ConsoleServer server;

    @BeforeEach
    void deployedStateMachine() {
        Emulators.reset();
        aws = Emulators.clients();
        machine = StateMachines.waiting(aws.sfn(), "dbrefresh");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ConsoleClient console(String stateMachineArn) {
        server = ConsoleServer.start(new ConsoleServer.Settings("127.0.0.1", 0, folder, Path.of("."), TOKEN,
                Emulators::clients, "history", "DbRefresh", stateMachineArn), System.err);
        return new ConsoleClient(server.url(), TOKEN);
    }

    @Test
    void start_startsTheStateMachineWithTheFileAsInput_andStreamsTheRun() throws Exception {
        ConsoleClient client = console(machine);

        ConsoleClient.Answer answer = client.post("/api/runs", body("file", quoted(VALID), "mode", "\"aws\""));

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        JsonNode run = answer.json();
        assertThat(run.path("mode").asText()).isEqualTo("aws");
        String execution = run.path("execution").asText();
        assertThat(execution).startsWith(machine.replace(":stateMachine:", ":execution:") + ":mysqlinstd-");
        assertThat(aws.sfn().describeExecution(b -> b.executionArn(execution)).input()).isEqualTo(VALID);
        assertThat(client.get("/api/runs/" + run.path("id").asText()).json().path("status").asText()).isEqualTo("RUNNING");

        JsonNode first = firstLine(server.url() + "api/runs/" + run.path("id").asText() + "/events?token=" + TOKEN);
        assertThat(first.path("index").asInt()).isZero();
        assertThat(first.path("text").asText()).isEqualTo("Started " + execution);
    }

    @Test
    void start_withoutADeployedStack_isA502SayingWhatAwsAnswered_andStartsNothing() {
        ConsoleClient client = console(null);

        ConsoleClient.Answer answer = client.post("/api/runs", body("file", quoted(VALID), "mode", "\"aws\""));

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.json().path("error").asText()).startsWith("start").contains("DbRefresh");
        ConsoleApiTest.assertNoStackTrace(answer);
        assertThat(aws.sfn().listExecutions(b -> b.stateMachineArn(machine)).executions()).isEmpty();
    }

    /** The data of the first {@code line} event of a server-sent event stream. */
    private static JsonNode firstLine(String url) throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(java.net.URI.create(url)).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as("status %d", response.statusCode())
                .startsWith("text/event-stream");
        try (Stream<String> lines = response.body()) {
            String data = lines.dropWhile(l -> !l.equals("event: line")).skip(1).findFirst().orElseThrow();
            return Json.MAPPER.readTree(data.substring("data: ".length()));
        }
    }
}
