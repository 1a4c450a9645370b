package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.secrets.SecretRotation;

/**
 * rotate-admin-pwd: starts the rotation configured on the admin secret. The check is
 * {@link io.dbrefresh.secrets.RotationCheck}.
 */
public final class RotateAdminPwd extends PasswordStep {

    public RotateAdminPwd() {
        this(StepEnvironment.fromEnvironment());
    }

    public RotateAdminPwd(StepEnvironment env) {
        super(new SecretRotation(env)::start);
    }
}
