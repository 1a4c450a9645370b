package io.dbrefresh.infra;

import static io.dbrefresh.infra.Capability.*;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which step function may do what, keyed by the function's name in the step registry. A
 * function not named here (a step added to the registry later) is deployed with its logs and
 * traces only: it gets more by a line here, reviewed with the rest of this table.
 * Names of steps whose handlers are still to come are listed already, so their permissions
 * are part of the same review.
 */
public final class FunctionGrants {

    private static final Map<String, Set<Capability>> GRANTS = Map.ofEntries(
            // validation reads the target to refuse a protected or production database before anything runs
            Map.entry("ValidateRefreshFile", EnumSet.of(RDS_READ)),
            // takes the per-target lock (a conditional write) and writes the RUNNING history row
            Map.entry("AcquireLock", EnumSet.of(HISTORY_WRITE)),
            // refuses a source, a replica of it, a protected or production target: describe and list tags only
            Map.entry("GuardTarget", EnumSet.of(RDS_READ)),
            // the one check of every polled step: reads what each step started
            Map.entry("CheckStep", EnumSet.of(RDS_READ, SECRETS_DESCRIBE, SCRIPTS_READ, SSM_READ_COMMAND)),
            // puts the world back: restarts the stopped target, removes temp copies, undoes a rename
            Map.entry("Recover", EnumSet.of(RDS_READ, RDS_STOP_START, RDS_DELETE, RDS_MODIFY, RDS_CREATE_INSTANCE)),
            Map.entry("DeleteReplicas", EnumSet.of(RDS_READ, RDS_DELETE)),
            Map.entry("StopOldDatabase", EnumSet.of(RDS_READ, RDS_STOP_START)),
            Map.entry("PerformRestore", EnumSet.of(RDS_READ, RDS_RESTORE, PASS_MONITORING_ROLE, KMS_FOR_RDS)),
            Map.entry("CreateInstance", EnumSet.of(RDS_READ, RDS_CREATE_INSTANCE, PASS_MONITORING_ROLE, KMS_FOR_RDS)),
            Map.entry("DeleteOldDatabase", EnumSet.of(RDS_READ, RDS_DELETE)),
            Map.entry("DeleteOldCluster", EnumSet.of(RDS_READ, RDS_DELETE)),
            Map.entry("RenameCluster", EnumSet.of(RDS_READ, RDS_MODIFY)),
            Map.entry("RenameDatabase", EnumSet.of(RDS_READ, RDS_MODIFY)),
            Map.entry("FixTags", EnumSet.of(RDS_READ, RDS_TAG)),
            Map.entry("CreateReadReplicas", EnumSet.of(RDS_READ, RDS_CREATE_REPLICA, RDS_CREATE_INSTANCE,
                    PASS_MONITORING_ROLE, KMS_FOR_RDS)),
            Map.entry("ChangeAdminPwd", EnumSet.of(RDS_READ, RDS_MODIFY, SECRETS_READ, SECRETS_WRITE)),
            Map.entry("RotateAdminPwd", EnumSet.of(SECRETS_DESCRIBE, SECRETS_ROTATE)),
            // starts the run: a PENDING report, then the worker (lambda method) or an SSM command (ec2 method)
            Map.entry("RunScripts", EnumSet.of(RDS_READ, SCRIPTS_READ, SCRIPTS_WRITE, SSM_RUN_COMMAND, SSM_READ_COMMAND,
                    INVOKE_SCRIPT_RUNNER)),
            // the worker connects to the database, so it alone runs in the databases' VPC
            Map.entry("ScriptRunner", EnumSet.of(RDS_READ, SCRIPTS_READ, SCRIPTS_WRITE, SECRETS_READ, IN_DATABASE_VPC)),
            Map.entry("UpdateDynamoDb", EnumSet.of(HISTORY_WRITE)),
            Map.entry("SendMsg", EnumSet.of(NOTIFY)));

    private FunctionGrants() {
    }

    /** What the function named {@code functionName} may do; empty for a name not in the table. */
    public static Set<Capability> of(String functionName) {
        Set<Capability> granted = GRANTS.get(functionName);
        return granted == null ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(granted);
    }

    /** The function names this table knows. */
    public static Set<String> names() {
        return GRANTS.keySet();
    }
}
