package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.secrets.AdminPasswordChange;

/**
 * change-admin-pwd: gives the restored copy a new admin password (generated and kept only in
 * a secret, managed by RDS, or the legacy temppwd). The check is {@link io.dbrefresh.secrets.PasswordCheck}.
 */
public final class ChangeAdminPwd extends PasswordStep {

    public ChangeAdminPwd() {
        this(StepEnvironment.fromEnvironment());
    }

    public ChangeAdminPwd(StepEnvironment env) {
        super(new AdminPasswordChange(env)::start);
    }
}
