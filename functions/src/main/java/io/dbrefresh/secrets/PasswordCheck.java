package io.dbrefresh.secrets;

import java.util.Optional;

import io.dbrefresh.execution.DatabaseEndpoint;
import io.dbrefresh.execution.EndpointResolver;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.refreshfile.PasswordMode;
import io.dbrefresh.refreshfile.PasswordSpec;

/**
 * change-admin-pwd, the check: done when the instance or cluster is {@code available} with no
 * master password change pending (and, for a password RDS manages, its secret is active);
 * then, where a connection is possible, it logs in with the new password to prove it works,
 * and says plainly when it could not try. A refused login fails the step. It only observes:
 * the shared check counts the polls and ends the wait with its timeout.
 */
public class PasswordCheck {

    private final MasterPassword master;
    private final SecretStore store;
    private final EndpointResolver endpoints;
    private final LoginProbe probe;

    public PasswordCheck(StepEnvironment env) {
        this(env, EndpointResolver.none());
    }

    /** With {@code endpoints} answering before RDS's description, where this process connects elsewhere (an embedded server). */
    public PasswordCheck(StepEnvironment env, EndpointResolver endpoints) {
        this(new MasterPassword(env.aws().rds()), new SecretStore(env.aws().secretsManager()), endpoints, new LoginProbe());
    }

    PasswordCheck(MasterPassword master, SecretStore store, EndpointResolver endpoints, LoginProbe probe) {
        this.master = master;
        this.store = store;
        this.endpoints = endpoints;
        this.probe = probe;
    }

    /** What one look at the target finds: the change applied (and proved), still pending, or failed. */
    public Observation observe(StepInput in, StepResult current) {
        PasswordSpec spec = AdminPasswordChange.spec(in);
        PasswordMode mode = AdminPasswordChange.mode(spec);
        DatabaseTarget t = master.describe(TargetRef.copy(in.plan()));
        if (MasterPassword.terminal(t.status())) {
            return Observation.failed(t.ref() + " is " + t.status() + ": its password change cannot complete");
        }
        if (mode == PasswordMode.MANAGED && "impaired".equalsIgnoreCase(t.managedSecretStatus())) {
            return Observation.failed("RDS's secret for " + t.ref() + " is impaired (" + t.managedSecretArn()
                    + "): RDS cannot use its KMS key or the secret; see the RDS events of " + t.ref().id());
        }
        String waiting = waitingFor(t, mode);
        if (waiting != null) {
            return Observation.inProgress("waiting: " + waiting);
        }
        Login login;
        try {
            login = login(spec, mode, t, t.renamedTo(TargetRef.finalName(in.plan())));
        } catch (SecretFormatException e) {
            return Observation.failed("new admin password applied on " + t.ref() + ", but " + e.getMessage());
        }
        if (login.problem() != null) {
            return Observation.failed("new admin password applied on " + t.ref() + ", but " + login.problem());
        }
        if (login.password() == null) {
            return Observation.done("new admin password applied on " + t.ref()
                    + "; login not attempted: " + login.source() + " holds no password" + login.note());
        }
        LoginProbe.Attempt a = probe.attempt(t.engine(), endpointOf(endpoints, t), login.username(), login.password());
        return switch (a.outcome()) {
            case PROVED -> Observation.done("new admin password applied on " + t.ref()
                    + "; login proved with the password from " + login.source() + ": " + a.detail() + login.note());
            case REFUSED -> Observation.failed("new admin password applied on " + t.ref()
                    + ", but the password from " + login.source() + " does not work: " + a.detail());
            case NOT_ATTEMPTED -> Observation.done("new admin password applied on " + t.ref()
                    + "; login not attempted: " + a.detail() + login.note());
        };
    }

    /** What the change still waits for, or null when it is applied. */
    static String waitingFor(DatabaseTarget t, PasswordMode mode) {
        if (!"available".equalsIgnoreCase(t.status())) {
            return t.ref() + " is " + t.status();
        }
        if (t.passwordPending()) {
            return "the new master password is still pending on " + t.ref();
        }
        if (mode == PasswordMode.MANAGED) {
            if (!t.managed()) {
                return "RDS has not yet created its secret for " + t.ref();
            }
            if (!"active".equalsIgnoreCase(t.managedSecretStatus())) {
                return "RDS's secret for " + t.ref() + " is " + t.managedSecretStatus();
            }
        } else if (t.managed()) {
            return "RDS still manages the password of " + t.ref();
        }
        return null;
    }

    /**
     * The login to try: from the secret that holds the new password, or for a legacy temppwd
     * kept nowhere else, from the plan.
     *
     * @param problem set when the secret contradicts the database (then the step fails)
     * @param note    what the check saw about the secret, for the message
     */
    record Login(String username, String password, String source, String problem, String note) {
    }

    /** {@code named}: the copy as the secret should describe it, under the name it will have after the swap. */
    Login login(PasswordSpec spec, PasswordMode mode, DatabaseTarget t, DatabaseTarget named) {
        if (mode == PasswordMode.MANAGED) {
            Optional<DatabaseSecret> s = store.read(t.managedSecretArn());
            return s.map(v -> new Login(nz(v.username(), t.username()), v.password(), "RDS's secret", null, ""))
                    .orElseGet(() -> new Login(t.username(), null, "RDS's secret " + t.managedSecretArn(), null, ""));
        }
        String secret = spec.secretName();
        boolean inSecret = secret != null && !secret.isBlank() && (mode == PasswordMode.GENERATE || spec.syncSecret());
        if (!inSecret) {
            return new Login(t.username(), spec.tempPassword(), "the refresh file's temppwd", null, "");
        }
        Optional<DatabaseSecret> s = store.read(secret);
        if (s.isEmpty()) {
            return new Login(t.username(), null, "secret " + secret, "secret " + secret + " does not exist any more", "");
        }
        DatabaseSecret v = s.get();
        if (named.hasEndpoint() && !(named.host().equals(v.host()) && named.port().equals(v.port()))) {
            return new Login(t.username(), null, "secret " + secret, "secret " + secret + " points at " + v.host() + ":" + v.port()
                    + ", not at the refreshed database (" + named.host() + ":" + named.port() + ")", "");
        }
        String note = named.hasEndpoint() ? "; secret " + secret + " points at " + named.host() + ":" + named.port() : "";
        return new Login(nz(v.username(), t.username()), v.password(), "secret " + secret, null, note);
    }

    private static String nz(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    /** Where to log in to {@code t}: where {@code endpoints} say it answers (a local run's embedded server), else where RDS says. */
    static DatabaseEndpoint endpointOf(EndpointResolver endpoints, DatabaseTarget t) {
        String id = t.ref().id();
        return endpoints.resolve(t.ref().cluster() ? null : id, t.ref().cluster() ? id : null).orElse(t.endpoint());
    }
}
