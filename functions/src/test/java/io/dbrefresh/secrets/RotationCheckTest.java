package io.dbrefresh.secrets;

import io.dbrefresh.testing.RotationLambdaSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/** The rotate-admin-pwd check's verdicts on the secret's version stages (the SDK answer is built, the store mocked). */
class RotationCheckTest {

    private static final String SECRET = "dev/shop/mysqlinstd/admin";
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/shop/mysqlinstd/admin-AbCdEf";

    private final SecretStore store = mock(SecretStore.class);
    private final RotationCheck check = new RotationCheck(mock(MasterPassword.class), store);
    private final StepInput in = Inputs.forStep(Inputs.load(Inputs.RDS), StepId.ROTATE_ADMIN_PWD);
    private final String version = VersionToken.of(in.execution(), StepId.ROTATE_ADMIN_PWD, ARN);
    private final StepResult started = new StepResult("rotateAdminPwd", StepStatus.IN_PROGRESS, 30, 0, null, null, "started", SECRET,
            null, null, null, true);

    @Test
    void pendingAndCurrentOnTheNewVersion_isDone() {
        secret(true, Map.of("old", List.of("AWSPREVIOUS"), version, List.of("AWSCURRENT", "AWSPENDING")));

        assertThat(check.observe(in, started).progress()).isEqualTo(Progress.DONE);
    }

    @Test
    void newVersionLostPendingWithoutBecomingCurrent_failsAsCancelled() {
        secret(true, Map.of("old", List.of("AWSCURRENT"), version, List.of()));

        Observation r = check.observe(in, started);

        assertThat(r.progress()).isEqualTo(Progress.FAILED);
        assertThat(r.message()).contains("lost AWSPENDING and never became AWSCURRENT");
    }

    @Test
    void rotationTurnedOffWhileRunning_fails() {
        secret(false, Map.of("old", List.of("AWSCURRENT"), version, List.of("AWSPENDING")));

        Observation r = check.observe(in, started);

        assertThat(r.progress()).isEqualTo(Progress.FAILED);
        assertThat(r.message()).contains("was turned off while it ran");
    }

    @Test
    void stillPending_isInProgressSayingWhereTheRotationFunctionStands() {
        secret(true, Map.of("old", List.of("AWSCURRENT"), version, List.of("AWSPENDING")));

        Observation r = check.observe(in, started);

        assertThat(r.progress()).isEqualTo(Progress.IN_PROGRESS);
        assertThat(r.message()).contains("AWSCURRENT still on old")
                .contains("is empty (if it stays so, the rotation function failed at createSecret)")
                .contains(RotationLambdaSimulator.LAMBDA_ARN);
    }

    @Test
    void deletedSecret_fails() {
        when(store.describe(SECRET)).thenReturn(Optional.empty());

        assertThat(check.observe(in, started).message()).contains("was deleted while it was being rotated");
    }

    private void secret(boolean enabled, Map<String, List<String>> stages) {
        when(store.describe(SECRET)).thenReturn(Optional.of(DescribeSecretResponse.builder().arn(ARN).name(SECRET)
                .rotationEnabled(enabled).rotationLambdaARN(RotationLambdaSimulator.LAMBDA_ARN).versionIdsToStages(stages).build()));
    }
}
