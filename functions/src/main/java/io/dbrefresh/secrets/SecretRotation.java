package io.dbrefresh.secrets;

import java.util.Optional;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.refreshfile.PasswordSpec;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * rotate-admin-pwd, the start: asks Secrets Manager to rotate the admin secret with the
 * rotation configured on it (a rotation Lambda, or RDS's managed rotation). Fails at once,
 * before anything changes, when no rotation is configured or an earlier rotation never
 * finished. The secret is first pointed at the refreshed database, because the rotation
 * Lambda logs in to whatever host the secret names.
 */
public class SecretRotation {

    private static final StepId STEP = StepId.ROTATE_ADMIN_PWD;

    private final StepEnvironment env;
    private final MasterPassword master;
    private final SecretStore store;

    public SecretRotation(StepEnvironment env) {
        this(env, new MasterPassword(env.aws().rds()), new SecretStore(env.aws().secretsManager()));
    }

    SecretRotation(StepEnvironment env, MasterPassword master, SecretStore store) {
        this.env = env;
        this.master = master;
        this.store = store;
    }

    public StepResult start(StepInput in) {
        PasswordSpec spec = AdminPasswordChange.spec(in);
        DatabaseTarget target = master.describe(TargetRef.of(in.plan()));
        String secret = secretId(spec, target);
        DescribeSecretResponse d = store.describe(secret)
                .orElseThrow(() -> new RotationNotConfiguredException(STEP.displayName() + ": secret " + secret + " does not exist"));
        String notConfigured = notConfigured(d);
        if (notConfigured != null) {
            throw new RotationNotConfiguredException(STEP.displayName() + ": rotation is not configured for secret " + secret + ": "
                    + notConfigured + ". Attach a rotation function made from the AWS rotation templates (see docs/passwords.md), "
                    + "or do not run rotate-admin-pwd");
        }
        String version = VersionToken.of(in.execution(), STEP, d.arn());
        if (d.versionIdsToStages().containsKey(version)) {
            return StepResults.started(STEP, in, env, "rotation of secret " + secret + " was already started by this run (version "
                    + version + ")", secret);
        }
        Optional<String> pending = SecretStore.versionWith(d, SecretStore.PENDING);
        Optional<String> current = SecretStore.versionWith(d, SecretStore.CURRENT);
        if (pending.isPresent() && !pending.equals(current)) {
            throw new RotationFailedException(STEP.displayName() + ": an earlier rotation of secret " + secret
                    + " never finished: AWSPENDING is still on version " + pending.get() + ". Read the rotation function's log, "
                    + "then finish or cancel that rotation (aws secretsmanager cancel-rotate-secret) before rotating again");
        }
        String synced = "";
        if (d.owningService() == null && target.hasEndpoint() && store.syncEndpoint(secret, target.host(), target.port())) {
            synced = "; first pointed the secret at " + target.host() + ":" + target.port() + " so the rotation logs in to the refreshed database";
        }
        store.rotate(secret, version);
        return StepResults.started(STEP, in, env, "started rotating secret " + secret + " with " + rotator(d)
                + " (new version " + version + "; AWSCURRENT was " + current.orElse("none") + ")" + synced, secret);
    }

    /** The secret to rotate: rotatesecretname, else the change step's secret, else the one RDS manages. */
    static String secretId(PasswordSpec spec, DatabaseTarget target) {
        if (spec.rotateSecretName() != null && !spec.rotateSecretName().isBlank()) {
            return spec.rotateSecretName();
        }
        if (spec.secretName() != null && !spec.secretName().isBlank()) {
            return spec.secretName();
        }
        if (target.managed()) {
            return target.managedSecretArn();
        }
        throw new RotationNotConfiguredException(STEP.displayName() + ": no secret to rotate: set secretname, "
                + "or let RDS manage the password of " + target.ref());
    }

    /** Why rotation cannot run, or null when it can. */
    static String notConfigured(DescribeSecretResponse d) {
        boolean enabled = Boolean.TRUE.equals(d.rotationEnabled());
        boolean lambda = d.rotationLambdaARN() != null && !d.rotationLambdaARN().isBlank();
        boolean managedRotation = d.owningService() != null && !d.owningService().isBlank();
        if (!enabled && !lambda && !managedRotation) {
            return "RotationEnabled is false and no rotation Lambda is attached";
        }
        if (!enabled) {
            return "RotationEnabled is false";
        }
        if (!lambda && !managedRotation) {
            return "no rotation Lambda is attached";
        }
        return null;
    }

    static String rotator(DescribeSecretResponse d) {
        return d.rotationLambdaARN() != null && !d.rotationLambdaARN().isBlank() ? "rotation Lambda " + d.rotationLambdaARN()
                : d.owningService() + "'s managed rotation";
    }
}
