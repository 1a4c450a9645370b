package io.dbrefresh.steps;

import java.util.Set;

import io.dbrefresh.aws.AwsService;

/**
 * What a step function may do beyond writing its own logs and traces. Each function's row in
 * {@link StepRegistry} says which it has; the CDK app turns each into a few IAM statements.
 */
public enum Capability {
    /** Describe instances, clusters and snapshots; list tags. */
    RDS_READ(AwsService.RDS),
    /** Describe subnet groups, DB and cluster parameter groups and option groups (pre-flight). */
    RDS_READ_SETTINGS(AwsService.RDS),
    /**
     * Describe what the account and region allow (pre-flight): the account's quotas, the orderable
     * instance options and the engine versions; calls that take no resource.
     */
    RDS_READ_ACCOUNT(AwsService.RDS),
    /** List the instances Systems Manager manages (the ec2 script method's instance: managed and online). */
    SSM_DESCRIBE_INSTANCES(AwsService.SSM),
    /** Describe VPC security groups (pre-flight): that the copy's exist, in its subnet group's VPC; a call that takes no resource. */
    EC2_DESCRIBE_SECURITY_GROUPS(AwsService.EC2),
    /** Describe the history table (pre-flight): its existence, not its rows. */
    HISTORY_DESCRIBE(AwsService.DYNAMODB),
    /** Read the notification topic's attributes (pre-flight): its existence, no publishing. */
    TOPIC_DESCRIBE(AwsService.SNS),
    /** Restore an instance or cluster from a snapshot or a point in time, tagged at creation. */
    RDS_RESTORE(AwsService.RDS),
    /** Create an instance in a cluster (the Aurora writer or readers). */
    RDS_CREATE_INSTANCE(AwsService.RDS),
    /** Create read replicas of an instance. */
    RDS_CREATE_REPLICA(AwsService.RDS),
    /** Stop and start instances and clusters. */
    RDS_STOP_START(AwsService.RDS),
    /** Modify instances and clusters (rename, master password). */
    RDS_MODIFY(AwsService.RDS),
    /** Delete instances and clusters, with a final snapshot. */
    RDS_DELETE(AwsService.RDS),
    /** Add and remove tags. */
    RDS_TAG(AwsService.RDS),
    /**
     * Delete the snapshots dbrefresh made (snapshot housekeeping): only those tagged managed and
     * with the target they belong to ({@code dbrefresh:snapshot-of}).
     */
    RDS_SNAPSHOT_PRUNE(AwsService.RDS),
    /** Pass the enhanced monitoring role to RDS when a restore or new instance turns monitoring on. */
    PASS_MONITORING_ROLE,
    /** Let RDS use the customer managed keys named in context (encrypted snapshots, Performance Insights). */
    KMS_FOR_RDS,
    /** Describe the customer managed keys named in context (pre-flight): that a file's kmskeyid exists and is enabled. */
    KMS_DESCRIBE(AwsService.KMS),
    /** Read whether an e-mail sender is a verified SES identity (pre-flight); granted only where e-mail is. */
    SES_VERIFICATION_READ(AwsService.SES),
    /** Read the named secrets' metadata (rotation state), not their values. */
    SECRETS_DESCRIBE(AwsService.SECRETS_MANAGER),
    /** Read the named secrets' values. */
    SECRETS_READ(AwsService.SECRETS_MANAGER),
    /** Write new values into the named secrets. */
    SECRETS_WRITE(AwsService.SECRETS_MANAGER),
    /** Start rotation of the named secrets. */
    SECRETS_ROTATE(AwsService.SECRETS_MANAGER),
    /** Read scripts from the scripts bucket. */
    SCRIPTS_READ(AwsService.S3),
    /** Read a large fleet's refresh files, under their prefix of the scripts bucket only ({@code StoredRefreshFiles}). */
    FLEET_FILES_READ(AwsService.S3),
    /** Write run reports and progress markers into the scripts bucket. */
    SCRIPTS_WRITE(AwsService.S3),
    /** Run a shell command on the named EC2 instances through SSM (the ec2 script method). */
    SSM_RUN_COMMAND(AwsService.SSM),
    /** Start the script runner function asynchronously (the runscripts step's worker). */
    INVOKE_SCRIPT_RUNNER(AwsService.LAMBDA),
    /** Read the outcome of SSM commands. */
    SSM_READ_COMMAND(AwsService.SSM),
    /** Write and read rows of the history table (records and the per-target lock). */
    HISTORY_WRITE(AwsService.DYNAMODB),
    /** Publish to the notification topic, and send the e-mail report through SES where e-mail is configured. */
    NOTIFY(AwsService.SNS, AwsService.SES),
    /**
     * Read the refresh state machine's executions and their history (the lock's question whether
     * its holder still runs; the recovery of an execution that ended outside its recovery path);
     * granted once the state machine exists.
     */
    READ_EXECUTIONS(AwsService.SFN),
    /**
     * Assume the source-account role of a cross-account refresh: what is copied, shared and
     * removed there is done with that role's rights, none of this account's. Its calls are RDS
     * and RAM calls in the source account (after one STS call for the role's credentials).
     */
    ASSUME_SOURCE_ROLE(AwsService.RDS, AwsService.RAM),
    /**
     * Accept, in this account, the AWS RAM invitation to a source-account cluster shared for a
     * clone across accounts (share-source; needed outside an AWS Organization with sharing enabled).
     */
    ACCEPT_SHARED_CLUSTER(AwsService.RAM),
    /** Run inside the databases' VPC (the script runner). */
    IN_DATABASE_VPC,
    /**
     * Open JDBC connections to the databases (the script runner; the check's login proof after a
     * password change): only these functions' jars carry the JDBC drivers.
     */
    DATABASE_LOGIN;

    private final Set<AwsService> services;

    Capability(AwsService... services) {
        this.services = Set.of(services);
    }

    /** The AWS services whose APIs this capability calls; none for what only IAM or the network grants. */
    public Set<AwsService> services() {
        return services;
    }
}
