package io.dbrefresh.e2e;

import static io.dbrefresh.e2e.StoppedBeforeTouching.describe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.local.SecurityGroupStandIns;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * preflight stops a refresh whose account lacks what the file names before anything is
 * touched: no step starts, the target and its replicas are as they were, every problem is
 * named by its JSON path in the history row and the one notification.
 */
class PreflightEndToEndIT {

    /** The states a stopped run may pass through; any other would be a step touching something. */
    private static final Set<String> STOPPED_PATH = Set.of("validate-refresh-file", "acquire-lock", "start-results", "guard-target",
            "preflight", "preflight: failed", "recover", "update-dynamodb-failure", "send-msg-failure", "failure-cause?", "refresh-failed");

    @Test
    void missingSubnetAndParameterGroups_failAtPreflight_namingBoth_andNothingIsTouched() {
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", null)) {
            world.aws.rds().deleteDBSubnetGroup(b -> b.dbSubnetGroupName("app1-dev-db-subnets"));
            world.aws.rds().deleteDBParameterGroup(b -> b.dbParameterGroupName("app1-mysql80"));

            ExecutionResult result = world.run("e2e-preflight-groups");

            assertStoppedUntouched(world, result, List.of(
                    "/restore/subgrp: DB subnet group app1-dev-db-subnets not found",
                    "/restore/dbparamgrp: DB parameter group app1-mysql80 not found"));
        }
    }

    @Test
    void aTakenTemporaryName_failsAtPreflight_beforeTheReplicasAreDeleted() {
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", null)) {
            world.aws.rds().createDBInstance(b -> b.dbInstanceIdentifier("mysqlinstdtemp").engine("mysql")
                    .dbInstanceClass("db.t3.micro").allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1"));

            ExecutionResult result = world.run("e2e-preflight-temp-taken");

            assertThat(result.status()).isEqualTo("FAILED");
            assertOnlyTheStoppedPathRan(world);
            assertThat(describe(Emulators.clients().rds(), "mysqlinstd").readReplicaDBInstanceIdentifiers())
                    .containsExactlyInAnyOrder("mysqlinstd-r1", "mysqlinstd-r2");
            assertRecordedAndSent(world, List.of("/restore/target: the temporary name mysqlinstdtemp is taken"));
        }
    }

    @Test
    void anOptionGroupOfAnotherMajorVersion_failsAtPreflight_namingWhatItIsFor_andNothingIsTouched() {
        String file = LocalWorld.fixture("rds-latestpoint.json")
                .replaceFirst("\"source\": \"mysqlinstp\",", "\"source\": \"mysqlinstp\", \"optgrp\": \"app1-mysql-options\",");
        try (LocalWorld world = LocalWorld.seededWith(file, null)) {
            // the group the DBA kept from before the source's upgrade to 8.0
            world.aws.rds().deleteOptionGroup(b -> b.optionGroupName("app1-mysql-options"));
            world.aws.rds().createOptionGroup(b -> b.optionGroupName("app1-mysql-options").engineName("mysql")
                    .majorEngineVersion("5.7").optionGroupDescription("app1 before the upgrade"));

            ExecutionResult result = world.run("e2e-preflight-option-group");

            assertStoppedUntouched(world, result, List.of(
                    "/restore/optgrp: option group app1-mysql-options is for mysql 5.7, not for mysql 8.0.35"));
        }
    }

    @Test
    void securityGroupsMissingOrOfAnotherVpc_failAtPreflight_namingEach_andNothingIsTouched() {
        String file = LocalWorld.fixture("rds-latestpoint.json").replace("\"secgrpids\": \"sg-0a1b2c3d4e5f67890\"",
                "\"secgrpids\": \"sg-0a1b2c3d4e5f67890, sg-0123456789abcdef0, sg-0fedcba9876543210\"");
        try (LocalWorld world = LocalWorld.seededWith(file, null)) {
            // the account holds the first group as the file says; the second is gone; the third is in the
            // account's default VPC, not in the VPC of the file's subnet group app1-dev-db-subnets
            world.aws.ec2().deleteSecurityGroup(b -> b.groupId(standIn(world, "sg-0123456789abcdef0")));
            world.aws.ec2().deleteSecurityGroup(b -> b.groupId(standIn(world, "sg-0fedcba9876543210")));
            world.aws.ec2().createSecurityGroup(b -> b.groupName("app1-other-vpc").description("app1")
                    .tagSpecifications(t -> t.resourceType(ResourceType.SECURITY_GROUP)
                            .tags(tag -> tag.key(SecurityGroupStandIns.TAG).value("sg-0fedcba9876543210"))));
            String subnetVpc = world.aws.rds().describeDBSubnetGroups(b -> b.dbSubnetGroupName("app1-dev-db-subnets"))
                    .dbSubnetGroups().get(0).vpcId();
            String defaultVpc = world.aws.ec2().describeVpcs(b -> b.filters(f -> f.name("is-default").values("true")))
                    .vpcs().get(0).vpcId();

            ExecutionResult result = world.run("e2e-preflight-security-groups");

            assertStoppedUntouched(world, result, List.of(
                    "/restore/secgrpids: security group sg-0123456789abcdef0 not found in this account and region",
                    "/restore/secgrpids: security group sg-0fedcba9876543210 is in " + defaultVpc + ", not in " + subnetVpc
                            + " of DB subnet group app1-dev-db-subnets"));
        }
    }

    @Test
    void aFastCloneOfAnotherAccountsClusterNotShared_failsAtPreflight_sayingItMustBeShared_andNothingIsTouched() {
        try (LocalWorld world = LocalWorld.seeded("aurora-fastcloning.json", null)) {
            String source = "arn:aws:rds:us-east-1:210987654321:cluster:auposclup";
            String file = LocalWorld.fixture("aurora-fastcloning.json").replace("\"sourcecluster\": \"auposclup\"",
                    "\"sourcecluster\": \"" + source + "\"");
            List<String> clustersBefore = clusters(world);

            ExecutionResult result = world.runFile(file, "e2e-preflight-fastclone-not-shared");

            assertThat(result.status()).isEqualTo("FAILED");
            assertOnlyTheStoppedPathRan(world);
            assertThat(clusters(world)).as("no cluster made or removed").containsExactlyInAnyOrderElementsOf(clustersBefore);
            assertThat(world.aws.rds().describeDBClusterSnapshots(b -> b.snapshotType("manual"))
                    .dbClusterSnapshots()).as("no final snapshot: nothing was deleted")
                    .noneMatch(s -> s.dbClusterSnapshotIdentifier().startsWith("auposclud-final-"));
            assertRecordedAndSent(world, List.of("/restore/sourcecluster: DB cluster " + source
                    + " not found (nor shared with this account: a clone of another account's cluster needs it shared through AWS RAM)"));
        }
    }

    private static List<String> clusters(LocalWorld world) {
        return world.aws.rds().describeDBClusters().dbClusters().stream().map(c -> c.dbClusterIdentifier() + ":" + c.status()).toList();
    }

    /** The id moto gave the group the emulated account made for {@code id}. */
    private static String standIn(LocalWorld world, String id) {
        return world.aws.ec2().describeSecurityGroups(b -> b.filters(f -> f.name("tag:" + SecurityGroupStandIns.TAG).values(id)))
                .securityGroups().get(0).groupId();
    }

    private static void assertStoppedUntouched(LocalWorld world, ExecutionResult result, List<String> problems) {
        assertThat(result.status()).isEqualTo("FAILED");
        assertOnlyTheStoppedPathRan(world);
        StoppedBeforeTouching.assertTheOldTargetIsUntouched();
        assertRecordedAndSent(world, problems);
    }

    private static void assertOnlyTheStoppedPathRan(LocalWorld world) {
        StoppedBeforeTouching.assertOnlyThePathRan(world, "preflight", STOPPED_PATH);
    }

    private static void assertRecordedAndSent(LocalWorld world, List<String> problems) {
        List<Map<String, AttributeValue>> rows = world.historyRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("status").s()).isEqualTo("FAILED");
        assertThat(rows.get(0).get("failedstep").s()).isEqualTo("preflight");
        assertThat(rows.get(0).get("error").s()).contains("PreflightFailedException").contains(problems);
        assertThat(world.account.notifications()).singleElement().asString().contains("Status: FAILED").contains(problems);
    }
}
