package io.dbrefresh.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;

/** The pre-flight against moto: a complete account passes, and each missing thing is named at its JSON path. */
class PreflightIT {

    private static final String BUCKET = "app1-dbrefresh-scripts";
    private static final String PREFIX = "sqlscripts/mysqlinstq";

    /** Every call pre-flight makes, by operation name: it must only read. */
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final ExecutionInterceptor calls = new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    };

    private AwsClients aws;
    private Preflight preflight;
    private String topic;

    @BeforeEach
    void seedCompleteAccount() {
        Emulators.reset();
        aws = Emulators.clients();
        preflight = Preflight.using(Emulators.clients(calls));
        aws.rds().createDBInstance(r -> r.dbInstanceIdentifier("mysqlinstp").engine("mysql").engineVersion("8.0.35")
                .dbInstanceClass("db.t3.micro").allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1").backupRetentionPeriod(7));
        aws.rds().createDBInstance(r -> r.dbInstanceIdentifier("mysqlinstq").engine("mysql").dbInstanceClass("db.t3.micro")
                .allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1"));
        aws.rds().createDBSnapshot(r -> r.dbInstanceIdentifier("mysqlinstp").dbSnapshotIdentifier("mysqlinstp-2026-11-30"));
        aws.rds().createDBParameterGroup(r -> r.dbParameterGroupName("app1-mysql80").dbParameterGroupFamily("mysql8.0")
                .description("app1"));
        aws.rds().createOptionGroup(r -> r.optionGroupName("app1-mysql-options").engineName("mysql").majorEngineVersion("8.0")
                .optionGroupDescription("app1"));
        aws.secretsManager().createSecret(r -> r.name("/qa/app1/mysqlinstq/master").secretString("{}"));
        aws.s3().createBucket(r -> r.bucket(BUCKET));
        for (String key : List.of("01-mask.sql", "02-purge.sql")) {
            aws.s3().putObject(r -> r.bucket(BUCKET).key(PREFIX + "/" + key), RequestBody.fromString("select 1;"));
        }
        topic = aws.sns().createTopic(r -> r.name("app1-db-refreshes")).topicArn();
        new HistoryTable(aws.dynamoDb()).create("dbrefresh-history");
    }

    @AfterEach
    void preflightOnlyRead() {
        assertThat(operations).as("pre-flight's calls").isNotEmpty().allMatch(op -> op.matches("(Describe|Get|List|Head).*"));
    }

    private static RefreshPlan plan(String restoreExtra, String bucket, String keys, String secret, String table, String topicArn) {
        String json = """
                {
                  "restore": {"dbservice": "rds", "source": "mysqlinstp", "target": "mysqlinstq",
                              %s
                              "application": "app1", "environment": "qa", "torun": true},
                  "changemasterpwd": {"secretname": "%s", "torun": true},
                  "runscripts": {"engine": "mysql", "access": "secret", "secretname": "%s", "method": "lambda",
                                 "bucketname": "%s", "prefix": "%s", "keys": "%s", "torun": true},
                  "updatedynamodb": {"tablename": "%s", "torun": true},
                  "sendmsg": {"topicarn": "%s", "torun": true}
                }
                """.formatted(restoreExtra, secret, secret, bucket, PREFIX, keys, table, topicArn);
        RefreshFileResult read = RefreshFiles.read(json);
        assertThat(read.errors()).as("the fixture is a valid refresh file").isEmpty();
        return read.plan();
    }

    private RefreshPlan complete(String restoreExtra) {
        return plan(restoreExtra, BUCKET, "01-mask.sql,02-purge.sql", "/qa/app1/mysqlinstq/master", "dbrefresh-history", topic);
    }

    @Test
    void aCompleteAccount_hasNoProblem() {
        List<Problem> problems = preflight.check(complete("""
                "restoretype": "fromsnapshot", "snapshot": "mysqlinstp-2026-11-30",
                "dbparamgrp": "app1-mysql80", "optgrp": "app1-mysql-options","""), Preflight.Defaults.NONE);

        assertThat(problems).isEmpty();
    }

    @Test
    void anAccountLackingEverything_listsEveryProblemAtItsPath() {
        String otherTopic = topic.replace("app1-db-refreshes", "nobody-listens");
        RefreshPlan plan = plan("""
                "restoretype": "fromsnapshot", "snapshot": "mysqlinstp-2026-12-01",
                "dbparamgrp": "app1-mysql57", "optgrp": "app1-oracle-options", "subgrp": "app1-qa-db-subnets",""",
                "app1-missing-scripts", "01-mask.sql", "/qa/app1/nobody", "no-such-history", otherTopic);

        List<Problem> problems = preflight.check(plan, Preflight.Defaults.NONE);

        assertThat(problems).extracting(Problem::path).containsExactlyInAnyOrder(
                "/restore/snapshot", "/restore/subgrp", "/restore/dbparamgrp", "/restore/optgrp",
                // the scripts' secret is change-admin-pwd's, which that step creates: not a problem
                "/runscripts/bucketname",
                "/updatedynamodb/tablename", "/sendmsg/topicarn");
        assertThat(problems).filteredOn(p -> p.path().equals("/restore/snapshot")).singleElement().asString()
                .contains("snapshot mysqlinstp-2026-12-01 not found")
                .contains("newest of mysqlinstp: mysqlinstp-2026-11-30");
    }

    @Test
    void aMissingSource_isNamedAtRestoreSource() {
        aws.rds().deleteDBInstance(r -> r.dbInstanceIdentifier("mysqlinstp").skipFinalSnapshot(true));

        List<Problem> problems = preflight.check(complete("\"restoretype\": \"latestpoint\","), Preflight.Defaults.NONE);

        assertThat(problems).extracting(Problem::toString)
                .containsExactly("/restore/source: DB instance mysqlinstp not found in this account and region");
    }

    @Test
    void aMissingScriptKey_isNamedWithItsFullKey() {
        RefreshPlan plan = plan("\"restoretype\": \"latestpoint\",", BUCKET, "01-mask.sql,03-forgotten.sql",
                "/qa/app1/mysqlinstq/master", "dbrefresh-history", topic);

        assertThat(preflight.check(plan, Preflight.Defaults.NONE)).extracting(Problem::toString)
                .containsExactly("/runscripts/keys: not found in s3://" + BUCKET + ": " + PREFIX + "/03-forgotten.sql");
    }

    @Test
    void aTakenTemporaryName_isRefused() {
        aws.rds().createDBInstance(r -> r.dbInstanceIdentifier("mysqlinstqtemp").engine("mysql").dbInstanceClass("db.t3.micro")
                .allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1"));

        assertThat(preflight.check(complete("\"restoretype\": \"latestpoint\","), Preflight.Defaults.NONE))
                .extracting(Problem::path).containsExactly("/restore/target");
    }

    @Test
    void theRotationSecret_mustExistWithAFunction_unlessChangeAdminPwdCreatesItFirst() {
        String file = """
                {"restore": {"dbservice": "rds", "source": "mysqlinstp", "target": "mysqlinstq", "restoretype": "latestpoint",
                             "application": "app1", "environment": "qa", "torun": true},
                 "changemasterpwd": {"secretname": "%s", "torun": true},
                 "rotatemasterpwd": {"secretname": "%s", "torun": true}}
                """;

        RefreshPlan created = RefreshFiles.read(file.formatted("/qa/app1/new/master", "/qa/app1/new/master")).plan();
        assertThat(preflight.check(created, Preflight.Defaults.NONE)).as("change-admin-pwd creates it first").isEmpty();

        RefreshPlan elsewhere = RefreshFiles.read(file.formatted("/qa/app1/new/master", "/qa/app1/other/master")).plan();
        assertThat(preflight.check(elsewhere, Preflight.Defaults.NONE)).extracting(Problem::toString)
                .containsExactly("/rotatemasterpwd/secretname: secret /qa/app1/other/master not found");

        RefreshPlan existing = RefreshFiles.read(file.formatted("/qa/app1/new/master", "/qa/app1/mysqlinstq/master")).plan();
        assertThat(preflight.check(existing, Preflight.Defaults.NONE)).extracting(Problem::toString)
                .containsExactly("/rotatemasterpwd/secretname: secret /qa/app1/mysqlinstq/master has no rotation function attached:"
                        + " rotation cannot run");
    }

    @Test
    void theKmsKey_mustExistAndBeEnabled() {
        String enabled = aws.kms().createKey(r -> r.description("app1 qa copies")).keyMetadata().keyId();
        String disabled = aws.kms().createKey(r -> r.description("app1 retired")).keyMetadata().keyId();
        aws.kms().disableKey(r -> r.keyId(disabled));
        String missing = "11111111-2222-3333-4444-555555555555";

        assertThat(preflight.check(complete("\"restoretype\": \"latestpoint\", \"kmskeyid\": \"" + enabled + "\","),
                Preflight.Defaults.NONE)).as("an enabled key").isEmpty();
        assertThat(preflight.check(complete("\"restoretype\": \"latestpoint\", \"kmskeyid\": \"" + disabled + "\","),
                Preflight.Defaults.NONE)).extracting(Problem::toString)
                .containsExactly("/restore/kmskeyid: KMS key " + disabled + " is Disabled, not Enabled: RDS cannot use it");
        assertThat(preflight.check(complete("\"restoretype\": \"latestpoint\", \"kmskeyid\": \"" + missing + "\","),
                Preflight.Defaults.NONE)).extracting(Problem::toString)
                .containsExactly("/restore/kmskeyid: KMS key " + missing + " not found");
    }

    @Test
    void theEmailSender_mustBeAVerifiedIdentity_asAnAddressOrItsDomain() {
        aws.ses().verifyEmailIdentity(r -> r.emailAddress("dba@example.com"));
        aws.ses().verifyDomainIdentity(r -> r.domain("app1.example.org"));
        String file = """
                {"restore": {"dbservice": "rds", "source": "mysqlinstp", "target": "mysqlinstq", "restoretype": "latestpoint",
                             "application": "app1", "environment": "qa", "torun": true},
                 "sendmsg": {"topicarn": "%s", "email": {"from": "%s", "to": ["team@example.com"]}, "torun": true}}
                """;

        assertThat(check(file.formatted(topic, "dba@example.com")))
                .as("a verified address").isEmpty();
        assertThat(check(file.formatted(topic, "refresh@app1.example.org")))
                .as("an address of a verified domain").isEmpty();
        assertThat(check(file.formatted(topic, "nobody@example.net")))
                .extracting(Problem::toString).containsExactly("/sendmsg/email/from: sender nobody@example.net is not a verified SES"
                        + " identity in this account and region (status: never submitted; nor is its domain)");
    }

    @Test
    void theDeploymentsDefaults_areCheckedWhenTheFileNamesNone() {
        RefreshPlan plan = RefreshFiles.read("""
                {"restore": {"dbservice": "rds", "source": "mysqlinstp", "target": "mysqlinstq", "restoretype": "latestpoint",
                             "application": "app1", "environment": "qa", "torun": true},
                 "updatedynamodb": {"torun": true}, "sendmsg": {"torun": true}}
                """).plan();

        assertThat(preflight.check(plan, new Preflight.Defaults("dbrefresh-history", topic))).isEmpty();
        assertThat(preflight.check(plan, new Preflight.Defaults("gone", topic + "-gone")))
                .extracting(Problem::path).containsExactlyInAnyOrder("/updatedynamodb", "/sendmsg");
    }

    // ---- another account's snapshot and key; what the engine allows ----

    private static final String PRODUCTION_ACCOUNT = "210987654321";
    private static final String THIS_ACCOUNT = "123456789012";

    /** Clients that act in another account of the emulator (moto's account header). */
    private static AwsClients inAccount(String account) {
        return Emulators.clients(new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                return context.httpRequest().toBuilder().putHeader("x-moto-account-id", account).build();
            }
        });
    }

    private static String sharedSnapshotFile(String snapshotArn) {
        return """
                {"restore": {"dbservice": "rds", "source": "arn:aws:rds:us-east-1:%s:db:mysqlinstp", "target": "mysqlinstq",
                             "restoretype": "fromsnapshot", "snapshot": "%s",
                             "application": "app1", "environment": "qa", "torun": true}}
                """.formatted(PRODUCTION_ACCOUNT, snapshotArn);
    }

    @Test
    void aSnapshotOfAnotherAccount_passesOnlyOnceSharedWithThisAccount() {
        AwsClients production = inAccount(PRODUCTION_ACCOUNT);
        production.rds().createDBInstance(r -> r.dbInstanceIdentifier("mysqlinstp").engine("mysql").engineVersion("8.0.35")
                .dbInstanceClass("db.t3.micro").allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1"));
        String arn = production.rds().createDBSnapshot(r -> r.dbInstanceIdentifier("mysqlinstp")
                .dbSnapshotIdentifier("mysqlinstp-weekly")).dbSnapshot().dbSnapshotArn();
        RefreshPlan plan = RefreshFiles.read(sharedSnapshotFile(arn)).plan();

        assertThat(preflight.check(plan, Preflight.Defaults.NONE)).extracting(Problem::toString).singleElement().asString()
                .startsWith("/restore/snapshot: snapshot " + arn + " not found in this account nor among the snapshots shared with it")
                .contains("account " + PRODUCTION_ACCOUNT + " must share it");

        production.rds().modifyDBSnapshotAttribute(r -> r.dbSnapshotIdentifier("mysqlinstp-weekly").attributeName("restore")
                .valuesToAdd(THIS_ACCOUNT));
        assertThat(preflight.check(plan, Preflight.Defaults.NONE)).as("shared with this account").isEmpty();
    }

    @Test
    void anEncryptedSnapshotSharedFromAnotherAccount_isRefusedWhenItsKeyCannotBeUsedHere() {
        AwsClients production = inAccount(PRODUCTION_ACCOUNT);
        String key = production.kms().createKey(r -> r.description("production snapshots")).keyMetadata().arn();
        production.rds().createDBInstance(r -> r.dbInstanceIdentifier("mysqlinstp").engine("mysql").engineVersion("8.0.35")
                .dbInstanceClass("db.t3.micro").allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1")
                .storageEncrypted(true).kmsKeyId(key));
        String arn = production.rds().createDBSnapshot(r -> r.dbInstanceIdentifier("mysqlinstp")
                .dbSnapshotIdentifier("mysqlinstp-weekly")).dbSnapshot().dbSnapshotArn();
        production.rds().modifyDBSnapshotAttribute(r -> r.dbSnapshotIdentifier("mysqlinstp-weekly").attributeName("restore")
                .valuesToAdd(THIS_ACCOUNT));

        // the emulator shows no account another account's key, as AWS does when the key's policy leaves this account out
        assertThat(check(sharedSnapshotFile(arn)))
                .extracting(Problem::toString).containsExactly("/restore/snapshot: snapshot " + arn + " is encrypted: its KMS key "
                        + key + " not found (or not visible to this account)");
    }

    @Test
    void theCopysSecurityGroups_mustExistInTheVpcOfItsSubnetGroup() {
        String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.40.0.0/16")).vpc().vpcId();
        String a = aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.40.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String b = aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.40.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
        aws.rds().createDBSubnetGroup(r -> r.dbSubnetGroupName("app1-qa-db-subnets").dbSubnetGroupDescription("app1").subnetIds(a, b));
        String inVpc = aws.ec2().createSecurityGroup(r -> r.groupName("app1-qa-db").description("app1").vpcId(vpc)).groupId();
        // made in the account's default VPC: another VPC than the subnet group's
        String elsewhere = aws.ec2().createSecurityGroup(r -> r.groupName("app1-qa-other").description("app1")).groupId();
        String gone = "sg-0123456789abcdef0";

        assertThat(preflight.check(complete("\"restoretype\": \"latestpoint\", \"subgrp\": \"app1-qa-db-subnets\", \"secgrpids\": \""
                + inVpc + "\","), Preflight.Defaults.NONE)).as("groups of the subnet group's VPC").isEmpty();
        assertThat(preflight.check(complete("\"restoretype\": \"latestpoint\", \"subgrp\": \"app1-qa-db-subnets\", \"secgrpids\": \""
                + inVpc + "," + elsewhere + "," + gone + "\","), Preflight.Defaults.NONE)).extracting(Problem::toString)
                .containsExactlyInAnyOrder(
                        "/restore/secgrpids: security group " + gone + " not found in this account and region",
                        "/restore/secgrpids: security group " + elsewhere + " is in " + defaultVpc() + ", not in " + vpc
                                + " of DB subnet group app1-qa-db-subnets: RDS takes only groups of the subnet group's VPC");
    }

    @Test
    void theReplicasSubnetGroup_mustExistInThisRegion() {
        RefreshFileResult read = RefreshFiles.read("""
                {"restore": {"dbservice": "rds", "source": "mysqlinstp", "target": "mysqlinstq", "restoretype": "latestpoint",
                             "torun": true},
                 "createreplicas": {"replicas": "mysqlinstq-r1_db.t3.micro", "subgrp": "app1-qa-replica-subnets", "torun": true}}
                """);
        assertThat(read.errors()).isEmpty();

        assertThat(preflight.check(read.plan(), Preflight.Defaults.NONE)).extracting(Problem::toString)
                .containsExactly("/createreplicas/subgrp: DB subnet group app1-qa-replica-subnets not found in this region");

        String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.41.0.0/16")).vpc().vpcId();
        String a = aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.41.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String b = aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.41.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
        aws.rds().createDBSubnetGroup(r -> r.dbSubnetGroupName("app1-qa-replica-subnets").dbSubnetGroupDescription("app1").subnetIds(a, b));
        assertThat(preflight.check(read.plan(), Preflight.Defaults.NONE)).isEmpty();
    }

    @Test
    void theOldTargetsSecurityGroup_whenTheCopyWouldInheritIt_mustExistToo() {
        aws.rds().modifyDBInstance(r -> r.dbInstanceIdentifier("mysqlinstq").vpcSecurityGroupIds("sg-0fedcba9876543210")
                .applyImmediately(true));

        assertThat(preflight.check(complete("\"restoretype\": \"latestpoint\","), Preflight.Defaults.NONE))
                .extracting(Problem::toString).containsExactly("/restore/secgrpids: security group sg-0fedcba9876543210 not found"
                        + " in this account and region (the old target mysqlinstq's, which the copy inherits; name its groups in secgrpids)");
    }

    @Test
    void anAuroraReaderClassNotOrderableForTheClustersEngineVersion_isNamedWithTheReader() {
        String file = auroraPostgresFile("""
                 "createinstance": {"dbinstance": "aupginstt", "dbclass": "db.r5.large", "torun": true},
                 "createreplicas": {"replicas": "aupginstt-r1_db.r5.large,aupginstt-r2_%s", "torun": true}}
                """);

        assertThat(check(file.formatted("db.r5.xlarge"))).as("orderable readers").isEmpty();
        assertThat(check(file.formatted("db.m1.small")))
                .extracting(Problem::toString).singleElement().asString()
                .startsWith("/createreplicas/replicas: reader aupginstt-r2: instance class db.m1.small is not orderable for"
                        + " aurora-postgresql 11.9 in this region; orderable classes include ");
    }

    /** What pre-flight finds in a refresh file, with no defaults. */
    private List<Problem> check(String file) {
        return preflight.check(RefreshFiles.read(file).plan(), Preflight.Defaults.NONE);
    }

    /**
     * An Aurora PostgreSQL refresh of app4 from aupgclup, which this creates (engine version
     * 11.9), to aupgclut: the restore block, then {@code blocks}, the rest of the file.
     */
    private String auroraPostgresFile(String blocks) {
        aws.rds().createDBCluster(r -> r.dbClusterIdentifier("aupgclup").engine("aurora-postgresql").engineVersion("11.9")
                .masterUsername("admin").masterUserPassword("not-a-secret-1"));
        return """
                {"restore": {"dbservice": "aurora", "sourcecluster": "aupgclup", "targetcluster": "aupgclut",
                             "restoretype": "latestpoint", "application": "app4", "environment": "test", "torun": true},
                """ + blocks;
    }

    private String defaultVpc() {
        return aws.ec2().describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
    }

    @Test
    void anOptionGroupOfAnotherEngineOrVersion_isNamedWithWhatItIsFor() {
        aws.rds().createOptionGroup(r -> r.optionGroupName("app1-mysql57-options").engineName("mysql").majorEngineVersion("5.7")
                .optionGroupDescription("app1 before the upgrade"));

        assertThat(preflight.check(complete("\"restoretype\": \"latestpoint\", \"optgrp\": \"app1-mysql57-options\","),
                Preflight.Defaults.NONE)).extracting(Problem::toString)
                .containsExactly("/restore/optgrp: option group app1-mysql57-options is for mysql 5.7, not for mysql 8.0.35");
    }

    @Test
    void aWriterClassNotOrderableForTheClustersEngineVersion_isNamedWithClassesThatAre() {
        String file = auroraPostgresFile("""
                 "createinstance": {"dbinstance": "aupginstt", "dbclass": "%s", "torun": true}}
                """);

        assertThat(check(file.formatted("db.r5.large"))).as("an orderable class").isEmpty();
        assertThat(check(file.formatted("db.m1.small")))
                .extracting(Problem::toString).singleElement().asString()
                .startsWith("/createinstance/dbclass: instance class db.m1.small is not orderable for aurora-postgresql 11.9 in this"
                        + " region; orderable classes include db.r4.16xlarge, ");
    }
}
