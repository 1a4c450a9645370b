package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.refreshfile.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * An Aurora cluster refresh through the real state machine: a target cluster with a writer,
 * two readers and tags of its own is recreated from production for each restore type, and the
 * emulated world is checked afterwards: one cluster under the target's name, the writer and
 * the readers back with their names and classes, the old cluster's final snapshot, the tags.
 */
class AuroraRefreshEndToEndIT {

    @Test
    void latestPoint_recreatesClusterWithWriterReadersAndTags() {
        try (LocalWorld world = LocalWorld.seeded("aurora-latestpoint.json", new ClusterRenameRepair())) {
            ExecutionResult result = world.run("e2e-aurora-latestpoint");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            assertRefreshed(world, "aumysclud", "aumysinstd", "aumysclup", "latestpoint", "db.r6g.large");
            assertThat(describeCluster(world.aws.rds(), "aumysclud").port()).isEqualTo(3306);
        }
    }

    @Test
    void latestPoint_theNewClusterAndWriterKeepTheOldOnesSettingsThatTheFileLeavesOut() throws Exception {
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(LocalWorld.fixture("aurora-latestpoint.json"));
        // the file names no security group, cluster parameter group or deletion protection: the old cluster's are the ones to keep.
        // Nor a subnet group: the seeded cluster sits in moto's "default" one and ModifyDBCluster cannot move it, and a file
        // that names another subnet group names another VPC, where the old cluster's security groups do not exist
        ((ObjectNode) file.get("restore")).remove(List.of("secgrpids", "cluparamgrp", "deletionprotection", "subgrp"));
        // the old cluster is protected: its own delete must be allowed to lift that
        ((ObjectNode) file.get("deletecluster")).put("liftdeletionprotection", true);
        RequestLog requests = new RequestLog();
        try (LocalWorld world = LocalWorld.seededWith(Json.MAPPER.writeValueAsString(file),
                new InterceptorChain(new ClusterRenameRepair(), new PerformanceInsightsStandIn(), requests))) {
            RdsClient rds = world.aws.rds();
            String insightsKey = world.aws.kms().createKey(b -> b.description("app2 dev insights")).keyMetadata().arn();
            // a DBA configured the non-production cluster and its writer away from the defaults
            String securityGroup = world.aws.ec2().createSecurityGroup(b -> b.groupName("app2-dev-db").description("app2 dev database"))
                    .groupId();
            rds.createDBClusterParameterGroup(b -> b.dbClusterParameterGroupName("app2-dev-cluster-params")
                    .dbParameterGroupFamily("aurora-mysql8.0").description("app2 dev"));
            rds.createDBParameterGroup(b -> b.dbParameterGroupName("app2-old-writer-params").dbParameterGroupFamily("aurora-mysql8.0")
                    .description("app2 dev writer, before the file named one"));
            rds.modifyDBCluster(b -> b.dbClusterIdentifier("aumysclud").applyImmediately(true).backupRetentionPeriod(12)
                    .preferredBackupWindow("01:00-01:30").vpcSecurityGroupIds(securityGroup)
                    .dbClusterParameterGroupName("app2-dev-cluster-params").deletionProtection(true));
            String monitoringRole = "arn:aws:iam::123456789012:role/app2-dev-rds-monitoring";
            rds.modifyDBInstance(b -> b.dbInstanceIdentifier("aumysinstd").applyImmediately(true)
                    .caCertificateIdentifier("rds-ca-ecc384-g1").preferredMaintenanceWindow("sat:05:00-sat:05:30")
                    .dbParameterGroupName("app2-old-writer-params").monitoringInterval(30).monitoringRoleArn(monitoringRole)
                    .enablePerformanceInsights(true).performanceInsightsRetentionPeriod(731).performanceInsightsKMSKeyId(insightsKey));

            ExecutionResult result = world.run("e2e-aurora-inherits");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            DBCluster cluster = describeCluster(rds, "aumysclud");
            assertThat(cluster.vpcSecurityGroups()).extracting(g -> g.vpcSecurityGroupId()).containsExactly(securityGroup);
            assertThat(cluster.dbClusterParameterGroup()).isEqualTo("app2-dev-cluster-params");
            assertThat(cluster.backupRetentionPeriod()).isEqualTo(12);
            assertThat(cluster.preferredBackupWindow()).isEqualTo("01:00-01:30");
            assertThat(cluster.deletionProtection()).isTrue();
            DBInstance writer = rds.describeDBInstances(b -> b.dbInstanceIdentifier("aumysinstd")).dbInstances().get(0);
            assertThat(writer.caCertificateIdentifier()).isEqualTo("rds-ca-ecc384-g1");
            assertThat(writer.preferredMaintenanceWindow()).isEqualTo("sat:05:00-sat:05:30");
            // moto's CreateDBInstance drops enhanced monitoring: the request the writer was created with carries it
            assertThat(requests.sent(CreateDbInstanceRequest.class)).filteredOn(r -> r.dbInstanceIdentifier().equals("aumysinstdtemp"))
                    .singleElement().satisfies(create -> {
                        assertThat(create.monitoringInterval()).isEqualTo(30);
                        assertThat(create.monitoringRoleArn()).isEqualTo(monitoringRole);
                        // moto keeps no Performance Insights: PerformanceInsightsStandIn reported the old writer's
                        assertThat(create.enablePerformanceInsights()).isTrue();
                        assertThat(create.performanceInsightsRetentionPeriod()).isEqualTo(731);
                        assertThat(create.performanceInsightsKMSKeyId()).isEqualTo(insightsKey);
                    });
            assertThat(writer.performanceInsightsEnabled()).isTrue();
            // the file's writer class and parameter group still win over the old writer's
            assertThat(writer.dbInstanceClass()).isEqualTo("db.r6g.large");
            assertThat(writer.dbParameterGroups()).extracting(g -> g.dbParameterGroupName())
                    .containsExactly("app2-aurora-mysql80-instance");
        }
    }

    @Test
    void latestPoint_theWriterAndReadersTakeTheFilesCopyTagsSetting_andTheReadersItsSubnetGroup() throws Exception {
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(LocalWorld.fixture("aurora-latestpoint.json"));
        ((ObjectNode) file.get("createinstance")).put("copytagstosnap", true);
        ((ObjectNode) file.get("createreplicas")).put("subgrp", "app2-dev-db-subnets").put("copytagstosnap", true);
        try (LocalWorld world = LocalWorld.seededWith(Json.MAPPER.writeValueAsString(file), new ClusterRenameRepair())) {
            ExecutionResult result = world.run("e2e-aurora-instance-settings");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            RdsClient rds = world.aws.rds();
            assertThat(describeInstance(rds, "aumysinstd").copyTagsToSnapshot()).as("/createinstance/copytagstosnap").isTrue();
            assertThat(List.of(describeInstance(rds, "aumysinstd-r1"), describeInstance(rds, "aumysinstd-r2"))).allSatisfy(reader -> {
                assertThat(reader.copyTagsToSnapshot()).as("/createreplicas/copytagstosnap").isTrue();
                assertThat(reader.dbSubnetGroup().dbSubnetGroupName()).as("/createreplicas/subgrp").isEqualTo("app2-dev-db-subnets");
            });
        }
    }

    @Test
    void restorePoint_restoresTheSourceAsOfTheFilesTime_withWriterReadersAndTags_andRecordsThatTime() {
        // inside the source's restorable window: the emulated source was created moments ago
        Instant restoreTime = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        String file = LocalWorld.fixture("aurora-latestpoint.json").replaceFirst("\"restoretype\": \"latestpoint\",",
                "\"restoretype\": \"restorepoint\", \"restoretime\": \"" + restoreTime + "\",");
        assertThat(file).as("the fixture became a restorepoint file").contains("\"restorepoint\"");
        try (LocalWorld world = LocalWorld.seededWith(file, new ClusterRenameRepair())) {
            ExecutionResult result = world.run("e2e-aurora-restorepoint");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            assertRefreshed(world, "aumysclud", "aumysinstd", "aumysclup", "restorepoint", "db.r6g.large");
            assertThat(world.historyRows().get(0).get("alignedto").s()).as("the data is the source's as of the file's time")
                    .isEqualTo(restoreTime.toString());
        }
    }

    @Test
    void fromSnapshot_withNoneNamed_restoresTheNewestClusterSnapshotByCreationTime() {
        try (LocalWorld world = LocalWorld.seeded("aurora-fromsnapshot.json", new ClusterRenameRepair())) {
            ExecutionResult result = world.run("e2e-aurora-fromsnapshot");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            assertRefreshed(world, "aumysclutr", "aumysinsttr", "aumysclup", "fromsnapshot", "db.t4g.medium");
            // the emulated account holds aumysclup-daily-1 and, created after it, aumysclup-daily-2
            assertThat(world.historyRows().get(0).get("snapshot").s()).isEqualTo("aumysclup-daily-2");
        }
    }

    @Test
    void fastCloning_clonesTheSourceIntoTheTargetsPlace() {
        try (LocalWorld world = LocalWorld.seeded("aurora-fastcloning.json", new ClusterRenameRepair())) {
            ExecutionResult result = world.run("e2e-aurora-fastcloning");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            assertRefreshed(world, "auposclud", "auposinstd", "auposclup", "fastcloning", "db.t4g.medium");
            DBCluster cluster = describeCluster(world.aws.rds(), "auposclud");
            assertThat(cluster.engine()).isEqualTo("aurora-postgresql");
            assertThat(cluster.port()).isEqualTo(5433);
            assertThat(cluster.iamDatabaseAuthenticationEnabled()).isTrue();
        }
    }

    @Test
    void serverlessV2Target_keepsItsCapacityRangeAndServerlessInstances() {
        try (LocalWorld world = LocalWorld.seeded("aurora-serverless.json", new ClusterRenameRepair())) {
            ExecutionResult result = world.run("e2e-aurora-serverless");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            assertRefreshed(world, "auposclud", "auposinstd", "auposclup", "fastcloning", "db.serverless");
            DBCluster cluster = describeCluster(world.aws.rds(), "auposclud");
            // the seeded target ran 0.5-8 ACU; the source has no Serverless v2 configuration at all
            assertThat(cluster.serverlessV2ScalingConfiguration()).isNotNull();
            assertThat(cluster.serverlessV2ScalingConfiguration().minCapacity()).isEqualTo(0.5);
            assertThat(cluster.serverlessV2ScalingConfiguration().maxCapacity()).isEqualTo(8.0);
        }
    }

    @Test
    void writerThatFailsToCreate_failsAtOnceAndRecoveryRemovesTheTempClusterKeepingTheOld() {
        StatusSequence statuses = new StatusSequence("auposinstdtemp", true, "incompatible-parameters");
        try (LocalWorld world = LocalWorld.seeded("aurora-fastcloning.json", statuses)) {
            ExecutionResult result = world.run("e2e-aurora-incompatible-writer");

            assertThat(result.status()).isEqualTo("FAILED");
            // a terminal status is not polled again, and nothing of the old cluster is touched
            assertThat(world.count("StateExited", "create-instance: check")).isEqualTo(1);
            assertThat(world.count("StateEntered", "delete-old-database")).isZero();
            List<Map<String, AttributeValue>> rows = world.historyRows();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("status").s()).isEqualTo("FAILED");
            assertThat(rows.get(0).get("failedstep").s()).isEqualTo("create-instance");
            assertThat(rows.get(0).get("error").s()).contains("incompatible-parameters");

            RdsClient rds = world.aws.rds();
            assertThat(describeCluster(rds, "auposclud").status()).isEqualTo("available");
            assertThat(describeInstance(rds, "auposinstd").dbInstanceStatus()).isEqualTo("available");
            assertThatNoInstance(rds, "auposinstdtemp");
            assertThatNoCluster(rds, "auposcludtemp");
        }
    }

    private static void assertRefreshed(LocalWorld world, String clusterId, String writerId, String source, String restoreType,
                                        String writerClass) {
        RdsClient rds = world.aws.rds();
        DBCluster cluster = describeCluster(rds, clusterId);
        assertThat(cluster.status()).isEqualTo("available");
        Map<String, String> tags = cluster.tagList().stream().collect(Collectors.toMap(Tag::key, Tag::value));
        assertThat(tags).containsEntry("team", "payments-dev").containsEntry("cost-center", "cc-1042")
                .containsEntry("dbrefresh:source", source).containsEntry("dbrefresh:restore-type", restoreType)
                .containsKey("dbrefresh:execution").containsKey("dbrefresh:refreshed-at");
        assertThat(tags).as("still managed: the next refresh may replace it").containsEntry("dbrefresh:managed", "true");
        assertThat(tags).as("production's tags stay in production").doesNotContainEntry("environment", "production");

        assertThatNoCluster(rds, clusterId + "temp");

        DBInstance writer = describeInstance(rds, writerId);
        assertThat(writer.dbInstanceClass()).isEqualTo(writerClass);
        Map<String, String> writerTags = writer.tagList().stream().collect(Collectors.toMap(Tag::key, Tag::value));
        assertThat(writerTags).containsEntry("team", "payments-dev").containsEntry("dbrefresh:source", source)
                .containsEntry("dbrefresh:managed", "true");
        assertThatNoInstance(rds, writerId + "temp");

        List<DBClusterMember> members = cluster.dbClusterMembers();
        assertThat(members).filteredOn(DBClusterMember::isClusterWriter).extracting(DBClusterMember::dbInstanceIdentifier)
                .containsExactly(writerId);
        assertThat(members).extracting(DBClusterMember::dbInstanceIdentifier)
                .containsExactlyInAnyOrder(writerId, writerId + "-r1", writerId + "-r2");
        // the seeded readers: -r1 with the writer's class, -r2 one size up
        assertThat(describeInstance(rds, writerId + "-r1").dbInstanceClass()).isEqualTo(writerClass);
        assertThat(describeInstance(rds, writerId + "-r2").dbInstanceClass()).isEqualTo("db.r6g.xlarge");

        List<DBClusterSnapshot> finals = rds.describeDBClusterSnapshots(b -> b.snapshotType("manual")).dbClusterSnapshots();
        assertThat(finals).as("the old cluster's final snapshot").anySatisfy(s ->
                assertThat(s.dbClusterSnapshotIdentifier()).startsWith(clusterId + "-final-"));

        List<Map<String, AttributeValue>> rows = world.historyRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("status").s()).isEqualTo("SUCCEEDED");
        assertThat(rows.get(0).get("restoretype").s()).isEqualTo(restoreType);
        assertThat(world.account.notifications()).singleElement().asString()
                .contains("Status: SUCCEEDED").contains(clusterId).contains(source);
    }

    private static void assertThatNoCluster(RdsClient rds, String id) {
        try {
            rds.describeDBClusters(b -> b.dbClusterIdentifier(id));
            throw new AssertionError("DB cluster " + id + " still exists");
        } catch (DbClusterNotFoundException expected) {
            // renamed away, as it should be
        }
    }

    private static void assertThatNoInstance(RdsClient rds, String id) {
        try {
            rds.describeDBInstances(b -> b.dbInstanceIdentifier(id));
            throw new AssertionError("DB instance " + id + " still exists");
        } catch (DbInstanceNotFoundException expected) {
            // gone, as it should be
        }
    }

    static DBCluster describeCluster(RdsClient rds, String id) {
        try {
            return rds.describeDBClusters(b -> b.dbClusterIdentifier(id)).dbClusters().get(0);
        } catch (DbClusterNotFoundException e) {
            throw new AssertionError("DB cluster " + id + " not found", e);
        }
    }

    static DBInstance describeInstance(RdsClient rds, String id) {
        return rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().get(0);
    }
}
