package io.dbrefresh.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.EndpointResolver;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;

/** The change-admin-pwd check's decisions, with RDS, the secret and the login mocked. */
class PasswordCheckTest {

    private final MasterPassword master = mock(MasterPassword.class);
    private final SecretStore store = mock(SecretStore.class);
    private final LoginProbe probe = mock(LoginProbe.class);
    private final StepEnvironment env = new StepEnvironment(null, Clock.systemUTC(), 5, null, null);
    private final PasswordCheck check = new PasswordCheck(master, store, EndpointResolver.none(), probe);
    private final StepInput in = Inputs.load(Inputs.RDS);
    private final StepResult started = new StepResult("changeAdminPwd", StepStatus.IN_PROGRESS, 5, 0, null, null, "started", "mysqlinstd",
            null, null, null, true);

    @Test
    void pendingPassword_isInProgressWithoutTryingTheLogin() {
        target("available", true, null);

        Observation r = check.observe(in, started);

        assertThat(r.progress()).isEqualTo(Progress.IN_PROGRESS);
        assertThat(r.message()).contains("still pending");
        verify(probe, never()).attempt(anyString(), any(), anyString(), anyString());
    }

    @Test
    void terminalStatus_failsAtOnce() {
        target("incompatible-parameters", false, null);

        Observation r = check.observe(in, started);

        assertThat(r.progress()).isEqualTo(Progress.FAILED);
        assertThat(r.message()).contains("instance mysqlinstd is incompatible-parameters");
    }

    @Test
    void refusedLogin_failsTheStep() {
        target("available", false, null);
        secret("mysqlinstd.abc.example", 3306);
        when(probe.attempt(eq("mysql"), any(), eq("admin"), eq("New-Pass-123")))
                .thenReturn(new LoginProbe.Attempt(LoginProbe.Outcome.REFUSED, "login as admin at h:3306 was refused: Access denied"));

        Observation r = check.observe(in, started);

        assertThat(r.progress()).isEqualTo(Progress.FAILED);
        assertThat(r.message()).contains("does not work").contains("Access denied").doesNotContain("New-Pass-123");
    }

    @Test
    void loginThatCannotBeTried_succeedsAndSaysSo() {
        target("available", false, null);
        secret("mysqlinstd.abc.example", 3306);
        when(probe.attempt(anyString(), any(), anyString(), anyString()))
                .thenReturn(new LoginProbe.Attempt(LoginProbe.Outcome.NOT_ATTEMPTED, "could not connect to h:3306: timed out"));

        Observation r = check.observe(in, started);

        assertThat(r.progress()).isEqualTo(Progress.DONE);
        assertThat(r.message()).contains("login not attempted: could not connect to h:3306: timed out");
    }

    @Test
    void managedMode_waitsUntilRdsSecretIsActive_thenLogsInWithIt() {
        StepInput managed = Inputs.load(Inputs.RDS, p -> p.put("mode", "managed"));
        target("available", false, "creating");
        assertThat(check.observe(managed, started).message()).contains("RDS's secret for instance mysqlinstd is creating");

        target("available", false, "active");
        when(store.read("arn:rds-secret")).thenReturn(Optional.of(new DatabaseSecret(null, null, null, "admin", "Rds-Made-1", null, null, null)));
        when(probe.attempt(anyString(), any(), eq("admin"), eq("Rds-Made-1")))
                .thenReturn(new LoginProbe.Attempt(LoginProbe.Outcome.PROVED, "logged in as admin at h:3306"));

        Observation r = check.observe(managed, started);

        assertThat(r.progress()).isEqualTo(Progress.DONE);
        assertThat(r.message()).contains("login proved with the password from RDS's secret");
    }

    private void target(String status, boolean pending, String managedStatus) {
        when(master.describe(any())).thenReturn(new DatabaseTarget(new TargetRef(false, "mysqlinstd"), "arn", "mysql", status,
                "mysqlinstd.abc.example", 3306, "admin", "shop", pending, managedStatus == null ? null : "arn:rds-secret", managedStatus, null));
    }

    private void secret(String host, int port) {
        when(store.read("dev/shop/mysqlinstd/admin"))
                .thenReturn(Optional.of(new DatabaseSecret("mysql", host, port, "admin", "New-Pass-123", "shop", "mysqlinstd", null)));
    }
}
