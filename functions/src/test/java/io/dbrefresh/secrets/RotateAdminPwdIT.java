package io.dbrefresh.secrets;

import io.dbrefresh.testing.RotationLambdaSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.execution.StepTimeoutException;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.steps.ChangeAdminPwd;
import io.dbrefresh.steps.RotateAdminPwd;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.Polling;

/**
 * rotate-admin-pwd against moto, with the rotation Lambda simulated (see
 * {@link RotationLambdaSimulator}): success and failure for an instance and a cluster, and the
 * cases that must fail before anything is rotated.
 */
class RotateAdminPwdIT {

    private final RequestLog requests = new RequestLog();
    private final RotationLambdaSimulator lambda = new RotationLambdaSimulator();
    private AwsClients aws;
    private StepEnvironment env;

    @BeforeEach
    void emptyAccount() {
        Emulators.reset();
        aws = Emulators.clients(Interceptors.chain(requests, lambda));
        lambda.attach(Emulators.clients().secretsManager());
        env = Seeds.env(aws);
        Seeds.instance(aws.rds(), "mysqlinstd");
        Seeds.cluster(aws.rds(), "aurorad");
    }

    @Test
    void instance_rotationFinishes_checkWaitsThenSucceedsWithTheNewCurrentVersion() {
        StepInput in = changedPassword(Inputs.RDS);
        String secret = "dev/shop/mysqlinstd/admin";
        String before = password(secret);
        lambda.configure(secret);

        StepResult started = rotate(in);
        StepResult waiting = Polling.check(env, in, started);
        lambda.createSecret(secret, "Rotated-By-Lambda-1");
        StepResult stillWaiting = Polling.check(env, in, waiting);
        lambda.finishSecret(secret);
        StepResult done = Polling.check(env, in, stillWaiting);

        assertThat(started.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(started.resource()).isEqualTo(secret);
        assertThat(started.message()).contains("started rotating secret " + secret).contains(RotationLambdaSimulator.LAMBDA_ARN);
        assertThat(waiting.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(waiting.message()).contains("AWSPENDING on version");
        assertThat(stillWaiting.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(done.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(done.message()).contains("AWSCURRENT is the new version").contains("no rotation is pending");
        assertThat(password(secret)).isEqualTo("Rotated-By-Lambda-1").isNotEqualTo(before);
        assertThat(requests.sent("RotateSecret")).singleElement().extracting(RequestLog.Sent::body).asString()
                .contains(secret).doesNotContain("RotationLambdaARN");
    }

    @Test
    void cluster_rotationFinishes_checkSucceeds() {
        StepInput in = changedPassword(Inputs.AURORA);
        String secret = "dev/shop/aurorad/admin";
        lambda.configure(secret);

        StepResult started = rotate(in);
        lambda.createSecret(secret, "Rotated-By-Lambda-2");
        lambda.finishSecret(secret);
        StepResult done = Polling.check(env, in, started);

        assertThat(done.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(password(secret)).isEqualTo("Rotated-By-Lambda-2");
    }

    @Test
    void instance_lambdaFailsAtCreateSecret_lastCheckTimesOutSayingThePendingVersionIsEmpty() {
        StepInput in = changedPassword(Inputs.RDS);
        String secret = "dev/shop/mysqlinstd/admin";
        lambda.configure(secret);

        StepResult r = rotate(in);
        StepResult first = Polling.check(env, in, r);
        StepResult second = Polling.check(env, in, first);

        assertThat(first.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(second.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThatThrownBy(() -> Polling.check(env, in, second)).as("the plan allows 60 s: checks at 30, 45 and 60 s")
                .isInstanceOf(StepTimeoutException.class)
                .hasMessageContaining("rotate-admin-pwd did not finish within its timeout of 60 s: 3 checks").hasMessageContaining("AWSPENDING on version")
                .hasMessageContaining("is empty (if it stays so, the rotation function failed at createSecret)")
                .hasMessageContaining(RotationLambdaSimulator.LAMBDA_ARN);
    }

    @Test
    void cluster_lambdaFailsAfterCreatingThePassword_lastCheckTimesOutPointingAtSetOrTestSecret() {
        StepInput in = changedPassword(Inputs.AURORA);
        String secret = "dev/shop/aurorad/admin";
        String before = password(secret);
        lambda.configure(secret);

        StepResult r = rotate(in);
        lambda.createSecret(secret, "Never-Applied-Pwd-1");
        StepResult first = Polling.check(env, in, r);
        StepResult second = Polling.check(env, in, first);

        assertThat(Inputs.json(first) + Inputs.json(second)).doesNotContain("Never-Applied-Pwd-1");
        assertThatThrownBy(() -> Polling.check(env, in, second)).isInstanceOf(StepTimeoutException.class)
                .hasMessageContaining("holds a new password (if it stays there, the rotation function failed at setSecret, "
                        + "testSecret or finishSecret").hasMessageNotContaining("Never-Applied-Pwd-1");
        assertThat(password(secret)).as("AWSCURRENT keeps the working password").isEqualTo(before);
    }

    @Test
    void rotationNotConfigured_failsBeforeRotatingAnything() {
        StepInput in = changedPassword(Inputs.RDS);
        requests.clear();

        assertThatThrownBy(() -> rotate(in)).isInstanceOf(RotationNotConfiguredException.class)
                .hasMessageContaining("rotation is not configured for secret dev/shop/mysqlinstd/admin")
                .hasMessageContaining("RotationEnabled is false and no rotation Lambda is attached");
        assertThat(requests.sent()).extracting(RequestLog.Sent::operation).doesNotContain("RotateSecret", "PutSecretValue");
    }

    @Test
    void missingSecret_failsAsNotConfigured() {
        StepInput in = Inputs.forStep(Inputs.load(Inputs.RDS, p -> p.put("rotateSecretName", "dev/shop/nothing-here")), StepId.ROTATE_ADMIN_PWD);

        assertThatThrownBy(() -> rotate(in)).isInstanceOf(RotationNotConfiguredException.class)
                .hasMessageContaining("secret dev/shop/nothing-here does not exist");
    }

    @Test
    void earlierRotationStuck_failsBeforeStartingAnother() {
        StepInput in = changedPassword(Inputs.RDS);
        String secret = "dev/shop/mysqlinstd/admin";
        lambda.configure(secret);
        aws.secretsManager().putSecretValue(b -> b.secretId(secret).clientRequestToken("11111111-2222-4333-8444-555555555555")
                .secretString("{\"password\":\"half-rotated\"}").versionStages("AWSPENDING"));
        requests.clear();

        assertThatThrownBy(() -> rotate(in)).isInstanceOf(RotationFailedException.class)
                .hasMessageContaining("an earlier rotation of secret " + secret + " never finished")
                .hasMessageContaining("11111111-2222-4333-8444-555555555555")
                .hasMessageNotContaining("half-rotated");
        assertThat(requests.sent()).extracting(RequestLog.Sent::operation).doesNotContain("RotateSecret");
    }

    @Test
    void staleHostInSecret_isPointedAtTheRefreshedTargetBeforeTheRotationStarts() throws IOException {
        String secret = "dev/shop/mysqlinstd/admin";
        aws.secretsManager().createSecret(b -> b.name(secret).secretString(Inputs.text("existing-app-secret.json")));
        lambda.configure(secret);
        StepInput in = Inputs.forStep(Inputs.load(Inputs.RDS), StepId.ROTATE_ADMIN_PWD);
        requests.clear();

        StepResult started = rotate(in);

        String host = aws.rds().describeDBInstances(b -> b.dbInstanceIdentifier("mysqlinstd")).dbInstances().get(0).endpoint().address();
        assertThat(requests.sent()).extracting(RequestLog.Sent::operation).containsSubsequence("PutSecretValue", "RotateSecret");
        assertThat(started.message()).contains("first pointed the secret at " + host);
        String previous = aws.secretsManager().getSecretValue(b -> b.secretId(secret).versionStage("AWSCURRENT")).secretString();
        JsonNode value = Json.MAPPER.readTree(previous);
        assertThat(value.get("host").asText()).isEqualTo(host);
        assertThat(value.get("poolSize").asInt()).isEqualTo(20);
    }

    @Test
    void retriedStart_findsTheRotationItAlreadyStarted() {
        StepInput in = changedPassword(Inputs.RDS);
        lambda.configure("dev/shop/mysqlinstd/admin");
        rotate(in);

        StepResult again = rotate(in);

        assertThat(again.message()).contains("already started by this run");
        assertThat(requests.sent("RotateSecret")).hasSize(1);
    }

    /** The plan's change-admin-pwd ran first (generate mode), as in a refresh; returns the input for rotate-admin-pwd. */
    private StepInput changedPassword(String fixture) {
        StepInput in = Inputs.load(fixture);
        try {
            new ChangeAdminPwd(env).handle(Json.MAPPER.writeValueAsString(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Inputs.forStep(in, StepId.ROTATE_ADMIN_PWD);
    }

    private StepResult rotate(StepInput in) {
        try {
            return Json.MAPPER.readValue(new RotateAdminPwd(env).handle(Json.MAPPER.writeValueAsString(in)), StepResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String password(String secret) {
        try {
            return Json.MAPPER.readTree(aws.secretsManager().getSecretValue(b -> b.secretId(secret).versionStage("AWSCURRENT"))
                    .secretString()).get("password").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
