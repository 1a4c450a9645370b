package io.dbrefresh.steps;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.rds.CrossAccountNames;
import io.dbrefresh.rds.SharedClusters;
import io.dbrefresh.rds.SourceShare;
import io.dbrefresh.rds.SourceSnapshotCopies;
import io.dbrefresh.refreshfile.RdsArn;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.SourceAccount;

/**
 * The source account of a cross-account refresh, reached by assuming the role its file names.
 * Clients are built once per role and container (credentials refresh themselves); the target
 * account, which the copies are shared with, is the execution's own.
 */
final class SourceAccounts {

    private static final String SESSION = "dbrefresh-steps";

    private final StepEnvironment env;
    private final Map<String, AwsClients> byRole = new ConcurrentHashMap<>();

    SourceAccounts(StepEnvironment env) {
        this.env = env;
    }

    /** The shared copy's side of {@code plan}'s refresh, in its source account. */
    SourceShare share(RefreshPlan plan, ExecutionRef execution) {
        SourceAccount account = plan.restore() == null ? null : plan.restore().sourceAccount();
        if (account == null) {
            throw new InvalidRefreshFileException("the refresh file names no restore.sourceaccount: its source is in this account");
        }
        AwsClients source = byRole.computeIfAbsent(account.roleArn(), role -> env.aws().assumingRole(role, SESSION));
        String target = targetAccount(execution);
        return new SourceShare(new SourceSnapshotCopies(source.rds(), target, CrossAccountNames.KEY_ALIAS),
                new SharedClusters(source.ram(), source.rds(), env.aws().ram(), target));
    }

    /** The account this refresh runs in, read from its execution's ARN. */
    static String targetAccount(ExecutionRef execution) {
        String account = execution == null || execution.id() == null ? null : RdsArn.accountOf(execution.id());
        if (account == null || !account.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("the execution's id is not an ARN naming its account: "
                    + (execution == null ? null : execution.id()));
        }
        return account;
    }
}
