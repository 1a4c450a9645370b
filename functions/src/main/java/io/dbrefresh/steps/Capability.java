package io.dbrefresh.steps;

/**
 * What a step function may do beyond writing its own logs and traces. Each function's row in
 * {@link StepRegistry} says which it has; the CDK app turns each into a few IAM statements.
 */
public enum Capability {
    /** Describe instances, clusters and snapshots; list tags. */
    RDS_READ,
    /** Describe subnet groups, DB and cluster parameter groups and option groups (pre-flight). */
    RDS_READ_SETTINGS,
    /** Describe the history table (pre-flight): its existence, not its rows. */
    HISTORY_DESCRIBE,
    /** Read the notification topic's attributes (pre-flight): its existence, no publishing. */
    TOPIC_DESCRIBE,
    /** Restore an instance or cluster from a snapshot or a point in time, tagged at creation. */
    RDS_RESTORE,
    /** Create an instance in a cluster (the Aurora writer or readers). */
    RDS_CREATE_INSTANCE,
    /** Create read replicas of an instance. */
    RDS_CREATE_REPLICA,
    /** Stop and start instances and clusters. */
    RDS_STOP_START,
    /** Modify instances and clusters (rename, master password). */
    RDS_MODIFY,
    /** Delete instances and clusters, with a final snapshot. */
    RDS_DELETE,
    /** Add and remove tags. */
    RDS_TAG,
    /** Pass the enhanced monitoring role to RDS when a restore or new instance turns monitoring on. */
    PASS_MONITORING_ROLE,
    /** Let RDS use the customer managed keys named in context (encrypted snapshots, Performance Insights). */
    KMS_FOR_RDS,
    /** Read the named secrets' metadata (rotation state), not their values. */
    SECRETS_DESCRIBE,
    /** Read the named secrets' values. */
    SECRETS_READ,
    /** Write new values into the named secrets. */
    SECRETS_WRITE,
    /** Start rotation of the named secrets. */
    SECRETS_ROTATE,
    /** Read scripts from the scripts bucket. */
    SCRIPTS_READ,
    /** Write run reports and progress markers into the scripts bucket. */
    SCRIPTS_WRITE,
    /** Run a shell command on the named EC2 instances through SSM (the ec2 script method). */
    SSM_RUN_COMMAND,
    /** Start the script runner function asynchronously (the runscripts step's worker). */
    INVOKE_SCRIPT_RUNNER,
    /** Read the outcome of SSM commands. */
    SSM_READ_COMMAND,
    /** Write and read rows of the history table (records and the per-target lock). */
    HISTORY_WRITE,
    /** Publish to the notification topic. */
    NOTIFY,
    /**
     * Read the refresh state machine's executions and their history (the recovery of an
     * execution that ended outside its recovery path); granted once the state machine exists.
     */
    READ_EXECUTIONS,
    /** Run inside the databases' VPC (the script runner). */
    IN_DATABASE_VPC
}
