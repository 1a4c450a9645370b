package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.secrets.SecretRotation;

/**
 * rotate-admin-pwd: starts the rotation configured on the admin secret. The check is
 * {@link io.dbrefresh.secrets.RotationCheck}.
 */
public class RotateAdminPwd extends StepHandler<StepInput, StepResult> {

    private final SecretRotation rotation;

    public RotateAdminPwd() {
        this(StepEnvironment.fromEnvironment());
    }

    public RotateAdminPwd(StepEnvironment env) {
        this(new SecretRotation(env));
    }

    RotateAdminPwd(SecretRotation rotation) {
        super(StepInput.class);
        this.rotation = rotation;
    }

    @Override
    protected StepResult handle(StepInput in) {
        return rotation.start(in);
    }
}
