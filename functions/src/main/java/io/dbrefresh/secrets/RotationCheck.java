package io.dbrefresh.secrets;

import java.util.List;
import java.util.Optional;

import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * rotate-admin-pwd, the check: done when the version this run's rotation created is
 * AWSCURRENT and AWSPENDING is gone (or sits on that same version). Fails clearly when the
 * rotation was cancelled or turned off. While AWSPENDING sits on the new version it is in
 * progress, and says at which step of the rotation function it stands as far as the secret
 * shows it, so when the shared check's timeout ends the wait, its "last seen" names the
 * function's step that failed and the function's log.
 */
public class RotationCheck {

    private static final StepId STEP = StepId.ROTATE_ADMIN_PWD;

    private final MasterPassword master;
    private final SecretStore store;

    public RotationCheck(StepEnvironment env) {
        this(new MasterPassword(env.aws().rds()), new SecretStore(env.aws().secretsManager()));
    }

    RotationCheck(MasterPassword master, SecretStore store) {
        this.master = master;
        this.store = store;
    }

    /** What one look at the secret's version stages finds. */
    public Observation observe(StepInput in, StepResult current) {
        String secret = current != null && current.resource() != null ? current.resource()
                : SecretRotation.secretId(AdminPasswordChange.spec(in), master.describe(TargetRef.of(in.plan())));
        Optional<DescribeSecretResponse> found = store.describe(secret);
        if (found.isEmpty()) {
            return Observation.failed("secret " + secret + " was deleted while it was being rotated");
        }
        DescribeSecretResponse d = found.get();
        String version = VersionToken.of(in.execution(), STEP, d.arn());
        List<String> stages = SecretStore.stagesOf(d, version);
        Optional<String> pending = SecretStore.versionWith(d, SecretStore.PENDING);
        if (stages.contains(SecretStore.CURRENT)) {
            String after = pending.isEmpty() || pending.get().equals(version) ? " and no rotation is pending"
                    : "; another rotation has started since (AWSPENDING on version " + pending.get() + ")";
            return Observation.done("rotation of secret " + secret + " finished: AWSCURRENT is the new version "
                    + version + after);
        }
        if (!d.versionIdsToStages().containsKey(version)) {
            return Observation.failed("rotation of secret " + secret + " failed: the version it was creating ("
                    + version + ") is gone, so the rotation was cancelled or replaced");
        }
        if (!stages.contains(SecretStore.PENDING)) {
            return Observation.failed("rotation of secret " + secret + " stopped without finishing: version "
                    + version + " lost AWSPENDING and never became AWSCURRENT (was it cancelled with cancel-rotate-secret?)");
        }
        if (SecretRotation.notConfigured(d) != null) {
            return Observation.failed("rotation of secret " + secret + " was turned off while it ran ("
                    + SecretRotation.notConfigured(d) + "); AWSPENDING is left on version " + version);
        }
        boolean created = store.hasValue(secret, version);
        return Observation.inProgress("rotation of secret " + secret + " in progress: AWSPENDING on version " + version
                + ", which " + (created ? "holds a new password (if it stays there, the rotation function failed at setSecret, "
                + "testSecret or finishSecret: can it reach the database and log in with the current password?)"
                : "is empty (if it stays so, the rotation function failed at createSecret)")
                + "; AWSCURRENT still on " + SecretStore.versionWith(d, SecretStore.CURRENT).orElse("none")
                + "; see the log of " + SecretRotation.rotator(d));
    }
}
