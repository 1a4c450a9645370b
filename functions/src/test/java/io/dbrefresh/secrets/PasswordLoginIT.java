package io.dbrefresh.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.EndpointResolver;
import io.dbrefresh.execution.DatabaseEndpoint;
import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.steps.ChangeAdminPwd;
import io.dbrefresh.testing.Emulators;

/**
 * The check's login proof against a real MariaDB server: the emulated instance's endpoint is
 * resolved to the embedded server, whose admin password the test sets as RDS would.
 */
class PasswordLoginIT {

    private static EmbeddedMariaDb server;

    private AwsClients aws;
    private StepEnvironment env;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedMariaDb.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void emptyAccount() {
        Emulators.reset();
        aws = Emulators.clients();
        env = Seeds.env(aws);
        Seeds.instance(aws.rds(), "mysqlinstd");
    }

    @Test
    void check_logsInWithTheSecretsNewPassword_andSaysItProvedIt() throws Exception {
        StepInput in = Inputs.load(Inputs.RDS);
        StepResult started = start(in);
        server.setAdminPassword("admin", storedPassword());

        Observation r = new PasswordCheck(env, toEmbeddedServer(server.port())).observe(in, started);

        assertThat(r.progress()).as(r.message()).isEqualTo(Progress.DONE);
        assertThat(r.message()).contains("login proved with the password from secret dev/shop/mysqlinstd/admin")
                .contains("logged in as admin at 127.0.0.1:" + server.port());
    }

    @Test
    void check_failsWhenTheDatabaseRefusesTheNewPassword() throws Exception {
        StepInput in = Inputs.load(Inputs.RDS);
        StepResult started = start(in);
        // the database kept another password: the change did not reach it
        server.setAdminPassword("admin", Seeds.PRODUCTION_PASSWORD);
        String stored = storedPassword();

        Observation r = new PasswordCheck(env, toEmbeddedServer(server.port())).observe(in, started);

        assertThat(r.progress()).as(r.message()).isEqualTo(Progress.FAILED);
        assertThat(r.message()).contains("does not work").contains("was refused").doesNotContain(stored);
    }

    @Test
    void check_succeedsSayingPlainlyWhenNothingAnswersAtTheEndpoint() throws Exception {
        StepInput in = Inputs.load(Inputs.RDS);
        StepResult started = start(in);

        Observation r = new PasswordCheck(env, toEmbeddedServer(closedPort())).observe(in, started);

        assertThat(r.progress()).as(r.message()).isEqualTo(Progress.DONE);
        assertThat(r.message()).contains("login not attempted: could not connect to 127.0.0.1:");
    }

    private static EndpointResolver toEmbeddedServer(int port) {
        return (instance, cluster) -> java.util.Optional.of(new DatabaseEndpoint("127.0.0.1", port, null, null, false));
    }

    private StepResult start(StepInput in) {
        try {
            return Json.MAPPER.readValue(new ChangeAdminPwd(env).handle(Json.MAPPER.writeValueAsString(in)), StepResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String storedPassword() {
        return new SecretStore(aws.secretsManager()).read("dev/shop/mysqlinstd/admin").orElseThrow().password();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
