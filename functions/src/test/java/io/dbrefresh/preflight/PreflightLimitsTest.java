package io.dbrefresh.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import org.mockito.ArgumentCaptor;
import org.mockito.invocation.Invocation;

import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RefreshPlan;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DescribeKeyRequest;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AccountQuota;
import software.amazon.awssdk.services.rds.model.DBEngineVersion;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBParameterGroup;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeAccountAttributesRequest;
import software.amazon.awssdk.services.rds.model.DescribeAccountAttributesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbEngineVersionsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbEngineVersionsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbParameterGroupsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbParameterGroupsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.DescribeOrderableDbInstanceOptionsRequest;
import software.amazon.awssdk.services.rds.model.DescribeOrderableDbInstanceOptionsResponse;
import software.amazon.awssdk.services.rds.model.OrderableDBInstanceOption;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceInformationRequest;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceInformationResponse;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.PingStatus;

/**
 * The checks whose calls moto does not offer, or cannot answer as AWS does (another account's
 * key, orderable options of MySQL): the account's quotas, the parameter group family of the
 * engine version, the orderable class and storage, the script instance in Systems Manager, and a
 * key of another account. The SDK clients are mocked; every request built is captured, and after
 * each test every call made is a read.
 */
class PreflightLimitsTest {

    private static final String FILE = """
            {"restore": {"dbservice": "rds", "source": "mysqlinstp", "target": "mysqlinstq", "restoretype": "%s",
                         %s
                         "dbclass": "db.r6g.large", "storagetype": "gp3", "dbparamgrp": "app1-mysql80",
                         "application": "app1", "environment": "qa", "torun": true},
             "delete": {"finalsnapshot": true, "torun": true}%s}
            """;

    private RdsClient rds;
    private KmsClient kms;
    private SsmClient ssm;
    private Preflight preflight;

    @BeforeEach
    void anAccountWithRoomForEverything() {
        rds = client(RdsClient.class);
        kms = client(KmsClient.class);
        ssm = client(SsmClient.class);
        preflight = new Preflight(rds, client(SecretsManagerClient.class), client(S3Client.class), client(SnsClient.class),
                client(DynamoDbClient.class), kms, client(SesClient.class), ssm);
        when(rds.describeDBInstances(any(DescribeDbInstancesRequest.class))).thenAnswer(call -> {
            if (!"mysqlinstp".equals(call.<DescribeDbInstancesRequest>getArgument(0).dbInstanceIdentifier())) {
                throw DbInstanceNotFoundException.builder().message("not found").build();
            }
            return DescribeDbInstancesResponse.builder().dbInstances(DBInstance.builder().dbInstanceIdentifier("mysqlinstp")
                    .dbInstanceStatus("available").engine("mysql").engineVersion("8.0.35").build()).build();
        });
        when(rds.describeDBParameterGroups(any(DescribeDbParameterGroupsRequest.class))).thenReturn(DescribeDbParameterGroupsResponse
                .builder().dbParameterGroups(DBParameterGroup.builder().dbParameterGroupName("app1-mysql80")
                        .dbParameterGroupFamily("mysql8.0").build()).build());
        when(rds.describeDBEngineVersions(any(DescribeDbEngineVersionsRequest.class))).thenReturn(DescribeDbEngineVersionsResponse
                .builder().dbEngineVersions(DBEngineVersion.builder().engine("mysql").engineVersion("8.0.35")
                        .dbParameterGroupFamily("mysql8.0").build()).build());
        orderable(option("db.r6g.large", "gp3"), option("db.r6g.large", "gp2"), option("db.t3.micro", "gp2"));
        quotas(0, 0);
    }

    @AfterEach
    void onlyReadsWereMade() {
        for (Object client : List.of(rds, kms, ssm)) {
            assertThat(mockingDetails(client).getInvocations()).extracting(Invocation::getMethod).extracting(Method::getName)
                    .allMatch(name -> name.matches("(describe|list|get).*"), "a read");
        }
    }

    private static RefreshPlan plan(String restoreType, String restoreExtra, String otherBlocks) {
        RefreshFileResult read = RefreshFiles.read(FILE.formatted(restoreType, restoreExtra, otherBlocks));
        assertThat(read.errors()).as("the fixture is a valid refresh file").isEmpty();
        return read.plan();
    }

    private static RefreshPlan latestPoint() {
        return plan("latestpoint", "", "");
    }

    private List<Problem> check(RefreshPlan plan) {
        return preflight.check(plan, Preflight.Defaults.NONE);
    }

    @Test
    void anAccountWithRoomAndAFittingClassAndGroup_hasNoProblem_andTheOrderableRequestNamesEngineVersionAndClass() {
        assertThat(check(latestPoint())).isEmpty();

        ArgumentCaptor<DescribeOrderableDbInstanceOptionsRequest> asked = ArgumentCaptor.forClass(DescribeOrderableDbInstanceOptionsRequest.class);
        verify(rds).describeOrderableDBInstanceOptions(asked.capture());
        assertThat(asked.getValue().engine()).isEqualTo("mysql");
        assertThat(asked.getValue().engineVersion()).isEqualTo("8.0.35");
        assertThat(asked.getValue().dbInstanceClass()).isEqualTo("db.r6g.large");
        ArgumentCaptor<DescribeDbEngineVersionsRequest> version = ArgumentCaptor.forClass(DescribeDbEngineVersionsRequest.class);
        verify(rds).describeDBEngineVersions(version.capture());
        assertThat(version.getValue().engine()).isEqualTo("mysql");
        assertThat(version.getValue().engineVersion()).isEqualTo("8.0.35");
    }

    @Test
    void aFullDbInstanceQuota_isNamedAtTheTarget_forTheCopyTheRestoreCreates() {
        quotas(40, 0);

        assertThat(check(latestPoint())).extracting(Problem::toString).containsExactly("/restore/target: the account's quota of"
                + " DB instances is 40 and 40 are used: no room for the copy mysqlinstqtemp (delete unused ones or ask AWS for a"
                + " higher quota)");
    }

    @Test
    void aFullManualSnapshotQuota_isNamedAtTheFinalSnapshot_andNotWhenNoFinalSnapshotIsTaken() {
        quotas(0, 100);

        assertThat(check(latestPoint())).extracting(Problem::toString).containsExactly("/delete/finalsnapshot: the account's"
                + " quota of manual snapshots is 100 and 100 are used: no room for the old target's final snapshot (delete unused"
                + " ones or ask AWS for a higher quota)");
        RefreshPlan noFinal = RefreshFiles.read(FILE.formatted("latestpoint", "", "").replace("\"finalsnapshot\": true",
                "\"finalsnapshot\": false")).plan();
        assertThat(check(noFinal)).as("no final snapshot, nothing to make room for").isEmpty();
    }

    // ---- a quota the refresh leaves nearly full: a warning, not a problem ----

    private Preflight.Findings review(RefreshPlan plan) {
        return preflight.review(plan, Preflight.Defaults.NONE);
    }

    @Test
    void aManualSnapshotQuotaTheFinalSnapshotLeavesNinetyPercentFull_isAWarningAtTheFinalSnapshot_andOneLessIsNot() {
        quotas(0, 89);

        Preflight.Findings found = review(latestPoint());

        assertThat(found.problems()).as("the final snapshot fits: nothing stops the refresh").isEmpty();
        assertThat(found.warnings()).extracting(Problem::toString).containsExactly("/delete/finalsnapshot: the account's quota of"
                + " manual snapshots is 100 and 89 are used: after this refresh (the old target's final snapshot made) 90 will be,"
                + " 90 % of the quota or more, and the next refresh may find no room (set delete.snapshotretention so dbrefresh"
                + " prunes the target's final snapshots, delete unused snapshots (dbrefresh cleanup removes those beyond a"
                + " retention) or ask AWS for a higher quota)");
        assertThat(check(latestPoint())).as("check() is the problems alone").isEmpty();

        quotas(0, 88);
        assertThat(review(latestPoint()).warnings()).as("89 of 100 after the refresh: below 90 %").isEmpty();
    }

    @Test
    void whatTheRetentionPrunesAtFixTags_isCountedOff_onlyDbrefreshsFinalSnapshotsOfTheTarget() {
        RefreshPlan keepOne = RefreshFiles.read(FILE.formatted("latestpoint", "", ", \"fixtags\": {\"torun\": true}")
                .replace("\"finalsnapshot\": true", "\"finalsnapshot\": true, \"snapshotretention\": {\"keep\": 1}")).plan();
        assertThat(keepOne).as("the fixture is a valid refresh file").isNotNull();
        // three final snapshots of the target dbrefresh made: keep=1 keeps this refresh's, fix-tags removes the three;
        // a DBA's snapshot named like one and another target's are not counted
        when(rds.describeDBSnapshots(any(DescribeDbSnapshotsRequest.class))).thenReturn(DescribeDbSnapshotsResponse.builder()
                .dbSnapshots(finalOf("mysqlinstq", "20261201020000", true), finalOf("mysqlinstq", "20261202020000", true),
                        finalOf("mysqlinstq", "20261203020000", true), finalOf("mysqlinstq", "20261204020000", false),
                        finalOf("otherdb", "20261204020000", true)).build());

        quotas(0, 92);
        Preflight.Findings found = review(keepOne);
        assertThat(found.problems()).isEmpty();
        assertThat(found.warnings()).extracting(Problem::toString).containsExactly("/delete/snapshotretention: the account's"
                + " quota of manual snapshots is 100 and 92 are used: after this refresh (the old target's final snapshot made,"
                + " 3 removed by fix-tags (retention keep=1)) 90 will be, 90 % of the quota or more, and the next refresh may find"
                + " no room (keep fewer final snapshots (delete.snapshotretention), delete unused snapshots or ask AWS for a"
                + " higher quota)");

        quotas(0, 91);
        assertThat(review(keepOne).warnings()).as("91 + 1 - 3 = 89 of 100").isEmpty();
        assertThat(review(latestPoint()).warnings()).as("without a retention nothing is pruned: 92 of 100")
                .extracting(Problem::path).containsExactly("/delete/finalsnapshot");
    }

    @Test
    void noRoomForTheFinalSnapshot_staysAProblem_whateverTheRetentionWouldPruneAfterIt() {
        RefreshPlan keepOne = RefreshFiles.read(FILE.formatted("latestpoint", "", ", \"fixtags\": {\"torun\": true}")
                .replace("\"finalsnapshot\": true", "\"finalsnapshot\": true, \"snapshotretention\": {\"keep\": 1}")).plan();
        when(rds.describeDBSnapshots(any(DescribeDbSnapshotsRequest.class))).thenReturn(DescribeDbSnapshotsResponse.builder()
                .dbSnapshots(finalOf("mysqlinstq", "20261201020000", true), finalOf("mysqlinstq", "20261202020000", true)).build());
        quotas(0, 100);

        Preflight.Findings found = review(keepOne);

        assertThat(found.problems()).extracting(Problem::path).containsExactly("/delete/finalsnapshot");
        assertThat(found.warnings()).isEmpty();
    }

    @Test
    void aDbInstanceQuotaTheCopyLeavesNinetyPercentFull_isAWarningAtTheTarget_andOneLessIsNot() {
        quotas(35, 0);

        Preflight.Findings found = review(latestPoint());

        assertThat(found.problems()).isEmpty();
        assertThat(found.warnings()).extracting(Problem::toString).containsExactly("/restore/target: the account's quota of DB"
                + " instances is 40 and 35 are used: with the copy mysqlinstqtemp 36 will be, 90 % of the quota or more, and a"
                + " refresh running beside this one may find no room (delete unused ones or ask AWS for a higher quota)");

        quotas(34, 0);
        assertThat(review(latestPoint()).warnings()).as("35 of 40: below 90 %").isEmpty();
    }

    private static DBSnapshot finalOf(String target, String time, boolean dbrefreshs) {
        List<software.amazon.awssdk.services.rds.model.Tag> tags = dbrefreshs
                ? List.of(tag("dbrefresh:managed", "true"), tag("dbrefresh:snapshot-of", target), tag("dbrefresh:snapshot-retention", "keep=1"))
                : List.of(tag("owner", "dba"));
        return DBSnapshot.builder().dbSnapshotIdentifier(target + "-final-" + time)
                .dbSnapshotArn("arn:aws:rds:us-east-1:123456789012:snapshot:" + target + "-final-" + time).status("available")
                .snapshotCreateTime(java.time.Instant.parse(time.substring(0, 4) + "-" + time.substring(4, 6) + "-" + time.substring(6, 8)
                        + "T02:00:00Z")).tagList(tags).build();
    }

    private static software.amazon.awssdk.services.rds.model.Tag tag(String key, String value) {
        return software.amazon.awssdk.services.rds.model.Tag.builder().key(key).value(value).build();
    }

    @Test
    void aParameterGroupOfAnotherFamily_isNamedWithTheFamilyTheEngineVersionNeeds() {
        when(rds.describeDBParameterGroups(any(DescribeDbParameterGroupsRequest.class))).thenReturn(DescribeDbParameterGroupsResponse
                .builder().dbParameterGroups(DBParameterGroup.builder().dbParameterGroupName("app1-mysql80")
                        .dbParameterGroupFamily("mysql5.7").build()).build());

        assertThat(check(latestPoint())).extracting(Problem::toString).containsExactly("/restore/dbparamgrp: DB parameter group"
                + " app1-mysql80 is of family mysql5.7, not mysql8.0 as the engine version needs");
    }

    @Test
    void aClassNotOrderable_isNamedWithClassesThatAre() {
        when(rds.describeOrderableDBInstanceOptions(any(DescribeOrderableDbInstanceOptionsRequest.class))).thenAnswer(call ->
                call.<DescribeOrderableDbInstanceOptionsRequest>getArgument(0).dbInstanceClass() != null
                        ? DescribeOrderableDbInstanceOptionsResponse.builder().build()
                        : DescribeOrderableDbInstanceOptionsResponse.builder().orderableDBInstanceOptions(option("db.t3.micro", "gp2"),
                        option("db.m5.large", "gp3")).build());

        assertThat(check(latestPoint())).extracting(Problem::toString).containsExactly("/restore/dbclass: instance class"
                + " db.r6g.large is not orderable for mysql 8.0.35 in this region; orderable classes include db.m5.large, db.t3.micro");
    }

    @Test
    void aReadReplicaClassNotOrderableForTheCopysEngineVersion_isNamedWithTheReplica() {
        RefreshPlan plan = plan("latestpoint", "", ", \"createreplicas\": {\"replicas\":"
                + " \"mysqlinstq-r1_db.t3.micro,mysqlinstq-r2_db.m1.small\", \"torun\": true}");

        assertThat(check(plan)).extracting(Problem::toString).containsExactly("/createreplicas/replicas: read replica"
                + " mysqlinstq-r2: instance class db.m1.small is not orderable for mysql 8.0.35 in this region; orderable classes"
                + " include db.r6g.large, db.t3.micro");
        ArgumentCaptor<DescribeOrderableDbInstanceOptionsRequest> asked = ArgumentCaptor.forClass(DescribeOrderableDbInstanceOptionsRequest.class);
        verify(rds, atLeastOnce()).describeOrderableDBInstanceOptions(asked.capture());
        assertThat(asked.getAllValues()).extracting(DescribeOrderableDbInstanceOptionsRequest::dbInstanceClass)
                .contains("db.t3.micro", "db.m1.small");
        assertThat(asked.getAllValues()).extracting(DescribeOrderableDbInstanceOptionsRequest::engineVersion).containsOnly("8.0.35");
    }

    @Test
    void aStorageTypeTheClassIsNotOrderableWith_isNamed() {
        orderable(option("db.r6g.large", "gp2"), option("db.r6g.large", "io1"));

        assertThat(check(latestPoint())).extracting(Problem::toString).containsExactly("/restore/storagetype: storage type gp3 is"
                + " not orderable with db.r6g.large for mysql 8.0.35; orderable: gp2, io1");
    }

    @Test
    void anEndpointThatDoesNotOfferTheCalls_leavesTheirChecksOut_butAnAwsErrorIsRaised() {
        RdsException notOffered = (RdsException) RdsException.builder().statusCode(500).message("Internal Server Error").build();
        when(rds.describeAccountAttributes(any(DescribeAccountAttributesRequest.class))).thenThrow(notOffered);
        when(rds.describeDBEngineVersions(any(DescribeDbEngineVersionsRequest.class))).thenThrow(notOffered);
        when(rds.describeDBParameterGroups(any(DescribeDbParameterGroupsRequest.class))).thenReturn(DescribeDbParameterGroupsResponse
                .builder().dbParameterGroups(DBParameterGroup.builder().dbParameterGroupFamily("mysql5.7").build()).build());

        assertThat(check(latestPoint())).as("quotas and families left out").isEmpty();

        RdsException throttled = (RdsException) RdsException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("Throttling").build()).message("Rate exceeded").build();
        when(rds.describeAccountAttributes(any(DescribeAccountAttributesRequest.class))).thenThrow(throttled);
        assertThatThrownBy(() -> check(latestPoint())).isSameAs(throttled);
    }

    // ---- the ec2 script method's instance ----

    private static final String SCRIPTS = """
            , "runscripts": {"engine": "mysql", "access": "secret", "secretname": "/qa/app1/mysqlinstq/master",
                             "method": "ec2", %s, "bucketname": "app1-scripts", "prefix": "sqlscripts/mysqlinstq",
                             "keys": "01-mask.sql", "torun": true}
            """;

    private void managed(InstanceInformation... instances) {
        when(ssm.describeInstanceInformation(any(DescribeInstanceInformationRequest.class)))
                .thenReturn(DescribeInstanceInformationResponse.builder().instanceInformationList(instances).build());
    }

    @Test
    void theScriptInstance_mustBeManagedBySsmAndOnline() {
        RefreshPlan byId = plan("latestpoint", "", SCRIPTS.formatted("\"ec2instanceid\": \"i-0123456789abcdef0\""));

        managed(InstanceInformation.builder().instanceId("i-0123456789abcdef0").pingStatus(PingStatus.ONLINE).build());
        assertThat(check(byId)).as("online").noneMatch(p -> p.path().startsWith("/runscripts/ec2"));

        managed(InstanceInformation.builder().instanceId("i-0123456789abcdef0").pingStatus(PingStatus.CONNECTION_LOST).build());
        assertThat(check(byId)).filteredOn(p -> p.path().startsWith("/runscripts/ec2")).extracting(Problem::toString)
                .containsExactly("/runscripts/ec2instanceid: EC2 instance i-0123456789abcdef0 is ConnectionLost in Systems Manager,"
                        + " not Online: a command sent to it would not run");

        managed();
        assertThat(check(byId)).filteredOn(p -> p.path().startsWith("/runscripts/ec2")).extracting(Problem::message).singleElement()
                .asString().startsWith("EC2 instance i-0123456789abcdef0 is not managed by Systems Manager");

        ArgumentCaptor<DescribeInstanceInformationRequest> asked = ArgumentCaptor.forClass(DescribeInstanceInformationRequest.class);
        verify(ssm, org.mockito.Mockito.atLeastOnce()).describeInstanceInformation(asked.capture());
        assertThat(asked.getValue().filters()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("InstanceIds");
            assertThat(f.values()).containsExactly("i-0123456789abcdef0");
        });
    }

    @Test
    void aScriptInstanceTag_needsAnOnlineManagedInstanceCarryingIt() {
        RefreshPlan byTag = plan("latestpoint", "", SCRIPTS.formatted("\"ec2instancetag\": \"role=masking\""));

        managed(InstanceInformation.builder().instanceId("i-0aaa").pingStatus(PingStatus.INACTIVE).build());
        assertThat(check(byTag)).filteredOn(p -> p.path().startsWith("/runscripts/ec2")).extracting(Problem::toString)
                .containsExactly("/runscripts/ec2instancetag: no online instance managed by Systems Manager is tagged role=masking"
                        + " (1 tagged, none Online)");
        ArgumentCaptor<DescribeInstanceInformationRequest> asked = ArgumentCaptor.forClass(DescribeInstanceInformationRequest.class);
        verify(ssm).describeInstanceInformation(asked.capture());
        assertThat(asked.getValue().filters()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("tag:role");
            assertThat(f.values()).containsExactly("masking");
        });
    }

    // ---- another account's key ----

    private static final String SHARED = "arn:aws:rds:us-east-1:210987654321:snapshot:mysqlinstp-weekly";
    private static final String PRODUCTION_KEY = "arn:aws:kms:us-east-1:210987654321:key/5f0e3c2a-9b7d-4e1f-8a6c-2d4b9e7f1a3c";

    private RefreshPlan sharedSnapshot() {
        when(rds.describeDBSnapshots(any(DescribeDbSnapshotsRequest.class))).thenAnswer(call ->
                "shared".equals(call.<DescribeDbSnapshotsRequest>getArgument(0).snapshotType())
                        ? DescribeDbSnapshotsResponse.builder().dbSnapshots(DBSnapshot.builder().dbSnapshotIdentifier(SHARED)
                        .dbSnapshotArn(SHARED).snapshotType("shared").status("available").engine("mysql").engineVersion("8.0.35")
                        .encrypted(true).kmsKeyId(PRODUCTION_KEY).build()).build()
                        : DescribeDbSnapshotsResponse.builder().build());
        return RefreshFiles.read("""
                {"restore": {"dbservice": "rds", "source": "arn:aws:rds:us-east-1:210987654321:db:mysqlinstp",
                             "target": "mysqlinstq", "restoretype": "fromsnapshot", "snapshot": "%s",
                             "application": "app1", "environment": "qa", "torun": true}}
                """.formatted(SHARED)).plan();
    }

    @Test
    void aSharedSnapshotsKey_thatThisAccountMayNotUse_isNamed() {
        KmsException denied = (KmsException) KmsException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("AccessDeniedException").build()).message("not authorized").build();
        when(kms.describeKey(any(DescribeKeyRequest.class))).thenThrow(denied);

        assertThat(check(sharedSnapshot())).extracting(Problem::toString).containsExactly("/restore/snapshot: snapshot " + SHARED
                + " is encrypted: its KMS key " + PRODUCTION_KEY + ": access denied (kms:DescribeKey): the key's policy must let"
                + " this account use it, and the deployment must name it in kmsKeyArns");
    }

    @Test
    void aSharedSnapshotsKey_thatThisAccountMayUse_passes_andAnAsymmetricOneDoesNot() {
        when(kms.describeKey(any(DescribeKeyRequest.class))).thenReturn(DescribeKeyResponse.builder().keyMetadata(m -> m
                .arn(PRODUCTION_KEY).keyState("Enabled").keyUsage("ENCRYPT_DECRYPT").keySpec("SYMMETRIC_DEFAULT")).build());
        assertThat(check(sharedSnapshot())).isEmpty();
        ArgumentCaptor<DescribeKeyRequest> asked = ArgumentCaptor.forClass(DescribeKeyRequest.class);
        verify(kms).describeKey(asked.capture());
        assertThat(asked.getValue().keyId()).isEqualTo(PRODUCTION_KEY);

        when(kms.describeKey(any(DescribeKeyRequest.class))).thenReturn(DescribeKeyResponse.builder().keyMetadata(m -> m
                .arn(PRODUCTION_KEY).keyState("Enabled").keyUsage("ENCRYPT_DECRYPT").keySpec("RSA_2048")).build());
        assertThat(check(sharedSnapshot())).extracting(Problem::message).singleElement().asString()
                .endsWith("is an asymmetric or HMAC key (RSA_2048): RDS uses symmetric keys only");
    }

    // ---- helpers ----

    private static OrderableDBInstanceOption option(String dbClass, String storage) {
        return OrderableDBInstanceOption.builder().engine("mysql").engineVersion("8.0.35").dbInstanceClass(dbClass)
                .storageType(storage).build();
    }

    private void orderable(OrderableDBInstanceOption... options) {
        when(rds.describeOrderableDBInstanceOptions(any(DescribeOrderableDbInstanceOptionsRequest.class)))
                .thenReturn(DescribeOrderableDbInstanceOptionsResponse.builder().orderableDBInstanceOptions(options).build());
    }

    private void quotas(long instancesUsed, long snapshotsUsed) {
        when(rds.describeAccountAttributes(any(DescribeAccountAttributesRequest.class))).thenReturn(DescribeAccountAttributesResponse
                .builder().accountQuotas(
                        AccountQuota.builder().accountQuotaName("DBInstances").max(40L).used(instancesUsed).build(),
                        AccountQuota.builder().accountQuotaName("ManualSnapshots").max(100L).used(snapshotsUsed).build(),
                        AccountQuota.builder().accountQuotaName("DBClusters").max(40L).used(0L).build()).build());
    }

    /**
     * A mocked SDK client: its consumer-builder and paginator forms build the request and call the
     * request form, as the real client does; an unstubbed request form answers an empty response.
     */
    private static <T> T client(Class<T> type) {
        return mock(type, withSettings().defaultAnswer(invocation -> {
            Method m = invocation.getMethod();
            boolean consumerForm = m.getParameterCount() == 1 && Consumer.class.isAssignableFrom(m.getParameterTypes()[0]);
            if (m.isDefault() && (consumerForm || m.getReturnType().getSimpleName().endsWith("Iterable"))) {
                return invocation.callRealMethod();
            }
            try {
                Method builder = m.getReturnType().getMethod("builder");
                return builder.getReturnType().getMethod("build").invoke(builder.invoke(null));
            } catch (NoSuchMethodException e) {
                return Answers.RETURNS_DEFAULTS.answer(invocation);
            }
        }));
    }
}
