package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.secrets.AdminPasswordChange;

/**
 * change-admin-pwd: gives the restored copy a new admin password (generated and kept only in
 * a secret, managed by RDS, or the legacy temppwd). The check is {@link io.dbrefresh.secrets.PasswordCheck}.
 */
public class ChangeAdminPwd extends StepHandler<StepInput, StepResult> {

    private final AdminPasswordChange change;

    public ChangeAdminPwd() {
        this(StepEnvironment.fromEnvironment());
    }

    public ChangeAdminPwd(StepEnvironment env) {
        this(new AdminPasswordChange(env));
    }

    ChangeAdminPwd(AdminPasswordChange change) {
        super(StepInput.class);
        this.change = change;
    }

    @Override
    protected StepResult handle(StepInput in) {
        return change.start(in);
    }
}
