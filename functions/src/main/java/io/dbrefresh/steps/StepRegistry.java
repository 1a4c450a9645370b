package io.dbrefresh.steps;

import java.util.List;
import java.util.Optional;

import io.dbrefresh.refreshfile.StepId;

/**
 * Every Lambda function of the state machine, declared once. The state machine generator,
 * the CDK app, the local engine and the tests read this list; adding a step means adding
 * its handler and one line here.
 */
public final class StepRegistry {

    private static final String PKG = "io.dbrefresh.steps.";

    public static final StepFunction VALIDATE = new StepFunction("ValidateRefreshFile", PKG + "ValidateRefreshFile", null, 512, 60);
    public static final StepFunction GUARD = new StepFunction("GuardTarget", PKG + "GuardTarget", null, 512, 60);
    public static final StepFunction CHECK = new StepFunction("CheckStep", PKG + "CheckStep", null, 512, 120);
    public static final StepFunction RECOVER = new StepFunction("Recover", PKG + "Recover", null, 512, 300);
    /**
     * Runs the post-refresh scripts for RunScripts, invoked asynchronously, never by the state
     * machine: Lambda's longest timeout, so a masking run may take 15 minutes. Deploy it with no
     * asynchronous retries (a retry would run the scripts again) and inside the database's VPC.
     */
    public static final StepFunction SCRIPT_RUNNER = new StepFunction("ScriptRunner", PKG + "ScriptRunnerWorker", null, 1024, 900);

    public static final StepFunction ACQUIRE_LOCK = new StepFunction("AcquireLock", PKG + "AcquireLock", null, 512, 60);

    private static final List<StepFunction> STEPS = List.of(
            new StepFunction("PerformRestore", PKG + "PerformRestore", StepId.PERFORM_RESTORE, 512, 120),
            new StepFunction("CreateInstance", PKG + "CreateInstance", StepId.CREATE_INSTANCE, 512, 120),
            new StepFunction("ChangeAdminPwd", PKG + "ChangeAdminPwd", StepId.CHANGE_ADMIN_PWD, 512, 120),
            new StepFunction("RunScripts", PKG + "RunScripts", StepId.RUN_SCRIPTS, 512, 60),
            new StepFunction("DeleteReplicas", PKG + "DeleteReplicas", StepId.DELETE_REPLICAS, 512, 120),
            new StepFunction("StopOldDatabase", PKG + "StopOldDatabase", StepId.STOP_OLD_DATABASE, 512, 120),
            new StepFunction("DeleteOldDatabase", PKG + "DeleteOldDatabase", StepId.DELETE_OLD_DATABASE, 512, 120),
            new StepFunction("DeleteOldCluster", PKG + "DeleteOldCluster", StepId.DELETE_OLD_CLUSTER, 512, 120),
            new StepFunction("RenameCluster", PKG + "RenameCluster", StepId.RENAME_CLUSTER, 512, 120),
            new StepFunction("RenameDatabase", PKG + "RenameDatabase", StepId.RENAME_DATABASE, 512, 120),
            new StepFunction("FixTags", PKG + "FixTags", StepId.FIX_TAGS, 512, 120),
            new StepFunction("CreateReadReplicas", PKG + "CreateReadReplicas", StepId.CREATE_READ_REPLICAS, 512, 120),
            new StepFunction("RotateAdminPwd", PKG + "RotateAdminPwd", StepId.ROTATE_ADMIN_PWD, 512, 60),
            new StepFunction("UpdateDynamoDb", PKG + "UpdateDynamoDb", StepId.UPDATE_DYNAMODB, 512, 60),
            new StepFunction("SendMsg", PKG + "SendMsg", StepId.SEND_MSG, 512, 60));

    private StepRegistry() {
    }

    /** The step functions in the order the steps run. */
    public static List<StepFunction> steps() {
        return STEPS;
    }

    /** Every function: validate, the lock, the guard, the steps, the shared check, recovery, and the script runner the state machine never calls. */
    public static List<StepFunction> all() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(VALIDATE, ACQUIRE_LOCK, GUARD, CHECK, RECOVER),
                java.util.stream.Stream.concat(STEPS.stream(), java.util.stream.Stream.of(SCRIPT_RUNNER))).toList();
    }

    public static Optional<StepFunction> forStep(StepId id) {
        return STEPS.stream().filter(f -> f.step() == id).findFirst();
    }

    public static Optional<StepFunction> byName(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
