package io.dbrefresh.secrets;

import io.dbrefresh.testing.RotationLambdaSimulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.steps.ChangeAdminPwd;
import io.dbrefresh.steps.RotateAdminPwd;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.Polling;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Where the generated password goes: change-admin-pwd and rotate-admin-pwd run start to
 * check, while every AWS request on the wire, every JSON answer of the handlers and checks,
 * and everything printed are captured. The password must be in the Secrets Manager write and
 * the ModifyDB* call that sets it, and nowhere else.
 */
class PasswordLeakIT {

    private static final Set<String> MAY_CARRY_IT = Set.of("SecretsManager.CreateSecret", "SecretsManager.PutSecretValue",
            "Rds.ModifyDBInstance", "Rds.ModifyDBCluster");

    private final RequestLog requests = new RequestLog();
    private final RotationLambdaSimulator lambda = new RotationLambdaSimulator();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<String> answers = new ArrayList<>();
    private PrintStream out;
    private PrintStream err;
    private AwsClients aws;
    private SecretsManagerClient direct;
    private StepEnvironment env;

    @BeforeEach
    void captureEverything() {
        Emulators.reset();
        aws = Emulators.clients(Interceptors.chain(requests, lambda));
        direct = Emulators.clients().secretsManager();
        lambda.attach(direct);
        env = Seeds.env(aws);
        Seeds.instance(aws.rds(), "mysqlinstd");
        Seeds.cluster(aws.rds(), "aurorad");
        requests.clear();
        out = System.out;
        err = System.err;
        PrintStream both = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(new Tee(out, both), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, both), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreConsole() {
        System.setOut(out);
        System.setErr(err);
    }

    @Test
    void instance_generatedPassword_isOnlyInTheSecretWriteAndTheModifyCall() throws Exception {
        refresh(Inputs.RDS, "dev/shop/mysqlinstd/admin", "Rds.ModifyDBInstance");
    }

    @Test
    void cluster_generatedPassword_isOnlyInTheSecretWriteAndTheModifyCall() throws Exception {
        refresh(Inputs.AURORA, "dev/shop/aurorad/admin", "Rds.ModifyDBCluster");
    }

    private void refresh(String fixture, String secret, String modifyCall) throws Exception {
        StepInput change = Inputs.load(fixture);
        StepResult started = Json.MAPPER.readValue(answer(new ChangeAdminPwd(env).handle(Json.MAPPER.writeValueAsString(change))), StepResult.class);
        StepResult checked = Polling.check(env, change, started);
        answer(Json.MAPPER.writeValueAsString(checked));
        assertThat(checked.status()).isEqualTo(StepStatus.SUCCEEDED);

        String generated = direct.getSecretValue(b -> b.secretId(secret)
                .versionId(VersionToken.of(change.execution(), StepId.CHANGE_ADMIN_PWD, secret))).secretString();
        String password = DatabaseSecret.parse(generated).password();

        lambda.configure(secret);
        StepInput rotate = Inputs.forStep(change, StepId.ROTATE_ADMIN_PWD);
        StepResult rotating = Json.MAPPER.readValue(answer(new RotateAdminPwd(env).handle(Json.MAPPER.writeValueAsString(rotate))), StepResult.class);
        String rotated = PasswordGenerator.forEngine("mysql").generate(32);
        lambda.createSecret(secret, rotated);
        lambda.finishSecret(secret);
        StepResult done = Polling.check(env, rotate, rotating);
        answer(Json.MAPPER.writeValueAsString(done));
        assertThat(done.status()).isEqualTo(StepStatus.SUCCEEDED);

        List<RequestLog.Sent> carrying = requests.sent().stream().filter(s -> s.body().contains(password) || s.uri().contains(password)).toList();
        assertThat(carrying).extracting(RequestLog.Sent::name)
                .as("the password reaches the secret and the database, so this search can see it")
                .contains("SecretsManager.CreateSecret", modifyCall)
                .allMatch(MAY_CARRY_IT::contains);
        assertThat(requests.sent()).as("every request was recorded").hasSizeGreaterThan(8);
        // answers are JSON: searched with their escaping undone, as a password may hold a backslash
        assertThat(answers).isNotEmpty().allSatisfy(a -> assertThat(RequestLog.decode(a)).doesNotContain(password).doesNotContain(rotated));
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain(password).doesNotContain(rotated);
        assertThat(requests.sent()).noneSatisfy(s -> assertThat(s.body()).contains(rotated));
    }

    private String answer(String json) {
        answers.add(json);
        return json;
    }

    /** Writes to the console and to the capture. */
    private static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        Tee(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
