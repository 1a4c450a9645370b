package io.dbrefresh.secrets;

import io.dbrefresh.testing.RotationLambdaSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/** The rotate-admin-pwd check's verdicts on the secret's version stages (the SDK answer is built, the store mocked). */
class RotationCheckTest {

    private static final String SECRET = "dev/shop/mysqlinstd/admin";
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/shop/mysqlinstd/admin-AbCdEf";

    private final SecretStore store = mock(SecretStore.class);
    private final RotationCheck check = new RotationCheck(new StepEnvironment(null, Clock.systemUTC(), null, null, null),
            mock(MasterPassword.class), store);
    private final StepInput in = Inputs.forStep(Inputs.load(Inputs.RDS), StepId.ROTATE_ADMIN_PWD);
    private final String version = VersionToken.of(in.execution(), StepId.ROTATE_ADMIN_PWD, ARN);
    private final StepResult started = new StepResult("rotateAdminPwd", StepStatus.IN_PROGRESS, 30, 0, null, null, "started", SECRET,
            null, null, null, true);

    @Test
    void pendingAndCurrentOnTheNewVersion_isDone() {
        secret(true, Map.of("old", List.of("AWSPREVIOUS"), version, List.of("AWSCURRENT", "AWSPENDING")));

        assertThat(check.check(in, started).status()).isEqualTo(StepStatus.SUCCEEDED);
    }

    @Test
    void newVersionLostPendingWithoutBecomingCurrent_failsAsCancelled() {
        secret(true, Map.of("old", List.of("AWSCURRENT"), version, List.of()));

        StepResult r = check.check(in, started);

        assertThat(r.status()).isEqualTo(StepStatus.FAILED);
        assertThat(r.message()).contains("lost AWSPENDING and never became AWSCURRENT");
    }

    @Test
    void rotationTurnedOffWhileRunning_fails() {
        secret(false, Map.of("old", List.of("AWSCURRENT"), version, List.of("AWSPENDING")));

        StepResult r = check.check(in, started);

        assertThat(r.status()).isEqualTo(StepStatus.FAILED);
        assertThat(r.message()).contains("was turned off while it ran");
    }

    @Test
    void stillPendingBeforeTheLastCheck_waitsAndCounts() {
        secret(true, Map.of("old", List.of("AWSCURRENT"), version, List.of("AWSPENDING")));

        StepResult r = check.check(in, started);

        assertThat(r.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(r.polls()).isEqualTo(1);
        assertThat(r.waitSeconds()).isEqualTo(30);
        assertThat(r.message()).contains("AWSCURRENT still on old");
    }

    @Test
    void deletedSecret_fails() {
        when(store.describe(SECRET)).thenReturn(Optional.empty());

        assertThat(check.check(in, started).message()).contains("was deleted while it was being rotated");
    }

    private void secret(boolean enabled, Map<String, List<String>> stages) {
        when(store.describe(SECRET)).thenReturn(Optional.of(DescribeSecretResponse.builder().arn(ARN).name(SECRET)
                .rotationEnabled(enabled).rotationLambdaARN(RotationLambdaSimulator.LAMBDA_ARN).versionIdsToStages(stages).build()));
    }
}
