package io.dbrefresh.secrets;

import java.util.List;
import java.util.Optional;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * rotate-admin-pwd, the check: done when the version this run's rotation created is
 * AWSCURRENT and AWSPENDING is gone (or sits on that same version). Fails clearly when the
 * rotation was cancelled or turned off, and when AWSPENDING is still stuck on the new version
 * at the step's last check: the rotation function failed, and the message says at which step
 * as far as the secret shows it.
 */
public class RotationCheck {

    private static final StepId STEP = StepId.ROTATE_ADMIN_PWD;

    private final StepEnvironment env;
    private final MasterPassword master;
    private final SecretStore store;

    public RotationCheck(StepEnvironment env) {
        this(env, new MasterPassword(env.aws().rds()), new SecretStore(env.aws().secretsManager()));
    }

    RotationCheck(StepEnvironment env, MasterPassword master, SecretStore store) {
        this.env = env;
        this.master = master;
        this.store = store;
    }

    /** The step's next result: polls counted and the next wait set while it is not done. */
    public StepResult check(StepInput in, StepResult current) {
        String secret = current != null && current.resource() != null ? current.resource()
                : SecretRotation.secretId(AdminPasswordChange.spec(in), master.describe(TargetRef.of(in.plan())));
        Optional<DescribeSecretResponse> found = store.describe(secret);
        if (found.isEmpty()) {
            return StepResults.failed(STEP, in, current, env, "secret " + secret + " was deleted while it was being rotated");
        }
        DescribeSecretResponse d = found.get();
        String version = VersionToken.of(in.execution(), STEP, d.arn());
        List<String> stages = SecretStore.stagesOf(d, version);
        Optional<String> pending = SecretStore.versionWith(d, SecretStore.PENDING);
        if (stages.contains(SecretStore.CURRENT)) {
            String after = pending.isEmpty() || pending.get().equals(version) ? " and no rotation is pending"
                    : "; another rotation has started since (AWSPENDING on version " + pending.get() + ")";
            return StepResults.succeeded(STEP, in, current, env, "rotation of secret " + secret + " finished: AWSCURRENT is the new version "
                    + version + after);
        }
        if (!d.versionIdsToStages().containsKey(version)) {
            return StepResults.failed(STEP, in, current, env, "rotation of secret " + secret + " failed: the version it was creating ("
                    + version + ") is gone, so the rotation was cancelled or replaced");
        }
        if (!stages.contains(SecretStore.PENDING)) {
            return StepResults.failed(STEP, in, current, env, "rotation of secret " + secret + " stopped without finishing: version "
                    + version + " lost AWSPENDING and never became AWSCURRENT (was it cancelled with cancel-rotate-secret?)");
        }
        if (SecretRotation.notConfigured(d) != null) {
            return StepResults.failed(STEP, in, current, env, "rotation of secret " + secret + " was turned off while it ran ("
                    + SecretRotation.notConfigured(d) + "); AWSPENDING is left on version " + version);
        }
        if (StepResults.lastCheck(STEP, in, current)) {
            boolean created = store.hasValue(secret, version);
            return StepResults.failed(STEP, in, current, env, "rotation of secret " + secret + " did not finish within "
                    + StepResults.waited(STEP, in, current) + ": AWSPENDING is still on version " + version + ", which "
                    + (created ? "holds a new password, so the rotation function failed at setSecret, testSecret or finishSecret "
                    + "(can it reach the database and log in with the current password?)"
                    : "is empty, so the rotation function failed at createSecret")
                    + "; see the log of " + SecretRotation.rotator(d));
        }
        return StepResults.again(STEP, in, current, env, "rotation of secret " + secret + " in progress: AWSPENDING on version " + version
                + ", AWSCURRENT still on " + SecretStore.versionWith(d, SecretStore.CURRENT).orElse("none"));
    }
}
