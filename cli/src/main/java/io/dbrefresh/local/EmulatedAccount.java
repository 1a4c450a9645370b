package io.dbrefresh.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.rds.TargetAdoption;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.RdsArn;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.Replica;
import io.dbrefresh.refreshfile.ReplicaSpec;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.Tag;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The emulated AWS account of a local run: seeded with what a refresh file expects to find
 * (the production source, the current target with its read replicas and tags, snapshots,
 * the subnet and parameter groups it names, the history table, the topic) and read back
 * afterwards (the notifications sent, through an SQS queue subscribed to the topic).
 */
public final class EmulatedAccount implements AutoCloseable {

    /** Tags the seeded target carries, to show that fix-tags gives them back. */
    public static final List<Tag> TARGET_TAGS = List.of(
            Tag.builder().key("team").value("payments-dev").build(),
            Tag.builder().key("cost-center").value("cc-1042").build());
    /** Tags the seeded source carries, to show that production's tags do not leak to the copy. */
    public static final List<Tag> SOURCE_TAGS = List.of(
            Tag.builder().key("team").value("payments").build(),
            Tag.builder().key("environment").value("production").build());

    /** Storage sizes that tell the copies apart: a refreshed target has the source's. */
    public static final int SOURCE_STORAGE_GIB = 200;
    public static final int TARGET_STORAGE_GIB = 50;

    private final RdsClient rds;
    /** Where the source and its snapshots live: this account, or production's for a refresh across accounts. */
    private RdsClient sourceRds;
    private final DynamoDbClient dynamoDb;
    private final SnsClient sns;
    private final SqsClient sqs;
    private final Ec2Client ec2;
    private final software.amazon.awssdk.services.ses.SesClient ses;
    private String queueUrl;
    /**
     * What this account already holds from an earlier seed: a fleet seeds one account with many
     * refresh files, and what two of them share (a source, a subnet group, the history table) is
     * created once.
     */
    private final java.util.Set<String> seeded = new java.util.HashSet<>();

    public EmulatedAccount(AwsClients aws) {
        this.rds = aws.rds();
        this.sourceRds = rds;
        this.dynamoDb = aws.dynamoDb();
        this.sns = aws.sns();
        this.ses = aws.ses();
        this.sqs = SqsClient.builder().httpClient(aws.httpClient()).region(aws.region()).credentialsProvider(aws.credentials())
                .overrideConfiguration(aws.override()).applyMutation(b -> aws.endpoint(SqsClient.SERVICE_NAME).ifPresent(b::endpointOverride)).build();
        this.ec2 = Ec2Client.builder().httpClient(aws.httpClient()).region(aws.region()).credentialsProvider(aws.credentials())
                .overrideConfiguration(aws.override()).applyMutation(b -> aws.endpoint(Ec2Client.SERVICE_NAME).ifPresent(b::endpointOverride)).build();
    }

    /**
     * The source and its snapshots are seeded in another account (a refresh with
     * restore.sourceaccount), encrypted under that account's default key as production usually is:
     * a snapshot under it cannot be shared, which is what share-source's re-encrypted copy is for.
     */
    public EmulatedAccount withSourceIn(EmulatedSourceAccount other) {
        this.sourceRds = other.rds();
        return this;
    }

    /** Creates what the plan expects to exist; returns one line per thing created. */
    public List<String> seed(RefreshPlan plan, String historyTable) {
        return seed(plan, historyTable, null);
    }

    /**
     * Creates what the plan needs around its databases (groups, history table, topic) and, when
     * {@code described} is given, the account's instances and snapshots as it describes them
     * instead of the ones the plan expects; returns one line per thing created.
     */
    public List<String> seed(RefreshPlan plan, String historyTable, AccountDescription described) {
        if (plan.service() == DbService.AURORA) {
            List<String> created = new ArrayList<>(new EmulatedClusters(rds, sourceRds, ec2, seeded::add).seed(plan, described));
            if (described != null) {
                seedDescribed(plan, described, created);
            }
            adoptTarget(plan, created);
            return seedShared(plan, historyTable, created);
        }
        List<String> created = new ArrayList<>();
        RestoreSpec restore = plan.restore();
        String engine = EmulatedEngine.of(plan);
        ReplicaSpec replicas = plan.replicas();
        SeededGroups.subnetGroups(rds, ec2, SeededGroups.named(restore.subnetGroup(), replicas == null ? null : replicas.subnetGroup()),
                seeded::add, created);
        SeededGroups.parameterGroups(rds, parameterGroupFamily(engine),
                SeededGroups.named(restore.dbParameterGroup(), replicas == null ? null : replicas.dbParameterGroup()), seeded::add, created);
        if (restore.optionGroup() != null && seeded.add("option group " + restore.optionGroup())) {
            // made for the engine the emulated source runs (the emulator knows no -cdb edition), as pre-flight checks it
            rds.createOptionGroup(b -> b.optionGroupName(restore.optionGroup()).engineName(emulatedEngine(engine))
                    .majorEngineVersion(majorVersion(engine)).optionGroupDescription("dbrefresh local run"));
            created.add("option group " + restore.optionGroup() + " (" + engine + " " + majorVersion(engine) + ")");
        }

        if (described != null) {
            seedDescribed(plan, described, created);
            adoptTarget(plan, created);
            return seedShared(plan, historyTable, created);
        }
        String seededEngine = emulatedEngine(engine);
        boolean elsewhere = sourceRds != rds;
        String where = elsewhere ? " in account " + restore.sourceAccount().accountId() + ", encrypted under its default key aws/rds" : "";
        if (seeded.add("source " + plan.source())) {
            sourceRds.createDBInstance(b -> b.dbInstanceIdentifier(plan.source()).engine(seededEngine).engineVersion(engineVersion(engine))
                    .dbInstanceClass(sourceClass(engine)).licenseModel(licenseModel(engine, restore.licenseModel()))
                    .masterUsername("admin").masterUserPassword(LocalPasswords.random()).allocatedStorage(SOURCE_STORAGE_GIB).tags(SOURCE_TAGS)
                    .storageEncrypted(elsewhere ? true : null));
            created.add("source instance " + plan.source() + " (" + seededEngine
                    + (seededEngine.equals(engine) ? "" : ": the emulator does not know " + engine + ", so its non-CDB edition stands in") + ")"
                    + where);
        }

        if (restore.restoreType() == RestoreType.FROM_SNAPSHOT && seeded.add("snapshots of " + plan.source())) {
            String older = plan.source() + "-daily-1";
            String newer = restore.snapshot() != null && !RdsArn.isArn(restore.snapshot()) ? restore.snapshot()
                    : restore.snapshot() != null && elsewhere ? RdsArn.nameOf(restore.snapshot())
                    : plan.source() + "-daily-2";
            sourceRds.createDBSnapshot(b -> b.dbInstanceIdentifier(plan.source()).dbSnapshotIdentifier(older));
            sourceRds.createDBSnapshot(b -> b.dbInstanceIdentifier(plan.source()).dbSnapshotIdentifier(newer));
            created.add("snapshots " + older + ", " + newer + " of " + plan.source() + where);
        }

        boolean targetExists = plan.runs(StepId.STOP_OLD_DATABASE) || plan.runs(StepId.DELETE_OLD_DATABASE)
                || plan.runs(StepId.DELETE_REPLICAS);
        if (targetExists) {
            String dbClass = restore.dbClass() == null ? "db.t3.medium" : restore.dbClass();
            rds.createDBInstance(b -> b.dbInstanceIdentifier(plan.target()).engine(seededEngine).dbInstanceClass(dbClass)
                    .licenseModel(licenseModel(engine, restore.licenseModel()))
                    .masterUsername("admin").masterUserPassword(LocalPasswords.random()).allocatedStorage(TARGET_STORAGE_GIB).tags(TARGET_TAGS));
            created.add("current target " + plan.target() + " with tags team, cost-center");
            if (plan.runs(StepId.DELETE_REPLICAS)) {
                for (Replica r : replicasOf(plan)) {
                    rds.createDBInstanceReadReplica(b -> b.dbInstanceIdentifier(r.name()).sourceDBInstanceIdentifier(plan.target())
                            .dbInstanceClass(r.dbClass()));
                    created.add("read replica " + r.name() + " (" + r.dbClass() + ") of " + plan.target());
                }
            }
        }
        adoptTarget(plan, created);
        return seedShared(plan, historyTable, created);
    }

    /** The instances, their replicas and the snapshots an account file describes. */
    private void seedDescribed(RefreshPlan plan, AccountDescription described, List<String> created) {
        String source = RdsArn.nameOf(plan.source());
        for (AccountDescription.Instance i : described.instances()) {
            String engine = emulatedEngine(i.engine());
            List<Tag> tags = i.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            rds.createDBInstance(b -> b.dbInstanceIdentifier(i.id()).engine(engine).dbInstanceClass(i.dbClass())
                    .licenseModel(licenseModel(i.engine(), null)).masterUsername("admin").masterUserPassword(LocalPasswords.random())
                    .allocatedStorage(i.id().equals(source) ? SOURCE_STORAGE_GIB : TARGET_STORAGE_GIB).tags(tags));
            created.add("instance " + i.id() + " (" + engine + ", " + i.dbClass() + ") as " + described.file() + " describes it");
            for (AccountDescription.Replica r : i.replicas()) {
                rds.createDBInstanceReadReplica(b -> b.dbInstanceIdentifier(r.id()).sourceDBInstanceIdentifier(i.id())
                        .dbInstanceClass(r.dbClass()));
                created.add("read replica " + r.id() + " (" + r.dbClass() + ") of " + i.id());
            }
        }
        for (AccountDescription.Snapshot snap : described.snapshots()) {
            rds.createDBSnapshot(b -> b.dbInstanceIdentifier(snap.instance()).dbSnapshotIdentifier(snap.id()));
            created.add("snapshot " + snap.id() + " of " + snap.instance());
        }
    }

    /**
     * The seeded target is adopted as a person would adopt it on AWS ({@code dbrefresh adopt}),
     * with the same code: without the tag the guard refuses it, as the deployed permissions would.
     */
    private void adoptTarget(RefreshPlan plan, List<String> created) {
        TargetAdoption adoption = new TargetAdoption(new RdsInstances(rds));
        TargetAdoption.Plan adopt = adoption.plan(plan.target(), List.of(plan.source()));
        if (adopt.members().isEmpty()) {
            return;
        }
        List<TargetAdoption.Member> tagged = adoption.adopt(adopt);
        created.add("current target " + plan.target() + " adopted: " + tagged.size() + " tagged " + RefreshTags.MANAGED + "="
                + RefreshTags.MANAGED_VALUE + " (" + String.join(", ", tagged.stream().map(TargetAdoption.Member::name).toList())
                + "), as `dbrefresh adopt " + plan.target() + "` does on AWS");
    }

    /** The history table and the topic, for every service; the security groups the file names. */
    private List<String> seedShared(RefreshPlan plan, String historyTable, List<String> created) {
        seedSecurityGroups(plan, created);
        String table = plan.tableName() != null ? plan.tableName() : historyTable;
        if (seeded.add("history table " + table)) {
            createHistoryTable(table);
            created.add("history table " + table);
        }
        if (plan.topicArn() != null && seeded.add("topic " + plan.topicArn())) {
            String topicName = plan.topicArn().substring(plan.topicArn().lastIndexOf(':') + 1);
            String topicArn = sns.createTopic(b -> b.name(topicName)).topicArn();
            queueUrl = sqs.createQueue(b -> b.queueName("dbrefresh-local-notifications")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                    .attributes(java.util.Map.of("RawMessageDelivery", "true")));
            created.add("topic " + topicArn + " (read through an SQS queue)");
        }
        if (plan.email() != null) {
            // on AWS a person verifies the identity once (docs/deploy.md); here the account starts with it verified
            ses.verifyEmailIdentity(b -> b.emailAddress(plan.email().from()));
            created.add("SES identity " + plan.email().from() + " verified (the e-mail report's sender)");
        }
        return created;
    }

    /**
     * One group per id the file's {@code secgrpids} names, in the VPC of the file's subnet group
     * (else the default VPC), standing in for it ({@link SecurityGroupStandIns}: moto chooses its
     * groups' ids). An id the account already has (a test made it) is left as it is.
     */
    private void seedSecurityGroups(RefreshPlan plan, List<String> created) {
        List<String> ids = plan.restore() == null || plan.restore().securityGroupIds() == null ? List.of()
                : plan.restore().securityGroupIds();
        for (String id : ids) {
            if (!seeded.add("security group " + id)
                    || !ec2.describeSecurityGroups(b -> b.filters(f -> f.name("group-id").values(id))).securityGroups().isEmpty()) {
                continue;
            }
            String vpc = plan.restore().subnetGroup() == null ? null
                    : rds.describeDBSubnetGroups(b -> b.dbSubnetGroupName(plan.restore().subnetGroup())).dbSubnetGroups().get(0).vpcId();
            ec2.createSecurityGroup(b -> b.groupName("dbrefresh-local-" + id).description("dbrefresh local run").vpcId(vpc)
                    .tagSpecifications(t -> t.resourceType(ResourceType.SECURITY_GROUP)
                            .tags(tag -> tag.key(SecurityGroupStandIns.TAG).value(id))));
            created.add("security group " + id + (vpc == null ? "" : " in " + vpc + " of " + plan.restore().subnetGroup())
                    + " (moto chose its own id for it)");
        }
    }

    /** The history table as deployed: keys, indexes and the lock's expiry attribute. */
    public void createHistoryTable(String table) {
        new HistoryTable(dynamoDb).create(table);
    }

    /** The notifications published so far (message bodies). */
    public List<String> notifications() {
        if (queueUrl == null) {
            return List.of();
        }
        List<String> bodies = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            batch.forEach(m -> bodies.add(m.body()));
        } while (!batch.isEmpty());
        return bodies;
    }

    /** The replicas the seeded target gets: the ones the file lists, else two of its own. */
    static List<Replica> replicasOf(RefreshPlan plan) {
        if (plan.replicas() != null && plan.replicas().replicas() != null && !plan.replicas().replicas().isEmpty()) {
            return plan.replicas().replicas();
        }
        return List.of(new Replica(plan.target() + "-ro1", "db.t3.medium"), new Replica(plan.target() + "-ro2", "db.t3.large"));
    }

    /**
     * moto 5 has no defaults for the Oracle CDB engine names (creating one answers HTTP 500), so
     * the emulated account runs the same edition without "-cdb"; AWS knows both.
     */
    static String emulatedEngine(String engine) {
        return engine.endsWith("-cdb") ? engine.substring(0, engine.length() - "-cdb".length()) : engine;
    }

    /** Graviton classes run MySQL, MariaDB and PostgreSQL only. */
    private static String sourceClass(String engine) {
        return engine.startsWith("sqlserver-") || engine.startsWith("oracle-") ? "db.r6i.large" : "db.r6g.large";
    }

    /** What RDS would report for the seeded instances: the file's model, else the engine's usual one (null: RDS decides). */
    private static String licenseModel(String engine, String fromFile) {
        if (fromFile != null) {
            return fromFile;
        }
        if (engine.startsWith("sqlserver-")) {
            return "license-included";
        }
        return engine.startsWith("oracle-") ? "bring-your-own-license" : null;
    }

    static String parameterGroupFamily(String engine) {
        if (engine.startsWith("sqlserver-") || engine.startsWith("oracle-")) {
            return engine + "-" + majorVersion(engine);
        }
        return engine + majorVersion(engine);
    }

    /** The major version the seeded account runs: SQL Server 2019, Oracle 19c, MySQL 8.0, MariaDB 10.11, PostgreSQL 16. */
    static String majorVersion(String engine) {
        if (engine.startsWith("sqlserver-")) {
            return "15.00";
        }
        if (engine.startsWith("oracle-")) {
            return "19";
        }
        if (engine.equals("mariadb")) {
            return "10.11";
        }
        return engine.equals("postgres") ? "16" : "8.0";
    }

    /**
     * The version the seeded source runs, of {@link #majorVersion}: the emulator's own default is an
     * old one (MySQL 5.6) that the seeded option group, made for the major version, would not fit.
     */
    static String engineVersion(String engine) {
        if (engine.startsWith("sqlserver-")) {
            return "15.00.4345.5.v1";
        }
        if (engine.startsWith("oracle-")) {
            return "19.0.0.0.ru-2024-01.rur-2024-01.r1";
        }
        return switch (engine) {
            case "mariadb" -> "10.11.6";
            case "postgres" -> "16.3";
            default -> "8.0.35";
        };
    }

    /** Whether an instance exists in the emulated account. */
    public boolean instanceExists(String id) {
        try {
            rds.describeDBInstances(b -> b.dbInstanceIdentifier(id));
            return true;
        } catch (DbInstanceNotFoundException e) {
            return false;
        }
    }


    @Override
    public void close() {
        sqs.close();
        ec2.close();
    }

    /** Instants are shown in UTC, second precision. */
    static String show(Instant t) {
        return t == null ? "-" : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
