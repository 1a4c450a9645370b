package io.dbrefresh.preflight;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.DatabaseNotFoundException;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.SnapshotHousekeeping;
import io.dbrefresh.rds.Snapshots;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RdsArn;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.Replica;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.IdentityVerificationAttributes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The pre-flight check: read-only calls against the live account that find, before anything
 * is changed, what would make the refresh fail half-way (a source that is not there, a snapshot
 * never shared, a missing subnet group, a secret or script that does not exist). Every problem
 * is reported at once, each at the refresh file's JSON path with what was found.
 *
 * <p>Only describe, get, head and list calls are made: the step that runs this is granted
 * nothing else.
 */
public final class Preflight {

    /** The deployment's history table and topic, used where the refresh file names none (either may be null). */
    public record Defaults(String tableName, String topicArn) {
        public static final Defaults NONE = new Defaults(null, null);
    }

    /**
     * What the pre-flight found: problems stop the refresh; warnings (a quota the refresh leaves
     * nearly full) are reported and do not.
     */
    public record Findings(List<Problem> problems, List<Problem> warnings) {
        public Findings {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }
    }

    private final RdsClient rds;
    private final SecretsManagerClient secrets;
    private final S3Client s3;
    private final SnsClient sns;
    private final DynamoDbClient dynamoDb;
    private final KmsClient kms;
    private final SesClient ses;
    private final Snapshots snapshots;
    private final KeyAccess keys;
    private final EngineFacts engineFacts;
    private final Quotas quotas;
    private final ScriptHost scriptHost;
    private final SecurityGroups securityGroups;

    /** The pre-flight over these clients (a Lambda container's, or the caller's in the CLI). */
    public static Preflight using(AwsClients aws) {
        return new Preflight(aws.rds(), aws.secretsManager(), aws.s3(), aws.sns(), aws.dynamoDb(), aws.kms(), aws.ses(), aws.ssm(), aws.ec2());
    }

    /** Without SSM: a file whose scripts run on an EC2 instance gets that instance checked by {@link #using}'s form only. */
    public Preflight(RdsClient rds, SecretsManagerClient secrets, S3Client s3, SnsClient sns, DynamoDbClient dynamoDb,
                     KmsClient kms, SesClient ses) {
        this(rds, secrets, s3, sns, dynamoDb, kms, ses, null);
    }

    /** Without EC2: the copy's security groups are checked by {@link #using}'s form only. */
    public Preflight(RdsClient rds, SecretsManagerClient secrets, S3Client s3, SnsClient sns, DynamoDbClient dynamoDb,
                     KmsClient kms, SesClient ses, SsmClient ssm) {
        this(rds, secrets, s3, sns, dynamoDb, kms, ses, ssm, null);
    }

    public Preflight(RdsClient rds, SecretsManagerClient secrets, S3Client s3, SnsClient sns, DynamoDbClient dynamoDb,
                     KmsClient kms, SesClient ses, SsmClient ssm, Ec2Client ec2) {
        RdsInstances instances = new RdsInstances(rds);
        this.snapshots = new Snapshots(instances);
        this.keys = new KeyAccess(kms);
        this.engineFacts = new EngineFacts(rds);
        this.quotas = new Quotas(rds, new SnapshotHousekeeping(instances));
        this.scriptHost = new ScriptHost(ssm);
        this.securityGroups = new SecurityGroups(rds, ec2);
        this.rds = rds;
        this.secrets = secrets;
        this.s3 = s3;
        this.sns = sns;
        this.dynamoDb = dynamoDb;
        this.kms = kms;
        this.ses = ses;
    }

    /** Every problem the live account has with this plan; empty when the refresh can go ahead. */
    public List<Problem> check(RefreshPlan plan, Defaults defaults) {
        return review(plan, defaults).problems();
    }

    /** Every problem the live account has with this plan, and what it is worth knowing before it runs (the warnings). */
    public Findings review(RefreshPlan plan, Defaults defaults) {
        List<Problem> problems = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        RestoreSpec restore = plan.restore();
        if (plan.runs(StepId.PERFORM_RESTORE) && restore != null) {
            // across accounts the source and its snapshots are in the source account: share-source finds them,
            // through that account's role, before anything is touched in this one
            Optional<EngineFacts.Engine> engine = restore.crossAccount() ? Optional.empty()
                    : plan.service() == DbService.AURORA ? checkClusterSource(restore, problems) : checkInstanceSource(restore, problems);
            checkGroups(plan.service(), restore, problems);
            securityGroups.check(plan.service(), restore, problems);
            keys.checkFileKey(restore, problems);
            checkTempNameFree(plan.service(), restore, problems);
            engine.ifPresent(e -> engineFacts.check(plan, e, problems));
            quotas.check(plan, problems, warnings);
        }
        if (plan.runs(StepId.CREATE_INSTANCE) && plan.createInstance() != null) {
            checkSubnetGroupHere("/createinstance/subgrp", plan.createInstance().subnetGroup(), problems);
        }
        if (plan.runs(StepId.CREATE_READ_REPLICAS) && plan.replicas() != null) {
            checkReplicaNamesFree(plan, problems);
            checkSubnetGroupHere("/createreplicas/subgrp", plan.replicas().subnetGroup(), problems);
        }
        checkSecrets(plan, problems);
        checkScripts(plan, problems);
        scriptHost.check(plan, problems);
        checkHistoryTable(plan, defaults, problems);
        checkTopic(plan, defaults, problems);
        checkEmailSender(plan, problems);
        return new Findings(problems, warnings);
    }

    // ---- source, restore point and snapshot ----

    /** The engine and version the copy will run, when the source (or snapshot) says it. */
    private Optional<EngineFacts.Engine> checkInstanceSource(RestoreSpec restore, List<Problem> problems) {
        Optional<EngineFacts.Engine> engine = Optional.empty();
        boolean otherAccountsSnapshot = restore.restoreType() == RestoreType.FROM_SNAPSHOT && RdsArn.isArn(restore.source());
        if (!otherAccountsSnapshot) {
            Optional<DBInstance> source = instance(restore.source());
            if (source.isEmpty()) {
                problems.add(new Problem("/restore/source", "DB instance " + restore.source() + " not found in this account and region"));
            } else {
                DBInstance s = source.get();
                if (restore.restoreType() != RestoreType.FROM_SNAPSHOT && !"available".equals(s.dbInstanceStatus())) {
                    problems.add(new Problem("/restore/source", "DB instance " + restore.source() + " is " + s.dbInstanceStatus()
                            + ": a point-in-time restore needs it available"));
                }
                if (restore.restoreType() == RestoreType.RESTORE_POINT) {
                    checkWindow(restore.restoreTime(), earliestRestorable(s), s.latestRestorableTime(), problems);
                }
                engine = EngineFacts.Engine.of(s.engine(), s.engineVersion());
            }
        }
        if (restore.restoreType() == RestoreType.FROM_SNAPSHOT) {
            engine = checkInstanceSnapshot(restore, problems).flatMap(s -> EngineFacts.Engine.of(s.engine(), s.engineVersion()));
        }
        return engine;
    }

    /**
     * The earliest restorable time AWS reports for the instance's automated backups, or null when
     * it reports none (then only the latest restorable time is checked).
     */
    private Instant earliestRestorable(DBInstance source) {
        try {
            return rds.describeDBInstanceAutomatedBackups(r -> r.dbInstanceIdentifier(source.dbInstanceIdentifier()))
                    .dbInstanceAutomatedBackups().stream()
                    .filter(b -> b.restoreWindow() != null && b.restoreWindow().earliestTime() != null)
                    .map(b -> b.restoreWindow().earliestTime())
                    .min(Comparator.naturalOrder()).orElse(null);
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private void checkWindow(Instant wanted, Instant earliest, Instant latest, List<Problem> problems) {
        if (wanted == null) {
            return;
        }
        if (earliest == null && latest == null) {
            problems.add(new Problem("/restore/restoretime", "the source has no restorable window (automated backups are off)"));
        } else if ((earliest != null && wanted.isBefore(earliest)) || (latest != null && wanted.isAfter(latest))) {
            problems.add(new Problem("/restore/restoretime", wanted + " is outside the source's restorable window ("
                    + (earliest == null ? "?" : earliest) + " to " + (latest == null ? "?" : latest) + ")"));
        }
    }

    /**
     * The snapshot the restore will start from, found the way perform-restore finds it
     * ({@link Snapshots}): by name in this account, by ARN among the snapshots shared with it.
     */
    private Optional<DBSnapshot> checkInstanceSnapshot(RestoreSpec restore, List<Problem> problems) {
        if (restore.snapshot() != null) {
            Optional<DBSnapshot> found = resolveSnapshot(restore.snapshot());
            if (found.isEmpty()) {
                RdsArn arn = RdsArn.parse(restore.snapshot());
                problems.add(new Problem("/restore/snapshot", "snapshot " + restore.snapshot() + " not found"
                        + (arn != null ? " in this account nor among the snapshots shared with it (account " + arn.account()
                                + " must share it: modify-db-snapshot-attribute --attribute-name restore --values-to-add"
                                + " this account)" : "")
                        + newestOf(restore.source())));
                return Optional.empty();
            }
            if (!"available".equals(found.get().status())) {
                problems.add(new Problem("/restore/snapshot", "snapshot " + restore.snapshot() + " is " + found.get().status()
                        + ", not available"));
            }
            keys.checkSnapshotKey("/restore/snapshot", "snapshot " + restore.snapshot(), found.get().encrypted(),
                    found.get().kmsKeyId(), problems);
            return found;
        }
        if (RdsArn.isArn(restore.source())) {
            return newestShared(restore, problems);
        }
        List<DBSnapshot> all = instanceSnapshotsOf(restore.source());
        Optional<DBSnapshot> newest = all.stream().filter(s -> "available".equals(s.status()))
                .max(Comparator.comparing(DBSnapshot::snapshotCreateTime, Comparator.nullsFirst(Comparator.naturalOrder())));
        if (newest.isEmpty()) {
            problems.add(new Problem("/restore/source", "no available snapshot of " + restore.source()
                    + " to restore (restoretype fromsnapshot without a snapshot takes the newest one)"
                    + (all.isEmpty() ? "" : "; found " + all.size() + " not available")));
        }
        return newest;
    }

    /** fromsnapshot of another account's instance without a snapshot: its newest one shared with this account. */
    private Optional<DBSnapshot> newestShared(RestoreSpec restore, List<Problem> problems) {
        try {
            DBSnapshot newest = snapshots.newestOf(restore.source());
            keys.checkSnapshotKey("/restore/source", "snapshot " + newest.dbSnapshotArn(), newest.encrypted(), newest.kmsKeyId(),
                    problems);
            return Optional.of(newest);
        } catch (DatabaseNotFoundException e) {
            problems.add(new Problem("/restore/source", "no available snapshot of " + restore.source()
                    + " is shared with this account (account " + RdsArn.accountOf(restore.source()) + " must share one)"));
            return Optional.empty();
        }
    }

    private Optional<DBSnapshot> resolveSnapshot(String ref) {
        try {
            return Optional.of(snapshots.resolve(ref));
        } catch (DatabaseNotFoundException e) {
            return Optional.empty();
        }
    }

    private String newestOf(String source) {
        if (source == null) {
            return "";
        }
        List<DBSnapshot> all = instanceSnapshotsOf(source);
        return all.stream().filter(s -> "available".equals(s.status()))
                .max(Comparator.comparing(DBSnapshot::snapshotCreateTime, Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(s -> " (newest of " + source + ": " + s.dbSnapshotIdentifier() + ")")
                .orElse(" (" + source + " has no available snapshot)");
    }

    /** An Aurora file names its source in {@code sourcecluster}: the cluster checks report there. */
    private static final String CLUSTER_SOURCE = "/restore/sourcecluster";

    private Optional<EngineFacts.Engine> checkClusterSource(RestoreSpec restore, List<Problem> problems) {
        Optional<EngineFacts.Engine> engine = Optional.empty();
        boolean byArn = RdsArn.isArn(restore.source());
        boolean otherAccountsSnapshot = restore.restoreType() == RestoreType.FROM_SNAPSHOT && byArn;
        if (!otherAccountsSnapshot) {
            Optional<DBCluster> source = cluster(restore.source());
            if (source.isEmpty()) {
                problems.add(new Problem(CLUSTER_SOURCE, "DB cluster " + restore.source() + " not found"
                        + (restore.restoreType() == RestoreType.FAST_CLONING && byArn
                                ? " (nor shared with this account: a clone of another account's cluster needs it shared through AWS RAM)"
                                : " in this account and region")));
            } else {
                DBCluster s = source.get();
                if (restore.restoreType() != RestoreType.FROM_SNAPSHOT && !"available".equals(s.status())) {
                    problems.add(new Problem(CLUSTER_SOURCE, "DB cluster " + restore.source() + " is " + s.status()
                            + ": a point-in-time restore or clone needs it available"));
                }
                if (restore.restoreType() == RestoreType.RESTORE_POINT) {
                    // the cluster's earliest restorable time is left to AWS for now: emulators report the
                    // cluster's creation as its earliest, which would refuse every local rehearsal
                    checkWindow(restore.restoreTime(), null, s.latestRestorableTime(), problems);
                }
                engine = EngineFacts.Engine.of(s.engine(), s.engineVersion());
            }
        }
        if (restore.restoreType() == RestoreType.FROM_SNAPSHOT) {
            if (restore.snapshot() != null) {
                Optional<DBClusterSnapshot> found = clusterSnapshot(restore.snapshot());
                if (found.isEmpty()) {
                    problems.add(new Problem("/restore/snapshot", "cluster snapshot " + restore.snapshot() + " not found"
                            + (RdsArn.isArn(restore.snapshot()) ? " (nor shared with this account)" : "")));
                } else {
                    DBClusterSnapshot snapshot = found.get();
                    if (!"available".equals(snapshot.status())) {
                        problems.add(new Problem("/restore/snapshot", "cluster snapshot " + restore.snapshot() + " is "
                                + snapshot.status() + ", not available"));
                    }
                    keys.checkSnapshotKey("/restore/snapshot", "cluster snapshot " + restore.snapshot(), snapshot.storageEncrypted(),
                            snapshot.kmsKeyId(), problems);
                    engine = EngineFacts.Engine.of(snapshot.engine(), snapshot.engineVersion());
                }
            } else {
                Optional<DBClusterSnapshot> newest = clusterSnapshotsOf(restore.source()).stream()
                        .filter(s -> "available".equals(s.status()))
                        .max(Comparator.comparing(DBClusterSnapshot::snapshotCreateTime, Comparator.nullsFirst(Comparator.naturalOrder())));
                if (newest.isEmpty()) {
                    problems.add(new Problem(CLUSTER_SOURCE, "no available cluster snapshot of " + restore.source()
                            + " to restore (restoretype fromsnapshot without a snapshot takes the newest one)"));
                } else {
                    engine = EngineFacts.Engine.of(newest.get().engine(), newest.get().engineVersion());
                }
            }
        }
        return engine;
    }

    // ---- groups and names ----

    private void checkGroups(DbService service, RestoreSpec restore, List<Problem> problems) {
        if (restore.subnetGroup() != null
                && !exists(() -> !rds.describeDBSubnetGroups(r -> r.dbSubnetGroupName(restore.subnetGroup())).dbSubnetGroups().isEmpty())) {
            problems.add(new Problem("/restore/subgrp", "DB subnet group " + restore.subnetGroup() + " not found"));
        }
        if (restore.dbParameterGroup() != null
                && !exists(() -> !rds.describeDBParameterGroups(r -> r.dbParameterGroupName(restore.dbParameterGroup())).dbParameterGroups().isEmpty())) {
            problems.add(new Problem("/restore/dbparamgrp", "DB parameter group " + restore.dbParameterGroup() + " not found"));
        }
        if (restore.clusterParameterGroup() != null
                && !exists(() -> !rds.describeDBClusterParameterGroups(r -> r.dbClusterParameterGroupName(restore.clusterParameterGroup()))
                        .dbClusterParameterGroups().isEmpty())) {
            problems.add(new Problem("/restore/cluparamgrp", "DB cluster parameter group " + restore.clusterParameterGroup() + " not found"));
        }
        if (restore.optionGroup() != null
                && !exists(() -> !rds.describeOptionGroups(r -> r.optionGroupName(restore.optionGroup())).optionGroupsList().isEmpty())) {
            problems.add(new Problem("/restore/optgrp", "option group " + restore.optionGroup() + " not found"));
        }
    }

    /** A subnet group the file names for the writer or the replicas: RDS takes one of this region only, and it must exist. */
    private void checkSubnetGroupHere(String path, String name, List<Problem> problems) {
        if (name != null && !exists(() -> !rds.describeDBSubnetGroups(r -> r.dbSubnetGroupName(name)).dbSubnetGroups().isEmpty())) {
            problems.add(new Problem(path, "DB subnet group " + name + " not found in this region"));
        }
    }

    private void checkTempNameFree(DbService service, RestoreSpec restore, List<Problem> problems) {
        if (restore.temp() == null) {
            return;
        }
        boolean taken = service == DbService.AURORA ? cluster(restore.temp()).isPresent() : instance(restore.temp()).isPresent();
        if (taken) {
            problems.add(new Problem(service == DbService.AURORA ? "/restore/targetcluster" : "/restore/target",
                    "the temporary name " + restore.temp() + " is taken by an existing DB "
                    + (service == DbService.AURORA ? "cluster" : "instance") + ": the restore creates the copy under it"
                    + " (remove it, or let recovery of the run that left it finish)"));
        }
    }

    private void checkReplicaNamesFree(RefreshPlan plan, List<Problem> problems) {
        List<Replica> replicas = plan.replicas().replicas();
        for (int i = 0; i < replicas.size(); i++) {
            String name = replicas.get(i).name();
            // delete-replicas removes the target's current replicas first, so those names are free by then
            if (name != null && instance(name).filter(db -> !replicaOfTarget(db, plan)).isPresent()) {
                problems.add(new Problem("/createreplicas/replicas", "DB instance " + name
                        + " already exists and is not a replica of " + plan.target() + " that delete-replicas removes"));
            }
        }
    }

    private static boolean replicaOfTarget(DBInstance db, RefreshPlan plan) {
        String of = db.readReplicaSourceDBInstanceIdentifier();
        String cluster = db.dbClusterIdentifier();
        return (of != null && (of.equals(plan.target()) || of.endsWith(":db:" + plan.target())))
                || (cluster != null && cluster.equals(plan.target()));
    }

    // ---- secrets, scripts, history, topic ----

    private void checkSecrets(RefreshPlan plan, List<Problem> problems) {
        if (plan.password() == null) {
            return;
        }
        // change-admin-pwd's secretname is not checked: the step creates the secret when it is missing
        if (plan.runs(StepId.ROTATE_ADMIN_PWD) && plan.password().rotateSecretName() != null) {
            String path = "/" + StepId.ROTATE_ADMIN_PWD.block() + "/secretname";
            describeSecret(plan.password().rotateSecretName()).ifPresentOrElse(secret -> {
                if (!Boolean.TRUE.equals(secret.rotationEnabled()) && secret.rotationLambdaARN() == null) {
                    problems.add(new Problem(path, "secret " + plan.password().rotateSecretName()
                            + " has no rotation function attached: rotation cannot run"));
                }
            }, () -> {
                // a secret change-admin-pwd creates before rotation need not exist yet; rotate-admin-pwd
                // then says itself when no rotation function is attached
                boolean createdBefore = plan.runs(StepId.CHANGE_ADMIN_PWD)
                        && plan.password().rotateSecretName().equals(plan.password().secretName());
                if (!createdBefore) {
                    problems.add(new Problem(path, "secret " + plan.password().rotateSecretName() + " not found"));
                }
            });
        }
    }

    private void secretMissing(String name, String path, List<Problem> problems) {
        if (describeSecret(name).isEmpty()) {
            problems.add(new Problem(path, "secret " + name + " not found"));
        }
    }

    private Optional<software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse> describeSecret(String name) {
        try {
            return Optional.of(secrets.describeSecret(r -> r.secretId(name)));
        } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private void checkScripts(RefreshPlan plan, List<Problem> problems) {
        if (!plan.runs(StepId.RUN_SCRIPTS) || plan.scripts() == null) {
            return;
        }
        var scripts = plan.scripts();
        boolean writtenBefore = plan.runs(StepId.CHANGE_ADMIN_PWD) && plan.password() != null
                && scripts.secretName() != null && scripts.secretName().equals(plan.password().secretName());
        // a secret change-admin-pwd writes (and creates) before the scripts run need not exist yet
        if (scripts.secretName() != null && !writtenBefore) {
            secretMissing(scripts.secretName(), "/runscripts/secretname", problems);
        }
        if (scripts.bucket() == null) {
            return;
        }
        try {
            s3.headBucket(r -> r.bucket(scripts.bucket()));
        } catch (NoSuchBucketException e) {
            problems.add(new Problem("/runscripts/bucketname", "S3 bucket " + scripts.bucket() + " not found"));
            return;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                problems.add(new Problem("/runscripts/bucketname", "S3 bucket " + scripts.bucket() + " not found"));
                return;
            }
            throw e;
        }
        List<String> keys = scripts.keys() == null ? List.of() : scripts.keys();
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            String objectKey = scripts.prefix() == null || scripts.prefix().isEmpty() ? key
                    : scripts.prefix().replaceAll("/+$", "") + "/" + key;
            try {
                s3.headObject(r -> r.bucket(scripts.bucket()).key(objectKey));
            } catch (NoSuchKeyException e) {
                missing.add(objectKey);
            } catch (AwsServiceException e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                missing.add(objectKey);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(new Problem("/runscripts/keys", "not found in s3://" + scripts.bucket() + ": " + String.join(", ", missing)));
        }
    }

    private void checkHistoryTable(RefreshPlan plan, Defaults defaults, List<Problem> problems) {
        if (!plan.runs(StepId.UPDATE_DYNAMODB)) {
            return;
        }
        String table = plan.tableName() != null ? plan.tableName() : defaults.tableName();
        if (table == null) {
            return;
        }
        try {
            dynamoDb.describeTable(r -> r.tableName(table));
        } catch (ResourceNotFoundException e) {
            problems.add(new Problem(plan.tableName() != null ? "/updatedynamodb/tablename" : "/updatedynamodb",
                    "DynamoDB table " + table + " not found" + (plan.tableName() != null ? "" : " (the deployment's history table)")));
        }
    }

    private void checkTopic(RefreshPlan plan, Defaults defaults, List<Problem> problems) {
        if (!plan.runs(StepId.SEND_MSG)) {
            return;
        }
        String topic = plan.topicArn() != null ? plan.topicArn() : defaults.topicArn();
        if (topic == null) {
            return;
        }
        try {
            sns.getTopicAttributes(r -> r.topicArn(topic));
        } catch (software.amazon.awssdk.services.sns.model.NotFoundException e) {
            problems.add(new Problem(plan.topicArn() != null ? "/sendmsg/topicarn" : "/sendmsg",
                    "SNS topic " + topic + " not found" + (plan.topicArn() != null ? "" : " (the deployment's topic)")));
        }
    }

    /** The e-mail report's sender is verified in SES, as an address or through its domain. */
    private void checkEmailSender(RefreshPlan plan, List<Problem> problems) {
        if (!plan.runs(StepId.SEND_MSG) || plan.email() == null || plan.email().from() == null) {
            return;
        }
        String from = plan.email().from();
        String address = from.contains("<") && from.contains(">") ? from.substring(from.indexOf('<') + 1, from.indexOf('>')).trim() : from.trim();
        List<String> identities = new ArrayList<>(List.of(address));
        if (address.contains("@")) {
            identities.add(address.substring(address.indexOf('@') + 1));
        }
        var attributes = ses.getIdentityVerificationAttributes(r -> r.identities(identities)).verificationAttributes();
        boolean verified = identities.stream().map(attributes::get)
                .anyMatch(a -> a != null && "Success".equals(a.verificationStatusAsString()));
        if (!verified) {
            IdentityVerificationAttributes own = attributes.get(address);
            problems.add(new Problem("/sendmsg/email/from", "sender " + address + " is not a verified SES identity in this account"
                    + " and region (status: " + (own == null ? "never submitted" : own.verificationStatusAsString())
                    + "; nor is its domain)"));
        }
    }

    // ---- describe helpers: not found is an answer, anything else (throttling, access denied) is thrown ----

    private Optional<DBInstance> instance(String id) {
        try {
            return rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().stream().findFirst();
        } catch (software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<DBCluster> cluster(String id) {
        try {
            return rds.describeDBClusters(r -> r.dbClusterIdentifier(id)).dbClusters().stream().findFirst();
        } catch (software.amazon.awssdk.services.rds.model.DbClusterNotFoundException e) {
            return Optional.empty();
        }
    }

    private List<DBSnapshot> instanceSnapshotsOf(String source) {
        try {
            return rds.describeDBSnapshotsPaginator(r -> r.dbInstanceIdentifier(source).includeShared(true))
                    .dbSnapshots().stream().toList();
        } catch (software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException e) {
            return List.of();
        }
    }

    private Optional<DBClusterSnapshot> clusterSnapshot(String id) {
        if (RdsArn.isArn(id)) {
            Optional<DBClusterSnapshot> shared = rds.describeDBClusterSnapshotsPaginator(r -> r.snapshotType("shared").includeShared(true))
                    .dbClusterSnapshots().stream().filter(s -> id.equalsIgnoreCase(s.dbClusterSnapshotArn())).findFirst();
            if (shared.isPresent()) {
                return shared;
            }
        }
        try {
            return rds.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier(id).includeShared(true))
                    .dbClusterSnapshots().stream().findFirst();
        } catch (software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException e) {
            return Optional.empty();
        }
    }

    private List<DBClusterSnapshot> clusterSnapshotsOf(String source) {
        try {
            return rds.describeDBClusterSnapshotsPaginator(r -> r.dbClusterIdentifier(source).includeShared(true))
                    .dbClusterSnapshots().stream().toList();
        } catch (software.amazon.awssdk.services.rds.model.DbClusterNotFoundException e) {
            return List.of();
        }
    }

    /** Runs a describe that answers whether it found the thing; a not-found error is "no". */
    private static boolean exists(BooleanSupplier describe) {
        try {
            return describe.getAsBoolean();
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404 || (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    && e.awsErrorDetails().errorCode().endsWith("NotFoundFault"))) {
                return false;
            }
            throw e;
        }
    }
}
