package io.dbrefresh.steps;

import static io.dbrefresh.steps.Capability.*;

import java.util.List;
import java.util.Optional;

import io.dbrefresh.refreshfile.StepId;

/**
 * Every Lambda function of the state machine, declared once: its handler, its sizing and what
 * it may do. The state machine generator, the CDK app (functions and IAM), the local engine
 * and the tests read this list; adding a step means adding its handler and one line here.
 */
public final class StepRegistry {

    // validation reads the target to refuse a protected or production database before anything runs
    public static final StepFunction VALIDATE = StepFunction.of(ValidateRefreshFile.class, null, 512, 60, RDS_READ);
    // refuses a source, a replica of it, a protected or production target: describe and list tags only
    public static final StepFunction GUARD = StepFunction.of(GuardTarget.class, null, 512, 60, RDS_READ);
    // the live account has what the file names: describe, get and head calls only
    public static final StepFunction PREFLIGHT = StepFunction.of(PreflightCheck.class, null, 512, 120,
            RDS_READ, RDS_READ_SETTINGS, RDS_READ_ACCOUNT, KMS_DESCRIBE, SECRETS_DESCRIBE, SCRIPTS_READ, HISTORY_DESCRIBE,
            TOPIC_DESCRIBE, SES_VERIFICATION_READ, SSM_DESCRIBE_INSTANCES, EC2_DESCRIBE_SECURITY_GROUPS);
    // the one check of every polled step: reads what each step started; once the restored copy is
    // available it also gives it the old target's settings the restore call cannot take (a modify
    // of the copy, which may pass the monitoring role and use the Performance Insights key); and when
    // perform-restore first copied a snapshot under the file's kmskeyid, the check restores the copy
    // once it is available (a restore born with the managed tag, as perform-restore's own); and once the
    // copy holds the target's name, the rename's check deletes the old target the swap renamed away
    // (a managed database, with its final snapshot: the deletes of delete-old-database, moved after the swap)
    public static final StepFunction CHECK = StepFunction.of(CheckStep.class, null, 512, 120,
            RDS_READ, RDS_RESTORE, RDS_MODIFY, RDS_DELETE, PASS_MONITORING_ROLE, KMS_FOR_RDS, SECRETS_READ, SCRIPTS_READ,
            SSM_READ_COMMAND, DATABASE_LOGIN);
    // puts the world back: restarts the stopped target, removes temp copies, undoes a rename (and
    // removes the grace-period marks of a rename away that did not happen or was undone); across
    // accounts it also removes the copies and shares made in the source account
    public static final StepFunction RECOVER = StepFunction.of(Recover.class, null, 512, 300,
            RDS_READ, RDS_STOP_START, RDS_DELETE, RDS_MODIFY, RDS_CREATE_INSTANCE, RDS_TAG, ASSUME_SOURCE_ROLE);
    /**
     * Runs the post-refresh scripts for RunScripts, invoked asynchronously, never by the state
     * machine: Lambda's longest timeout, so a masking run may take 15 minutes. Deploy it with no
     * asynchronous retries (a retry would run the scripts again) and inside the database's VPC:
     * it connects to the database, so it alone runs there.
     */
    public static final StepFunction SCRIPT_RUNNER = StepFunction.named("ScriptRunner", ScriptRunnerWorker.class, null, 1024, 900,
            RDS_READ, SCRIPTS_READ, SCRIPTS_WRITE, SECRETS_READ, IN_DATABASE_VPC, DATABASE_LOGIN);

    /**
     * Started by the EventBridge rule on executions that end FAILED, TIMED_OUT or ABORTED, never
     * by the state machine: an execution stopped or timed out (or failed where no Catch reaches)
     * gets the recovery, the history row, the lock's release and the message its recovery path
     * would have given it.
     */
    public static final StepFunction RECOVER_ENDED_EXECUTION = StepFunction.named("RecoverEndedExecution",
            RecoverEndedExecution.class, null, 512, 300, RDS_READ, RDS_STOP_START, RDS_DELETE, RDS_MODIFY, RDS_CREATE_INSTANCE,
            RDS_TAG, HISTORY_WRITE, NOTIFY, READ_EXECUTIONS, ASSUME_SOURCE_ROLE);

    /**
     * A refresh with restore.sourceaccount: makes and shares, in the source account, the copy
     * perform-restore restores (its own job poller), and removes it once the restore is done;
     * only through the source-account role. In this account share-source may only accept the
     * RAM invitation to a cluster shared for a clone across accounts.
     */
    public static final StepFunction SHARE_SOURCE = StepFunction.of(ShareSource.class, null, 512, 120, ASSUME_SOURCE_ROLE,
            ACCEPT_SHARED_CLUSTER);
    public static final StepFunction REMOVE_SOURCE_COPIES = StepFunction.of(RemoveSourceCopies.class, null, 512, 120,
            ASSUME_SOURCE_ROLE);

    /**
     * The fleet state machine's first step, never the refresh state machine's: chooses an aligned
     * fleet's common point in time when the fleet runs; then, per refresh, reads a large fleet's
     * stored refresh file (aligned) and tells a failed refresh's error in one line. Describe calls
     * and reads of the fleet's stored files only.
     */
    public static final StepFunction ALIGN_FLEET = StepFunction.of(AlignFleet.class, null, 512, 120, RDS_READ, FLEET_FILES_READ);

    /**
     * The last look at the copy before the swap (available, scripts succeeded, the new admin
     * password logs in); it fails closed. It connects to the copy, so it sits in the databases'
     * VPC like the script runner.
     */
    public static final StepFunction VERIFY_COPY = StepFunction.of(VerifyCopy.class, null, 512, 60,
            RDS_READ, SECRETS_READ, IN_DATABASE_VPC, DATABASE_LOGIN);

    // takes the per-target lock (a conditional write) and writes the RUNNING history row; asks Step Functions whether
    // the execution holding a lock has ended (the stack grants that once the state machine exists)
    public static final StepFunction ACQUIRE_LOCK = StepFunction.of(AcquireLock.class, null, 512, 60, HISTORY_WRITE,
            READ_EXECUTIONS);

    private static final List<StepFunction> STEPS = List.of(
            // the order the steps run (StepId's): the copy is built beside the old target, then swapped in
            StepFunction.of(PerformRestore.class, StepId.PERFORM_RESTORE, 512, 120,
                    RDS_READ, RDS_RESTORE, PASS_MONITORING_ROLE, KMS_FOR_RDS),
            StepFunction.of(CreateInstance.class, StepId.CREATE_INSTANCE, 512, 120,
                    RDS_READ, RDS_CREATE_INSTANCE, PASS_MONITORING_ROLE, KMS_FOR_RDS),
            StepFunction.of(ChangeAdminPwd.class, StepId.CHANGE_ADMIN_PWD, 512, 120, RDS_READ, RDS_MODIFY, SECRETS_READ, SECRETS_WRITE),
            // starts the run: a PENDING report, then the worker (lambda method) or an SSM command (ec2 method)
            StepFunction.of(RunScripts.class, StepId.RUN_SCRIPTS, 512, 60,
                    RDS_READ, SCRIPTS_READ, SCRIPTS_WRITE, SSM_RUN_COMMAND, SSM_READ_COMMAND, SSM_DESCRIBE_INSTANCES,
                    INVOKE_SCRIPT_RUNNER),
            StepFunction.of(DeleteReplicas.class, StepId.DELETE_REPLICAS, 512, 120, RDS_READ, RDS_DELETE),
            StepFunction.of(StopOldDatabase.class, StepId.STOP_OLD_DATABASE, 512, 120, RDS_READ, RDS_STOP_START),
            // modify: with a grace period the old target is renamed out of the way, not deleted
            StepFunction.of(DeleteOldDatabase.class, StepId.DELETE_OLD_DATABASE, 512, 120, RDS_READ, RDS_DELETE, RDS_MODIFY),
            StepFunction.of(DeleteOldCluster.class, StepId.DELETE_OLD_CLUSTER, 512, 120, RDS_READ, RDS_DELETE, RDS_MODIFY),
            StepFunction.of(RenameCluster.class, StepId.RENAME_CLUSTER, 512, 120, RDS_READ, RDS_MODIFY),
            StepFunction.of(RenameDatabase.class, StepId.RENAME_DATABASE, 512, 120, RDS_READ, RDS_MODIFY),
            // after the swap the final snapshot is available: the target's snapshots dbrefresh made are pruned by the file's retention
            StepFunction.of(FixTags.class, StepId.FIX_TAGS, 512, 120, RDS_READ, RDS_TAG, RDS_SNAPSHOT_PRUNE),
            StepFunction.of(CreateReadReplicas.class, StepId.CREATE_READ_REPLICAS, 512, 120,
                    RDS_READ, RDS_CREATE_REPLICA, RDS_CREATE_INSTANCE, PASS_MONITORING_ROLE, KMS_FOR_RDS),
            StepFunction.of(RotateAdminPwd.class, StepId.ROTATE_ADMIN_PWD, 512, 60, RDS_READ, SECRETS_DESCRIBE, SECRETS_ROTATE),
            StepFunction.of(UpdateDynamoDb.class, StepId.UPDATE_DYNAMODB, 512, 60, HISTORY_WRITE),
            // reads the refreshed copy for the e-mail report (endpoint, class, storage, replicas)
            StepFunction.of(SendMsg.class, StepId.SEND_MSG, 512, 60, RDS_READ, NOTIFY));

    private StepRegistry() {
    }

    /** The step functions in the order the steps run. */
    public static List<StepFunction> steps() {
        return STEPS;
    }

    /** Every function: validate, the lock, the guard, the source account's two, the steps, the shared check, the verification before the swap, recovery, and the three the refresh state machine never calls: the script runner, the recovery of ended executions and the fleet's alignment. */
    public static List<StepFunction> all() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(VALIDATE, ACQUIRE_LOCK, GUARD, PREFLIGHT,
                        SHARE_SOURCE, REMOVE_SOURCE_COPIES, CHECK, VERIFY_COPY, RECOVER),
                java.util.stream.Stream.concat(STEPS.stream(), java.util.stream.Stream.of(SCRIPT_RUNNER, RECOVER_ENDED_EXECUTION, ALIGN_FLEET))).toList();
    }

    public static Optional<StepFunction> forStep(StepId id) {
        return STEPS.stream().filter(f -> f.step() == id).findFirst();
    }

    public static Optional<StepFunction> byName(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
