package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.refreshfile.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * An RDS instance refresh through the real state machine: a target with two read replicas
 * and tags of its own is recreated from production, for each restore type, and the
 * emulated world is checked afterwards.
 */
class RdsRefreshEndToEndIT {

    @Test
    void latestPoint_recreatesTargetWithItsNameTagsAndReplicas() {
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", null)) {
            ExecutionResult result = world.run("e2e-latestpoint");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            assertRefreshed(world, "latestpoint");
        }
    }

    @Test
    void restorePoint_recreatesTargetFromThePointInTime() {
        try (LocalWorld world = LocalWorld.seeded("rds-restorepoint.json", null)) {
            ExecutionResult result = world.run("e2e-restorepoint");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            assertRefreshed(world, "restorepoint");
            assertThat(world.historyRows().get(0).get("alignedto").s()).isEqualTo("2026-01-15T03:00:00Z");
        }
    }

    @Test
    void fromSnapshot_withNoneNamed_restoresTheNewestSnapshotOfTheSource() {
        try (LocalWorld world = LocalWorld.seeded("rds-fromsnapshot.json", null)) {
            ExecutionResult result = world.run("e2e-fromsnapshot");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            assertRefreshed(world, "fromsnapshot");
            // the emulated account holds mysqlinstp-daily-1 and the newer mysqlinstp-daily-2
            assertThat(world.historyRows().get(0).get("snapshot").s()).isEqualTo("mysqlinstp-daily-2");
        }
    }

    @Test
    void latestPoint_theNewCopyKeepsTheOldTargetsSettingsThatTheFileLeavesOut() throws Exception {
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(LocalWorld.fixture("rds-latestpoint.json"));
        // the file names no security group, parameter group or deletion protection: the old target's are the ones to keep
        ((ObjectNode) file.get("restore")).remove(List.of("secgrpids", "dbparamgrp", "deletionprotection"));
        // the old target is protected: its own delete must be allowed to lift that, and only that
        ((ObjectNode) file.get("delete")).put("liftdeletionprotection", true);
        RequestLog requests = new RequestLog();
        try (LocalWorld world = LocalWorld.seededWith(Json.MAPPER.writeValueAsString(file),
                new InterceptorChain(new PerformanceInsightsStandIn(), requests))) {
            RdsClient rds = world.aws.rds();
            String insightsKey = world.aws.kms().createKey(b -> b.description("app1 dev insights")).keyMetadata().arn();
            // a DBA configured the non-production database away from the defaults
            String vpc = rds.describeDBSubnetGroups(b -> b.dbSubnetGroupName("app1-dev-db-subnets")).dbSubnetGroups().get(0).vpcId();
            String securityGroup = world.aws.ec2().createSecurityGroup(b -> b.groupName("app1-dev-db").description("app1 dev database")
                    .vpcId(vpc)).groupId();
            rds.createDBParameterGroup(b -> b.dbParameterGroupName("app1-dev-params").dbParameterGroupFamily("mysql8.0")
                    .description("app1 dev"));
            rds.createOptionGroup(b -> b.optionGroupName("app1-dev-options").engineName("mysql").majorEngineVersion("8.0")
                    .optionGroupDescription("app1 dev"));
            String monitoringRole = "arn:aws:iam::123456789012:role/app1-dev-rds-monitoring";
            rds.modifyDBInstance(b -> b.dbInstanceIdentifier("mysqlinstd").applyImmediately(true).backupRetentionPeriod(21)
                    .preferredBackupWindow("01:00-01:30").preferredMaintenanceWindow("sat:05:00-sat:05:30")
                    .caCertificateIdentifier("rds-ca-ecc384-g1").optionGroupName("app1-dev-options").maxAllocatedStorage(500)
                    .publiclyAccessible(true).vpcSecurityGroupIds(securityGroup).dbParameterGroupName("app1-dev-params")
                    .deletionProtection(true).monitoringInterval(30).monitoringRoleArn(monitoringRole)
                    .enablePerformanceInsights(true).performanceInsightsRetentionPeriod(731).performanceInsightsKMSKeyId(insightsKey)
                    // the seeded target was created outside any subnet group; the file's is the old target's network
                    .dbSubnetGroupName("app1-dev-db-subnets"));

            ExecutionResult result = world.run("e2e-inherits");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            DBInstance target = describe(rds, "mysqlinstd");
            assertThat(target.allocatedStorage()).as("production's data").isEqualTo(200);
            assertThat(target.vpcSecurityGroups()).extracting(g -> g.vpcSecurityGroupId()).containsExactly(securityGroup);
            assertThat(target.dbParameterGroups()).extracting(g -> g.dbParameterGroupName()).containsExactly("app1-dev-params");
            assertThat(target.optionGroupMemberships()).extracting(g -> g.optionGroupName()).containsExactly("app1-dev-options");
            assertThat(target.backupRetentionPeriod()).isEqualTo(21);
            assertThat(target.preferredBackupWindow()).isEqualTo("01:00-01:30");
            assertThat(target.deletionProtection()).isTrue();
            assertThat(target.preferredMaintenanceWindow()).isEqualTo("sat:05:00-sat:05:30");
            assertThat(target.monitoringInterval()).isEqualTo(30);
            assertThat(target.monitoringRoleArn()).isEqualTo(monitoringRole);
            // moto keeps no Performance Insights: PerformanceInsightsStandIn reports what was asked, and the copy was asked
            assertThat(requests.sent(ModifyDbInstanceRequest.class)).filteredOn(m -> m.dbInstanceIdentifier().equals("mysqlinstdtemp"))
                    .filteredOn(m -> m.enablePerformanceInsights() != null).singleElement().satisfies(m -> {
                        assertThat(m.enablePerformanceInsights()).isTrue();
                        assertThat(m.performanceInsightsRetentionPeriod()).isEqualTo(731);
                        assertThat(m.performanceInsightsKMSKeyId()).isEqualTo(insightsKey);
                    });
            assertThat(target.performanceInsightsEnabled()).isTrue();
            assertThat(target.performanceInsightsRetentionPeriod()).isEqualTo(731);
            assertThat(target.caCertificateIdentifier()).isEqualTo("rds-ca-ecc384-g1");
            assertThat(target.maxAllocatedStorage()).isEqualTo(500);
            assertThat(target.publiclyAccessible()).as("restored private, given the old target's public access at the rename").isTrue();
            assertThat(rds.listTagsForResource(b -> b.resourceName(target.dbInstanceArn())).tagList())
                    .as("fix-tags removes the mark that carried it").extracting(t -> t.key())
                    .doesNotContain("dbrefresh:publicly-accessible");
            // what the file states still wins over the old target
            assertThat(target.dbInstanceClass()).isEqualTo("db.t3.large");
            assertThat(target.endpoint().port()).isEqualTo(3307);
        }
    }

    @Test
    void latestPoint_theReplicasTakeTheFilesSubnetGroupAndCopyTagsSetting() throws Exception {
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(LocalWorld.fixture("rds-latestpoint.json"));
        ((ObjectNode) file.get("restore")).put("copytagstosnap", false);
        ((ObjectNode) file.get("createreplicas")).put("subgrp", "app1-dev-replica-subnets").put("copytagstosnap", true);
        try (LocalWorld world = LocalWorld.seededWith(Json.MAPPER.writeValueAsString(file), null)) {
            ExecutionResult result = world.run("e2e-replica-settings");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            RdsClient rds = world.aws.rds();
            DBInstance target = describe(rds, "mysqlinstd");
            assertThat(target.dbSubnetGroup().dbSubnetGroupName()).isEqualTo("app1-dev-db-subnets");
            assertThat(target.copyTagsToSnapshot()).isFalse();
            assertThat(List.of(describe(rds, "mysqlinstd-r1"), describe(rds, "mysqlinstd-r2"))).allSatisfy(replica -> {
                assertThat(replica.dbSubnetGroup().dbSubnetGroupName()).as("/createreplicas/subgrp").isEqualTo("app1-dev-replica-subnets");
                assertThat(replica.copyTagsToSnapshot()).as("/createreplicas/copytagstosnap").isTrue();
                assertThat(replica.readReplicaSourceDBInstanceIdentifier()).endsWith("mysqlinstd");
            });
        }
    }

    private static void assertRefreshed(LocalWorld world, String restoreType) {
        RdsClient rds = world.aws.rds();
        DBInstance target = describe(rds, "mysqlinstd");
        assertThat(target.dbInstanceStatus()).isEqualTo("available");
        // the copy carries production's data: the source was seeded with 200 GiB, the old target with 50
        assertThat(target.allocatedStorage()).isEqualTo(200);
        // the file's restore options reached the new instance, typed
        assertThat(target.endpoint().port()).isEqualTo(3307);
        assertThat(target.multiAZ()).isTrue();
        assertThat(target.iamDatabaseAuthenticationEnabled()).isTrue();
        assertThat(target.dbInstanceClass()).isEqualTo("db.t3.large");
        assertThat(target.dbSubnetGroup().dbSubnetGroupName()).isEqualTo("app1-dev-db-subnets");
        assertThat(target.enabledCloudwatchLogsExports()).containsExactlyInAnyOrder("error", "slowquery");

        assertThatThrownBy(() -> describe(rds, "mysqlinstdtemp")).isInstanceOf(DbInstanceNotFoundException.class);

        Map<String, String> tags = target.tagList().stream().collect(Collectors.toMap(Tag::key, Tag::value));
        assertThat(tags).containsEntry("team", "payments-dev").containsEntry("cost-center", "cc-1042")
                .containsEntry("dbrefresh:source", "mysqlinstp").containsEntry("dbrefresh:restore-type", restoreType)
                .containsKey("dbrefresh:refreshed-at").containsKey("dbrefresh:execution");
        assertThat(tags).as("still managed: the next refresh may replace it").containsEntry("dbrefresh:managed", "true");
        assertThat(tags).as("production's tags stay in production").doesNotContainEntry("environment", "production");

        assertThat(target.readReplicaDBInstanceIdentifiers()).containsExactlyInAnyOrder("mysqlinstd-r1", "mysqlinstd-r2");
        assertThat(describe(rds, "mysqlinstd-r1").dbInstanceClass()).isEqualTo("db.t3.medium");
        assertThat(describe(rds, "mysqlinstd-r2").dbInstanceClass()).isEqualTo("db.t3.large");

        List<DBSnapshot> finals = rds.describeDBSnapshots(b -> b.snapshotType("manual"))
                .dbSnapshots();
        assertThat(finals).as("the old target's final snapshot").anySatisfy(s ->
                assertThat(s.dbSnapshotIdentifier()).startsWith("mysqlinstd-final-"));

        List<Map<String, AttributeValue>> rows = world.historyRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("status").s()).isEqualTo("SUCCEEDED");
        assertThat(rows.get(0).get("source").s()).isEqualTo("mysqlinstp");
        assertThat(rows.get(0).get("restoretype").s()).isEqualTo(restoreType);
        assertThat(rows.get(0)).containsKey("alignedto");
        // measured from the steps' own times; the file masks nothing, so production's data stays under the name
        assertThat(rows.get(0)).containsKey("downtimeseconds").doesNotContainKey("exposureseconds");
        assertThat(rows.get(0).get("exposure").s()).startsWith("no end");

        assertThat(world.account.notifications()).singleElement().asString()
                .contains("Status: SUCCEEDED").contains("mysqlinstd").contains("mysqlinstp")
                .contains("Downtime: ").contains("Exposure: no end");
    }

    static DBInstance describe(RdsClient rds, String id) {
        return rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().get(0);
    }
}
