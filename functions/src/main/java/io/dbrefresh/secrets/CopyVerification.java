package io.dbrefresh.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.dbrefresh.execution.DatabaseNotFoundException;
import io.dbrefresh.execution.EndpointResolver;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.refreshfile.PasswordMode;
import io.dbrefresh.refreshfile.PasswordSpec;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * verify-copy: the last look at the copy before the swap, which fails closed. The copy is
 * fit to take the target's name when it is available with no password change pending, its
 * scripts (when the run has any) succeeded, and a login with the new admin password works.
 * A refused login fails; so does a login that could not be tried where the verifier must
 * reach the copy (deployed in the databases' VPC, or a local run's embedded database), since
 * there "could not connect" means the copy is not usable. Deployed outside any VPC the copy,
 * born private, cannot be reached: the login is then not attempted and the result says so.
 * It only reads: on failure recovery removes the copy, and the old target was never touched.
 */
public class CopyVerification {

    /** Set to {@code true} on functions deployed in the databases' VPC: they can reach the copy. */
    public static final String IN_DATABASE_VPC_ENV = "DBREFRESH_IN_DATABASE_VPC";

    private final MasterPassword master;
    private final PasswordCheck logins;
    private final EndpointResolver endpoints;
    private final LoginProbe probe;
    private final Predicate<TargetRef> mustReach;

    public CopyVerification(StepEnvironment env) {
        this(new MasterPassword(env.aws().rds()), new SecretStore(env.aws().secretsManager()), env.databases(),
                new LoginProbe(), ref -> Boolean.parseBoolean(System.getenv(IN_DATABASE_VPC_ENV))
                        || env.databases().resolve(ref.id(), ref.id()).isPresent());
    }

    CopyVerification(MasterPassword master, SecretStore store, EndpointResolver endpoints, LoginProbe probe,
                     Predicate<TargetRef> mustReach) {
        this.master = master;
        this.logins = new PasswordCheck(master, store, endpoints, probe);
        this.endpoints = endpoints;
        this.probe = probe;
        this.mustReach = mustReach;
    }

    /** Done with what was verified, or failed with every reason the copy may not take the name. */
    public Observation verify(StepInput in) {
        if (TargetRef.copyName(in.plan()) == null) {
            return Observation.done("nothing to verify: this run restores no copy, so no swap follows");
        }
        TargetRef ref = TargetRef.copy(in.plan());
        DatabaseTarget t;
        try {
            t = master.describe(ref);
        } catch (DatabaseNotFoundException e) {
            return Observation.failed("the copy " + ref + " does not exist");
        }
        List<String> problems = new ArrayList<>();
        List<String> verified = new ArrayList<>();
        boolean passwordChanged = in.plan().runs(StepId.CHANGE_ADMIN_PWD);
        PasswordSpec spec = passwordChanged ? AdminPasswordChange.spec(in) : null;
        PasswordMode mode = passwordChanged ? AdminPasswordChange.mode(spec) : null;
        String waiting = passwordChanged ? PasswordCheck.waitingFor(t, mode)
                : "available".equalsIgnoreCase(t.status()) ? null : ref + " is " + t.status();
        if (waiting != null) {
            problems.add("not ready: " + waiting);
        } else {
            verified.add(ref + " is available");
        }
        if (in.plan().runs(StepId.RUN_SCRIPTS)) {
            StepResult scripts = in.result(StepId.RUN_SCRIPTS);
            if (scripts == null || scripts.status() != StepStatus.SUCCEEDED) {
                problems.add("its scripts did not succeed (" + (scripts == null ? "no result" : scripts.status()) + ")");
            } else {
                verified.add("its scripts succeeded");
            }
        }
        if (!passwordChanged) {
            verified.add("login not attempted: this run sets no new admin password");
        } else if (waiting == null) {
            login(in, spec, mode, t, problems, verified);
        }
        if (!problems.isEmpty()) {
            return Observation.failed("the copy may not take the target's name: " + String.join("; ", problems));
        }
        return Observation.done(String.join("; ", verified));
    }

    private void login(StepInput in, PasswordSpec spec, PasswordMode mode, DatabaseTarget t, List<String> problems,
                       List<String> verified) {
        boolean required = mustReach.test(t.ref());
        PasswordCheck.Login login;
        try {
            login = logins.login(spec, mode, t, t.renamedTo(TargetRef.finalName(in.plan())));
        } catch (SecretFormatException e) {
            problems.add("the new password cannot be read: " + e.getMessage());
            return;
        } catch (SecretsManagerException e) {
            // RDS's own secret is outside the secrets this function may read (a grant on them would reach production's too)
            String why = "the new password could not be read from " + (mode == PasswordMode.MANAGED ? "RDS's secret" : spec.secretName())
                    + " (" + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode()) + ")";
            (required && mode != PasswordMode.MANAGED ? problems : verified).add((required ? "" : "login not attempted: ") + why);
            return;
        }
        if (login.problem() != null) {
            problems.add(login.problem());
            return;
        }
        if (login.password() == null) {
            (required ? problems : verified).add("login not attempted: " + login.source() + " holds no password");
            return;
        }
        LoginProbe.Attempt a = probe.attempt(t.engine(), PasswordCheck.endpointOf(endpoints, t), login.username(), login.password());
        switch (a.outcome()) {
            case PROVED -> verified.add("a login with the new password from " + login.source() + " works (" + a.detail() + ")");
            case REFUSED -> problems.add("the new password from " + login.source() + " is refused: " + a.detail());
            case NOT_ATTEMPTED -> (required ? problems : verified).add(required
                    ? "no login with the new password was possible: " + a.detail()
                    : "login not attempted (this function is not in the databases' VPC): " + a.detail());
        }
    }
}
