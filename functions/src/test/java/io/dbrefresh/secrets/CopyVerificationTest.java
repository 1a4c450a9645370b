package io.dbrefresh.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.dbrefresh.execution.EndpointResolver;
import io.dbrefresh.execution.DatabaseEndpoint;
import io.dbrefresh.execution.DatabaseNotFoundException;
import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * verify-copy's decisions on the example with scripts (restore into mysqlinstqtemp, a generated
 * password in a secret, scripts): RDS, the secret and the login mocked. It fails closed: every
 * reason the copy may not take the target's name is a failure, and where the verifier must
 * reach the copy a login that could not be tried is one too.
 */
class CopyVerificationTest {

    private static final String SECRET = "dbrefresh/qa/app1/mysqlinstq/master";

    private final MasterPassword master = mock(MasterPassword.class);
    private final SecretStore store = mock(SecretStore.class);
    private final LoginProbe probe = mock(LoginProbe.class);
    private final AtomicReference<Boolean> mustReach = new AtomicReference<>(true);
    private final CopyVerification verification = new CopyVerification(master, store, EndpointResolver.none(), probe,
            ref -> mustReach.get());

    @Test
    void availableCopy_scriptsSucceeded_loginProved_isVerified_andTheLoginIsTheCopysUnderItsTemporaryName() throws IOException {
        copy("available", false);
        secret("mysqlinstq.abc.example", 3306);
        login(LoginProbe.Outcome.PROVED, "logged in as admin at h:3306");

        Observation r = verification.verify(input(StepStatus.SUCCEEDED));

        assertThat(r.progress()).as(r.message()).isEqualTo(Progress.DONE);
        assertThat(r.message()).contains("instance mysqlinstqtemp is available", "its scripts succeeded",
                "a login with the new password from secret " + SECRET + " works").doesNotContain("New-Pass-123");
        ArgumentCaptor<TargetRef> ref = ArgumentCaptor.forClass(TargetRef.class);
        verify(master).describe(ref.capture());
        assertThat(ref.getValue()).isEqualTo(new TargetRef(false, "mysqlinstqtemp"));
        ArgumentCaptor<DatabaseEndpoint> endpoint = ArgumentCaptor.forClass(DatabaseEndpoint.class);
        verify(probe).attempt(eq("mysql"), endpoint.capture(), eq("admin"), eq("New-Pass-123"));
        assertThat(endpoint.getValue().host()).isEqualTo("mysqlinstqtemp.abc.example");
    }

    @Test
    void refusedLogin_failsWithoutThePassword() throws IOException {
        copy("available", false);
        secret("mysqlinstq.abc.example", 3306);
        login(LoginProbe.Outcome.REFUSED, "login as admin at h:3306 was refused: Access denied");

        Observation r = verification.verify(input(StepStatus.SUCCEEDED));

        assertThat(r.progress()).isEqualTo(Progress.FAILED);
        assertThat(r.message()).contains("may not take the target's name", "is refused", "Access denied").doesNotContain("New-Pass-123");
    }

    @Test
    void loginThatCannotBeTried_failsWhereTheVerifierMustReachTheCopy() throws IOException {
        copy("available", false);
        secret("mysqlinstq.abc.example", 3306);
        login(LoginProbe.Outcome.NOT_ATTEMPTED, "could not connect to h:3306: Connection refused");

        Observation r = verification.verify(input(StepStatus.SUCCEEDED));

        assertThat(r.progress()).isEqualTo(Progress.FAILED);
        assertThat(r.message()).contains("no login with the new password was possible: could not connect to h:3306");
    }

    @Test
    void loginThatCannotBeTried_outsideTheDatabasesVpc_isVerifiedAndSaysSo() throws IOException {
        mustReach.set(false);
        copy("available", false);
        secret("mysqlinstq.abc.example", 3306);
        login(LoginProbe.Outcome.NOT_ATTEMPTED, "could not connect to h:3306: timed out");

        Observation r = verification.verify(input(StepStatus.SUCCEEDED));

        assertThat(r.progress()).isEqualTo(Progress.DONE);
        assertThat(r.message()).contains("login not attempted (this function is not in the databases' VPC)");
    }

    @Test
    void copyNotAvailable_andScriptsNotSucceeded_failsWithBothReasons_andTriesNoLogin() throws IOException {
        copy("storage-full", false);

        Observation r = verification.verify(input(StepStatus.FAILED));

        assertThat(r.progress()).isEqualTo(Progress.FAILED);
        assertThat(r.message()).contains("not ready: instance mysqlinstqtemp is storage-full", "its scripts did not succeed (FAILED)");
        verify(probe, never()).attempt(anyString(), any(), anyString(), anyString());
    }

    @Test
    void pendingPasswordChange_fails() throws IOException {
        copy("available", true);

        Observation r = verification.verify(input(StepStatus.SUCCEEDED));

        assertThat(r.progress()).isEqualTo(Progress.FAILED);
        assertThat(r.message()).contains("the new master password is still pending on instance mysqlinstqtemp");
    }

    @Test
    void secretPointingElsewhere_fails() throws IOException {
        copy("available", false);
        secret("someother.abc.example", 3306);

        Observation r = verification.verify(input(StepStatus.SUCCEEDED));

        assertThat(r.progress()).isEqualTo(Progress.FAILED);
        assertThat(r.message()).contains("points at someother.abc.example:3306");
    }

    @Test
    void secretThatCannotBeRead_failsWhereTheVerifierMustReachTheCopy() throws IOException {
        copy("available", false);
        when(store.read(SECRET)).thenThrow((SecretsManagerException) SecretsManagerException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build());

        Observation r = verification.verify(input(StepStatus.SUCCEEDED));

        assertThat(r.progress()).isEqualTo(Progress.FAILED);
        assertThat(r.message()).contains("could not be read from " + SECRET + " (AccessDeniedException)");
    }

    @Test
    void missingCopy_fails() throws IOException {
        when(master.describe(any())).thenThrow(new DatabaseNotFoundException("gone", null));

        Observation r = verification.verify(input(StepStatus.SUCCEEDED));

        assertThat(r.progress()).isEqualTo(Progress.FAILED);
        assertThat(r.message()).contains("the copy instance mysqlinstqtemp does not exist");
    }

    @Test
    void aRunWithoutACopy_hasNothingToVerify() throws IOException {
        RefreshPlan plan = io.dbrefresh.testing.Plans.plan("prod", "dev", null, null, null);

        Observation r = verification.verify(new StepInput(plan, Map.of(), new ExecutionRef("arn:x", "x"), null, null, null));

        assertThat(r.progress()).isEqualTo(Progress.DONE);
        assertThat(r.message()).contains("nothing to verify");
        verify(master, never()).describe(any());
    }

    private StepInput input(StepStatus scripts) throws IOException {
        Map<StepId, StepResult> results = new EnumMap<>(StepId.class);
        results.put(StepId.RUN_SCRIPTS, new StepResult("runScripts", scripts, 15, 1, null, null, "scripts", "mysqlinstqtemp",
                null, null, null, true));
        return new StepInput(plan("rds-with-scripts.json", null), results, new ExecutionRef("arn:x", "x"), null, null, null);
    }

    /** The example's plan, with {@code withoutBlock} switched off when given. */
    private static RefreshPlan plan(String name, String withoutBlock) throws IOException {
        var file = (com.fasterxml.jackson.databind.node.ObjectNode) io.dbrefresh.refreshfile.Json.MAPPER.readTree(
                Files.readString(Path.of("..", "refresh-files", name)));
        if (withoutBlock != null) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) file.get(withoutBlock)).put("torun", false);
        }
        RefreshFileResult r = RefreshFiles.read(io.dbrefresh.refreshfile.Json.MAPPER.writeValueAsString(file));
        return r.plan();
    }

    private void copy(String status, boolean pending) {
        when(master.describe(any())).thenReturn(new DatabaseTarget(new TargetRef(false, "mysqlinstqtemp"), "arn:db:mysqlinstqtemp", "mysql",
                status, "mysqlinstqtemp.abc.example", 3306, "admin", null, pending, null, null, null));
    }

    private void secret(String host, int port) {
        when(store.read(SECRET)).thenReturn(Optional.of(new DatabaseSecret("mysql", host, port, "admin", "New-Pass-123", null,
                "mysqlinstq", null)));
    }

    private void login(LoginProbe.Outcome outcome, String detail) {
        when(probe.attempt(anyString(), any(), anyString(), anyString())).thenReturn(new LoginProbe.Attempt(outcome, detail));
    }
}
