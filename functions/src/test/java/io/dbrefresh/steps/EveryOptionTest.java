package io.dbrefresh.steps;

import static io.dbrefresh.rds.RdsStubs.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.rds.RdsStubs;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFileSchema;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RefreshPlan;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.Endpoint;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.SendRawEmailRequest;
import software.amazon.awssdk.services.ses.model.SendRawEmailResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * Every option of the refresh-file JSON Schema is honoured. The leaves are walked from the schema
 * itself, so an option added to it without a row here fails {@link #everyOptionOfTheSchema_hasARow}
 * by its JSON path. A row is one of two kinds:
 *
 * <ul>
 * <li>{@link Carried}: a minimal refresh file with the option set goes through the real reader,
 *     plan and step handler, over mocked SDK clients; the request the step sends is
 *     captured and the row's field must hold the file's value. Each value differs from what the
 *     request has without the option, so a dropped option fails its row.</li>
 * <li>{@link Handled}: the option reaches none of these steps' requests (a name checked against the
 *     restore block, a setting of the state machine, the source account's role, a script's), with why, and
 *     the test class that proves it; that class must exist.</li>
 * </ul>
 *
 * The seed's aliases ({@code changeadminpwd}, {@code rotateadminpwd}) are read by the same code
 * as their blocks: their options take their block's row.
 */
class EveryOptionTest extends StepHandlerFixture {

    private static final Instant LATEST = Instant.parse("2024-05-01T10:15:00Z");
    private static final Map<String, String> ALIASES = Map.of("changeadminpwd", "changemasterpwd", "rotateadminpwd", "rotatemasterpwd");
    private static final List<String> TEST_ROOTS = List.of("functions/src/test/java", "cli/src/test/java", "infra/src/test/java", "src/test/java");
    private static final Path HOME = Path.of(System.getProperty("dbrefresh.home", "../"));

    /** The step whose request carries an option, over a minimal file of its service. */
    enum Probe {
        RESTORE(false), CLUSTER_RESTORE(true), WRITER(true), REPLICAS(false), READERS(true), DELETE(false), DELETE_CLUSTER(true),
        PASSWORD(false), ROTATION(false), HISTORY(false), MESSAGE(false);

        final boolean aurora;

        Probe(boolean aurora) {
            this.aurora = aurora;
        }
    }

    /**
     * @param also     other values the option needs to be valid (pointer to value), such as the restore type
     * @param request  the request's class name in the AWS SDK
     * @param field    the request's member, as AWS names it
     * @param view     what of the member is compared (the member itself, or its length for a generated password)
     */
    record Carried(String path, Object value, Map<String, Object> also, Probe probe, String request, String field,
                   Function<Object, Object> view, Object expected) {
        @Override
        public String toString() {
            return path + " -> " + request.replace("Request", "") + "." + field;
        }
    }

    record Handled(String why, String provenBy) {
    }

    private static Carried row(String path, Object value, Probe probe, String request, String field, Object expected) {
        return new Carried(path, value, Map.of(), probe, request, field, v -> v, expected);
    }

    private static Carried row(String path, Object value, Map<String, Object> also, Probe probe, String request, String field,
                               Object expected) {
        return new Carried(path, value, also, probe, request, field, v -> v, expected);
    }

    private static Carried length(String path, Object value, Map<String, Object> also, Probe probe, String request, String field,
                                  int expected) {
        return new Carried(path, value, also, probe, request, field, v -> v == null ? null : v.toString().length(), expected);
    }

    private static final String PITR = "RestoreDbInstanceToPointInTimeRequest";
    private static final String FROM_SNAPSHOT = "RestoreDbInstanceFromDbSnapshotRequest";
    private static final String CLUSTER_PITR = "RestoreDbClusterToPointInTimeRequest";
    private static final String CLUSTER_FROM_SNAPSHOT = "RestoreDbClusterFromSnapshotRequest";
    private static final String CREATE = "CreateDbInstanceRequest";
    private static final String REPLICA = "CreateDbInstanceReadReplicaRequest";
    private static final String MODIFY = "ModifyDbInstanceRequest";
    private static final String LEGACY_PASSWORD = "Legacy-Passw0rd-1";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:qa-refreshes";
    private static final Map<String, Object> EMAIL = Map.of("/sendmsg/email/from", "dbrefresh@example.com", "/sendmsg/email/to", "dba@example.com");
    private static final Map<String, Object> SNAPSHOT = Map.of("/restore/restoretype", "fromsnapshot", "/restore/snapshot", "prod-snap-1");
    private static final Map<String, Object> INSIGHTS = Map.of("/createinstance/perfinsights", true);
    private static final Map<String, Object> MONITORING = Map.of("/createinstance/enhancedmon", true,
            "/createinstance/rolearn", "arn:aws:iam::123456789012:role/rds-monitoring");

    /** Options a request carries: the file's value, the request, the field. */
    static final List<Carried> CARRIED = Stream.of(List.of(
            row("/restore/source", "prod", Probe.RESTORE, PITR, "SourceDBInstanceIdentifier", "prod"),
            row("/restore/target", "qa", Probe.RESTORE, PITR, "TargetDBInstanceIdentifier", "qatemp"),
            row("/restore/restoretype", "latestpoint", Probe.RESTORE, PITR, "UseLatestRestorableTime", true),
            row("/restore/restoretime", "2024-05-01T09:00:00Z", Map.of("/restore/restoretype", "restorepoint"), Probe.RESTORE, PITR,
                    "RestoreTime", Instant.parse("2024-05-01T09:00:00Z")),
            row("/restore/snapshot", "prod-snap-1", Map.of("/restore/restoretype", "fromsnapshot"), Probe.RESTORE, FROM_SNAPSHOT,
                    "DBSnapshotIdentifier", "prod-snap-1"),
            row("/restore/kmskeyid", "alias/qa-copies", SNAPSHOT, Probe.RESTORE, "CopyDbSnapshotRequest", "KmsKeyId", "alias/qa-copies")),
            restoreOptionsOfBoth(Probe.RESTORE, PITR, "error,slowquery"),
            List.of(
            row("/restore/multiaz", true, Probe.RESTORE, PITR, "MultiAZ", true),
            row("/restore/storagetype", "io1", Map.of("/restore/iops", 3000), Probe.RESTORE, PITR, "StorageType", "io1"),
            row("/restore/iops", 3000, Map.of("/restore/storagetype", "io1"), Probe.RESTORE, PITR, "Iops", 3000),
            row("/restore/dbclass", "db.t3.large", Probe.RESTORE, PITR, "DBInstanceClass", "db.t3.large"),
            row("/restore/autominor", false, Probe.RESTORE, PITR, "AutoMinorVersionUpgrade", false),
            row("/restore/dbparamgrp", "qa-mysql80", Probe.RESTORE, PITR, "DBParameterGroupName", "qa-mysql80"),
            row("/restore/dbname", "qadb", Probe.RESTORE, PITR, "DBName", "qadb"),
            row("/restore/optgrp", "qa-options", Probe.RESTORE, PITR, "OptionGroupName", "qa-options"),
            row("/restore/licensemodel", "license-included", Map.of("/restore/engine", "sqlserver-se"), Probe.RESTORE, PITR,
                    "LicenseModel", "license-included"),

            row("/restore/sourcecluster", "prodclu", Probe.CLUSTER_RESTORE, CLUSTER_PITR, "SourceDBClusterIdentifier", "prodclu"),
            row("/restore/targetcluster", "qaclu", Probe.CLUSTER_RESTORE, CLUSTER_PITR, "DBClusterIdentifier", "qaclutemp"),
            row("/restore/restoretime", "2024-05-01T09:00:00Z", Map.of("/restore/restoretype", "restorepoint"), Probe.CLUSTER_RESTORE,
                    CLUSTER_PITR, "RestoreToTime", Instant.parse("2024-05-01T09:00:00Z")),
            row("/restore/snapshot", "prod-snap-1", Map.of("/restore/restoretype", "fromsnapshot", "/restore/engine", "aurora-mysql"),
                    Probe.CLUSTER_RESTORE,
                    CLUSTER_FROM_SNAPSHOT, "SnapshotIdentifier", "prod-snap-1"),
            row("/restore/restoretype", "fastcloning", Probe.CLUSTER_RESTORE, CLUSTER_PITR, "RestoreType", "copy-on-write"),
            row("/restore/kmskeyid", "alias/qa-clusters", Probe.CLUSTER_RESTORE, CLUSTER_PITR, "KmsKeyId", "alias/qa-clusters")),
            restoreOptionsOfBoth(Probe.CLUSTER_RESTORE, CLUSTER_PITR, "audit,error"),
            List.of(
            row("/restore/cluparamgrp", "qa-cluster-params", Probe.CLUSTER_RESTORE, CLUSTER_PITR, "DBClusterParameterGroupName",
                    "qa-cluster-params"),
            row("/restore/backtrack", 3600, Map.of("/restore/engine", "aurora-mysql"), Probe.CLUSTER_RESTORE, CLUSTER_PITR,
                    "BacktrackWindow", 3600L),
            row("/restore/engine", "aurora-mysql", Map.of("/restore/restoretype", "fromsnapshot"), Probe.CLUSTER_RESTORE,
                    CLUSTER_FROM_SNAPSHOT, "Engine", "aurora-mysql"),
            row("/restore/engineversion", "8.0.mysql_aurora.3.05.2", Map.of("/restore/restoretype", "fromsnapshot",
                    "/restore/engine", "aurora-mysql"), Probe.CLUSTER_RESTORE, CLUSTER_FROM_SNAPSHOT, "EngineVersion", "8.0.mysql_aurora.3.05.2"),

            row("/createinstance/dbinstance", "qawriter", Probe.WRITER, CREATE, "DBInstanceIdentifier", "qawritertemp"),
            row("/createinstance/dbclass", "db.r6g.xlarge", Probe.WRITER, CREATE, "DBInstanceClass", "db.r6g.xlarge"),
            row("/createinstance/engine", "aurora-postgresql", Probe.WRITER, CREATE, "Engine", "aurora-postgresql"),
            row("/createinstance/subgrp", "qa-subnets", Probe.WRITER, CREATE, "DBSubnetGroupName", "qa-subnets"),
            row("/createinstance/dbparamgrp", "qa-writer-params", Probe.WRITER, CREATE, "DBParameterGroupName", "qa-writer-params"),
            row("/createinstance/autominor", false, Probe.WRITER, CREATE, "AutoMinorVersionUpgrade", false),
            row("/createinstance/copytagstosnap", true, Probe.WRITER, CREATE, "CopyTagsToSnapshot", true),
            row("/createinstance/perfinsights", true, Probe.WRITER, CREATE, "EnablePerformanceInsights", true),
            row("/createinstance/retention", 93, INSIGHTS, Probe.WRITER, CREATE, "PerformanceInsightsRetentionPeriod", 93),
            row("/createinstance/kmskeyid", "alias/qa-insights", INSIGHTS, Probe.WRITER, CREATE, "PerformanceInsightsKMSKeyId",
                    "alias/qa-insights"),
            row("/createinstance/enhancedmon", true, Map.of("/createinstance/rolearn", "arn:aws:iam::123456789012:role/rds-monitoring"),
                    Probe.WRITER, CREATE, "MonitoringInterval", 60),
            row("/createinstance/interval", 15, MONITORING, Probe.WRITER, CREATE, "MonitoringInterval", 15),
            row("/createinstance/rolearn", "arn:aws:iam::123456789012:role/rds-monitoring", Map.of("/createinstance/enhancedmon", true),
                    Probe.WRITER, CREATE, "MonitoringRoleArn", "arn:aws:iam::123456789012:role/rds-monitoring"),

            row("/createreplicas/replicas", "qa-r9_db.t3.small", Probe.REPLICAS, REPLICA, "DBInstanceIdentifier", "qa-r9"),
            row("/createreplicas/replicas", "qa-r9_db.t3.small", Probe.REPLICAS, REPLICA, "DBInstanceClass", "db.t3.small"),
            row("/createreplicas/subgrp", "qa-replica-subnets", Probe.REPLICAS, REPLICA, "DBSubnetGroupName", "qa-replica-subnets"),
            row("/createreplicas/dbparamgrp", "qa-replica-params", Probe.REPLICAS, REPLICA, "DBParameterGroupName", "qa-replica-params"),
            row("/createreplicas/autominor", false, Probe.REPLICAS, REPLICA, "AutoMinorVersionUpgrade", false),
            row("/createreplicas/copytagstosnap", true, Probe.REPLICAS, REPLICA, "CopyTagsToSnapshot", true),
            row("/createreplicas/replicamode", "mounted", Map.of("/restore/engine", "oracle-ee"), Probe.REPLICAS, REPLICA,
                    "ReplicaMode", "mounted"),
            row("/createreplicas/replicas", "qawriter-r9_db.r6g.large", Probe.READERS, CREATE, "DBInstanceIdentifier", "qawriter-r9"),
            row("/createreplicas/engine", "aurora-mysql", Probe.READERS, CREATE, "Engine", "aurora-mysql"),
            row("/createreplicas/subgrp", "qa-subnets", Probe.READERS, CREATE, "DBSubnetGroupName", "qa-subnets"),
            row("/createreplicas/dbparamgrp", "qa-reader-params", Probe.READERS, CREATE, "DBParameterGroupName", "qa-reader-params"),
            row("/createreplicas/autominor", false, Probe.READERS, CREATE, "AutoMinorVersionUpgrade", false),
            row("/createreplicas/copytagstosnap", true, Probe.READERS, CREATE, "CopyTagsToSnapshot", true),

            row("/delete/finalsnapshot", false, Map.of("/delete/liftdeletionprotection", true), Probe.DELETE, "DeleteDbInstanceRequest", "SkipFinalSnapshot", true),
            row("/delete/liftdeletionprotection", true, Probe.DELETE, "ModifyDbInstanceRequest", "DeletionProtection", false),
            row("/deletecluster/finalsnapshot", false, Map.of("/deletecluster/liftdeletionprotection", true), Probe.DELETE_CLUSTER, "DeleteDbClusterRequest", "SkipFinalSnapshot", true),
            row("/deletecluster/liftdeletionprotection", true, Probe.DELETE_CLUSTER, "ModifyDbClusterRequest", "DeletionProtection", false),

            row("/changemasterpwd/managed", true, Probe.PASSWORD, MODIFY, "ManageMasterUserPassword", true),
            row("/changemasterpwd/kmskeyid", "alias/qa-secrets", Map.of("/changemasterpwd/managed", true), Probe.PASSWORD, MODIFY,
                    "MasterUserSecretKmsKeyId", "alias/qa-secrets"),
            length("/changemasterpwd/pwdlength", 20, Map.of("/changemasterpwd/secretname", "dbrefresh/qa-admin"), Probe.PASSWORD, MODIFY,
                    "MasterUserPassword", 20),
            row("/changemasterpwd/secretname", "dbrefresh/qa-admin", Probe.PASSWORD, "CreateSecretRequest", "Name", "dbrefresh/qa-admin"),
            row("/changemasterpwd/temppwd", LEGACY_PASSWORD, Probe.PASSWORD, MODIFY, "MasterUserPassword", LEGACY_PASSWORD),
            row("/changemasterpwd/secret", true, Map.of("/changemasterpwd/temppwd", LEGACY_PASSWORD,
                    "/changemasterpwd/secretname", "dbrefresh/qa-admin"), Probe.PASSWORD, "CreateSecretRequest", "Name", "dbrefresh/qa-admin"),

            row("/rotatemasterpwd/secretname", "dbrefresh/qa-rotated", Probe.ROTATION, "RotateSecretRequest", "SecretId", "dbrefresh/qa-rotated"),
            row("/updatedynamodb/tablename", "qa-history", Probe.HISTORY, "PutItemRequest", "TableName", "qa-history"),
            row("/sendmsg/topicarn", TOPIC, Probe.MESSAGE, "PublishRequest", "TopicArn", TOPIC),
            row("/sendmsg/email/from", "dbrefresh@example.com", Map.of("/sendmsg/email/to", "dba@example.com"), Probe.MESSAGE,
                    "SendRawEmailRequest", "Source", "dbrefresh@example.com"),
            row("/sendmsg/email/to", List.of("dba@example.com", "qa@example.com"), Map.of("/sendmsg/email/from", "dbrefresh@example.com"),
                    Probe.MESSAGE, "SendRawEmailRequest", "Destinations", List.of("dba@example.com", "qa@example.com")),
            row("/sendmsg/email/cc", "qa-lead@example.com", EMAIL, Probe.MESSAGE, "SendRawEmailRequest", "Destinations",
                    List.of("dba@example.com", "qa-lead@example.com")),
            row("/sendmsg/email/configurationset", "dba-events", EMAIL, Probe.MESSAGE, "SendRawEmailRequest", "ConfigurationSetName",
                    "dba-events"))).flatMap(List::stream).toList();

    /** The options an instance's point-in-time restore and a cluster's carry alike, under the same member names. */
    private static List<Carried> restoreOptionsOfBoth(Probe probe, String request, String logExports) {
        return List.of(
                row("/restore/port", 3307, probe, request, "Port", 3307),
                row("/restore/subgrp", "qa-subnets", probe, request, "DBSubnetGroupName", "qa-subnets"),
                row("/restore/iamdbauth", true, probe, request, "EnableIAMDatabaseAuthentication", true),
                row("/restore/cwalogs", logExports, probe, request, "EnableCloudwatchLogsExports", List.of(logExports.split(","))),
                row("/restore/copytagstosnap", true, probe, request, "CopyTagsToSnapshot", true),
                row("/restore/deletionprotection", true, probe, request, "DeletionProtection", true),
                row("/restore/secgrpids", "sg-0a1b2c3d4e5f67890", probe, request, "VpcSecurityGroupIds", List.of("sg-0a1b2c3d4e5f67890")));
    }

    private static final String CHECKED = "a name the restore block already gives, checked to agree with it, never sent";
    private static final String AGREES = "repeats the restore block's, checked to agree; recorded in the history row and the message";

    /** Options none of the probed requests carries: why, and the test class that proves what they do. */
    static final Map<String, Handled> HANDLED = handled();

    private static Map<String, Handled> handled() {
        Map<String, Handled> h = new LinkedHashMap<>();
        h.put("/$schema", new Handled("where editors find the schema; ignored", "RefreshFileSchemaTest"));
        h.put("/comment", new Handled("free text for people; not copied into the plan", "RefreshFileValuesTest"));
        h.put("/schedule", new Handled("the CDK app's EventBridge schedule that starts the refresh", "RefreshSchedulesTest"));
        h.put("/restore/encrypted", new Handled("says the source is encrypted: an ARN restore then needs kmskeyid", "RefreshFileRulesTest"));
        h.put("/restore/sourceaccount/accountid", new Handled("share-source's STS AssumeRole, in the source account", "CrossAccountStepsIT"));
        h.put("/restore/sourceaccount/rolearn", new Handled("share-source's STS AssumeRole RoleArn", "CrossAccountStepsIT"));
        h.put("/restore/application", new Handled("recorded in the history row, the tags' message and the SNS attributes", "RefreshNotifierIT"));
        h.put("/restore/environment", new Handled("recorded likewise; a production environment refuses finalsnapshot false", "RefreshFileRulesTest"));
        h.put("/restore/keeptemponfailure", new Handled("recovery keeps the copy instead of deleting it", "KeepTempOnFailureTest"));
        h.put("/createinstance/cluster", new Handled(CHECKED, "RefreshFileRulesTest"));
        h.put("/createinstance/application", new Handled(AGREES, "RefreshFileRulesTest"));
        h.put("/createinstance/environment", new Handled(AGREES, "RefreshFileRulesTest"));
        h.put("/delete/graceperiod", new Handled("the old target is renamed away (ModifyDBInstance NewDBInstanceIdentifier) and tagged",
                "GracePeriodEndToEndIT"));
        h.put("/deletecluster/graceperiod", new Handled("the old cluster is renamed away with its instances and tagged",
                "AuroraGracePeriodEndToEndIT"));
        h.put("/delete/snapshotretention/keep", new Handled("recorded on the old target before its delete (dbrefresh:snapshot-retention,"
                + " copied to its final snapshot); fix-tags deletes (DeleteDBSnapshot) the final snapshots beyond it", "SnapshotHousekeepingIT"));
        h.put("/delete/snapshotretention/days", new Handled("likewise, by the final snapshots' age", "SnapshotRetentionSelectionTest"));
        h.put("/deletecluster/snapshotretention/keep", new Handled("likewise for final cluster snapshots (DeleteDBClusterSnapshot)",
                "SnapshotHousekeepingIT"));
        h.put("/deletecluster/snapshotretention/days", new Handled("likewise, by age", "SnapshotRetentionSelectionTest"));
        h.put("/createreplicas/application", new Handled(AGREES, "RefreshFileRulesTest"));
        h.put("/createreplicas/environment", new Handled(AGREES, "RefreshFileRulesTest"));
        h.put("/rotatemasterpwd/check/temppwd", new Handled("legacy: must be changemasterpwd's; a warning", "RefreshFileRulesTest"));
        h.put("/runscripts/engine", new Handled("the SQL dialect the scripts are split in", "ScriptRunIT"));
        h.put("/runscripts/access", new Handled("which credentials the runner logs in with", "ScriptRunIT"));
        h.put("/runscripts/secretname", new Handled("Secrets Manager GetSecretValue SecretId of the login", "ScriptRunIT"));
        h.put("/runscripts/temppwd", new Handled("legacy: the runner's login password", "ScriptRunIT"));
        h.put("/runscripts/method", new Handled("the runner function, or SSM SendCommand on an EC2 instance", "SsmScriptRunIT"));
        h.put("/runscripts/bucketname", new Handled("S3 GetObject Bucket of each script", "ScriptRunIT"));
        h.put("/runscripts/prefix", new Handled("S3 GetObject Key's folder of each script", "ScriptRunIT"));
        h.put("/runscripts/keys", new Handled("S3 GetObject Key of each script, in order", "ScriptRunIT"));
        h.put("/runscripts/continueonerror", new Handled("the runner goes on after a failed statement", "ScriptRunIT"));
        h.put("/runscripts/singletransaction", new Handled("the runner wraps each script in one transaction", "ScriptRunIT"));
        h.put("/runscripts/ec2instanceid", new Handled("SSM SendCommand InstanceIds", "SsmScriptRunIT"));
        h.put("/runscripts/ec2instancetag", new Handled("SSM DescribeInstanceInformation's tag filter that finds the instance",
                "SsmScriptRunnerTest"));
        return h;
    }

    /**
     * The keys every step block shares, and the ids the original repeated in most blocks; a key
     * of this name in a block not listed in {@link #HANDLED} or {@link #CARRIED} takes this row.
     */
    private static Handled common(String block, String key, boolean inCheck) {
        if (inCheck) {
            return new Handled("the original's check block: dbrefresh derives every check, these are checked to agree", "RefreshFileRulesTest");
        }
        return switch (key) {
            case "torun" -> new Handled("whether the state machine runs the step", "RefreshPlanTest");
            case "wait_time", "timeout" -> new Handled("the state machine's Wait and poll bound for the step", "RefreshPlanTest");
            case "dbservice" -> new Handled("picks the rds or aurora variant of every step", "RefreshPlanTest");
            case "dbinstance", "cluster", "dbarn", "cluarn" -> block.equals("restore") || block.equals("createinstance") ? null
                    : new Handled(CHECKED, "RefreshFileRulesTest");
            case "source", "restoretype", "application", "environment" -> block.equals("restore") ? null
                    : new Handled(AGREES, "RefreshFileRulesTest");
            case "engine" -> block.equals("restore") || block.equals("createreplicas")
                    ? new Handled("rds: the restore keeps the source's engine; the file's engine decides the engine rules", "EngineRulesTest")
                    : null;
            default -> null;
        };
    }

    // ---- the schema's leaves

    static List<String> schemaLeaves() {
        JsonNode schema = RefreshFileSchema.get().document();
        List<String> leaves = new ArrayList<>();
        walk(schema, schema, "", leaves);
        return leaves;
    }

    private static void walk(JsonNode schema, JsonNode node, String path, List<String> leaves) {
        JsonNode resolved = resolve(schema, node);
        JsonNode properties = resolved.path("properties");
        if (!properties.isObject() || properties.isEmpty()) {
            leaves.add(path);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            walk(schema, e.getValue(), path + "/" + e.getKey(), leaves);
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode node) {
        JsonNode n = node;
        while (n.has("$ref")) {
            n = schema.at(n.get("$ref").asText().substring(1));
        }
        return n;
    }

    /** The row an option takes: its own, its block's (for an alias), or the common keys'. */
    private static Object rowOf(String leaf) {
        String[] parts = leaf.substring(1).split("/");
        String block = ALIASES.getOrDefault(parts[0], parts[0]);
        String canonical = "/" + block + leaf.substring(1 + parts[0].length());
        List<Carried> carried = CARRIED.stream().filter(c -> c.path().equals(canonical)).toList();
        if (!carried.isEmpty()) {
            return carried;
        }
        if (HANDLED.containsKey(canonical)) {
            return HANDLED.get(canonical);
        }
        if (parts.length < 2) {
            return null;
        }
        boolean inCheck = parts.length == 3 && parts[1].equals("check");
        return common(block, parts[parts.length - 1], inCheck);
    }

    @Test
    void everyOptionOfTheSchema_hasARow() {
        List<String> leaves = schemaLeaves();
        List<String> withoutRow = leaves.stream().filter(l -> rowOf(l) == null).toList();

        assertThat(leaves).as("the schema walk finds the options").hasSizeGreaterThan(250).contains("/createreplicas/subgrp");
        assertThat(withoutRow).as("options of the schema with no row in EveryOptionTest: say which request carries each,"
                + " or why none does").isEmpty();
    }

    @Test
    void everyRow_namesAnOptionOfTheSchema() {
        Set<String> leaves = new TreeSet<>(schemaLeaves());
        Set<String> rows = new TreeSet<>(HANDLED.keySet());
        CARRIED.forEach(c -> rows.add(c.path()));

        assertThat(rows).as("rows for options the schema no longer has").allSatisfy(r -> assertThat(leaves).contains(r));
    }

    @Test
    void everyHandledOption_namesATestClassThatExists() {
        Set<String> classes = new TreeSet<>();
        HANDLED.values().forEach(h -> classes.add(h.provenBy()));
        schemaLeaves().stream().map(EveryOptionTest::rowOf).filter(Handled.class::isInstance)
                .forEach(h -> classes.add(((Handled) h).provenBy()));

        assertThat(classes).allSatisfy(name -> assertThat(testClassExists(name)).as(name + ".java under a test source root").isTrue());
    }

    @Test
    void theSeedsAliases_areReadAsTheirBlocks_soTheirOptionsTakeTheBlocksRows() {
        ObjectNode block = Json.MAPPER.createObjectNode().put("torun", true).put("secretname", "dbrefresh/qa-admin").put("pwdlength", 20);
        ObjectNode rotate = Json.MAPPER.createObjectNode().put("torun", true).put("secretname", "dbrefresh/qa-admin");
        ObjectNode canonical = rdsFile();
        canonical.set("changemasterpwd", block.deepCopy());
        canonical.set("rotatemasterpwd", rotate.deepCopy());
        ObjectNode aliased = rdsFile();
        aliased.set("changeadminpwd", block.deepCopy());
        aliased.set("rotateadminpwd", rotate.deepCopy());

        RefreshPlan expected = RefreshFiles.read(canonical, Clock.fixed(NOW, ZoneOffset.UTC)).plan();
        RefreshPlan actual = RefreshFiles.read(aliased, Clock.fixed(NOW, ZoneOffset.UTC)).plan();

        assertThat(expected.password()).isNotNull();
        assertThat(actual.password()).isEqualTo(expected.password());
        assertThat(actual.steps()).isEqualTo(expected.steps());
    }

    private static boolean testClassExists(String simpleName) {
        for (String root : TEST_ROOTS) {
            Path dir = HOME.resolve(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                if (files.anyMatch(p -> p.getFileName().toString().equals(simpleName + ".java"))) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    // ---- the carried options, each through its step

    static Stream<Carried> carried() {
        return CARRIED.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("carried")
    void theOption_reachesItsRequest(Carried row) {
        RefreshPlan plan = plan(row);

        List<SdkRequest> sent = send(row.probe(), plan);

        List<SdkRequest> ofType = sent.stream().filter(r -> r.getClass().getSimpleName().startsWith(row.request())).toList();
        assertThat(ofType).as(row + ": the step sent " + sent.stream().map(r -> r.getClass().getSimpleName()).toList()).isNotEmpty();
        Object value = ofType.getLast().getValueForField(row.field(), Object.class).orElse(null);
        assertThat(row.view().apply(normal(value))).as(row.toString()).isEqualTo(row.expected());
    }

    /** The SDK holds enums as their text and lists as its own list type. */
    private static Object normal(Object value) {
        if (value instanceof List<?> list) {
            return List.copyOf(list);
        }
        return value instanceof Enum<?> e ? e.toString() : value;
    }

    /** The refresh file as the execution input holds it: a legacy temppwd is read from there, never from the plan. */
    private JsonNode file;
    private final SecretsManagerClient secrets = mock(SecretsManagerClient.class);
    private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    private final SnsClient sns = mock(SnsClient.class);
    private final SesClient ses = mock(SesClient.class);

    /** The environment of the steps that reach more than RDS: each client mocked. */
    private StepEnvironment everyClient() {
        AwsClients aws = mock(AwsClients.class);
        when(aws.rds()).thenReturn(rds);
        when(aws.secretsManager()).thenReturn(secrets);
        when(aws.dynamoDb()).thenReturn(dynamoDb);
        when(aws.sns()).thenReturn(sns);
        when(aws.ses()).thenReturn(ses);
        return new StepEnvironment(aws, Clock.fixed(NOW, ZoneOffset.UTC), null, null, null);
    }

    private RefreshPlan plan(Carried row) {
        ObjectNode file = row.probe().aurora ? auroraFile() : rdsFile();
        switch (row.probe()) {
            case REPLICAS -> set(file, "/createreplicas", Json.MAPPER.createObjectNode().put("torun", true).put("replicas", "qa-r1_db.t3.medium"));
            case READERS -> set(file, "/createreplicas", Json.MAPPER.createObjectNode().put("torun", true)
                    .put("replicas", "qawriter-r1_db.r6g.large"));
            case DELETE -> set(file, "/delete", Json.MAPPER.createObjectNode().put("torun", true));
            case DELETE_CLUSTER -> {
                set(file, "/delete", Json.MAPPER.createObjectNode().put("torun", true));
                set(file, "/deletecluster", Json.MAPPER.createObjectNode().put("torun", true));
            }
            case PASSWORD -> set(file, "/changemasterpwd", Json.MAPPER.createObjectNode().put("torun", true));
            case ROTATION -> set(file, "/rotatemasterpwd", Json.MAPPER.createObjectNode().put("torun", true));
            case HISTORY -> set(file, "/updatedynamodb", Json.MAPPER.createObjectNode().put("torun", true));
            case MESSAGE -> set(file, "/sendmsg", Json.MAPPER.createObjectNode().put("torun", true));
            default -> { }
        }
        row.also().forEach((pointer, value) -> set(file, pointer, Json.MAPPER.valueToTree(value)));
        set(file, row.path(), Json.MAPPER.valueToTree(row.value()));
        this.file = file;
        RefreshFileResult read = RefreshFiles.read(file, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(read.errors()).as(row + ": the minimal file is valid").isEmpty();
        return read.plan();
    }

    private static ObjectNode rdsFile() {
        ObjectNode file = Json.MAPPER.createObjectNode();
        file.putObject("restore").put("dbservice", "rds").put("restoretype", "latestpoint").put("source", "prod").put("target", "qa")
                .put("torun", true);
        return file;
    }

    private static ObjectNode auroraFile() {
        ObjectNode file = Json.MAPPER.createObjectNode();
        file.putObject("restore").put("dbservice", "aurora").put("restoretype", "latestpoint").put("sourcecluster", "prodclu")
                .put("targetcluster", "qaclu").put("torun", true);
        file.putObject("createinstance").put("dbinstance", "qawriter").put("dbclass", "db.r6g.large").put("torun", true);
        return file;
    }

    private static void set(ObjectNode file, String pointer, JsonNode value) {
        String[] parts = pointer.substring(1).split("/");
        ObjectNode node = file;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }

    /** Runs the probe's step over mocked clients that hold what the step needs, and returns every request it sent. */
    private List<SdkRequest> send(Probe probe, RefreshPlan plan) {
        doThrow(DbClusterNotFoundException.builder().message("DBCluster not found").build())
                .when(rds).describeDBClusters(any(DescribeDbClustersRequest.class));
        StepInput in = input(plan);
        switch (probe) {
            case RESTORE -> {
                RdsStubs.describes(rds, instance("prod", "available").latestRestorableTime(LATEST).build());
                RdsStubs.snapshot(rds, DBSnapshot.builder().dbSnapshotIdentifier("prod-snap-1").status("available")
                        .snapshotCreateTime(LATEST).build());
                new PerformRestore(env).handle(in);
            }
            case CLUSTER_RESTORE -> {
                cluster(DBCluster.builder().dbClusterIdentifier("prodclu").status("available").latestRestorableTime(LATEST).build());
                // no engine on the snapshot: a restore from it then takes the file's, or none
                doReturn(DescribeDbClusterSnapshotsResponse.builder().dbClusterSnapshots(DBClusterSnapshot.builder()
                        .dbClusterSnapshotIdentifier("prod-snap-1").status("available").snapshotCreateTime(LATEST).build()).build())
                        .when(rds).describeDBClusterSnapshots(any(DescribeDbClusterSnapshotsRequest.class));
                new PerformRestore(env).handle(in);
            }
            case WRITER -> {
                // no engine on the restored cluster: the writer then takes the file's, or none
                cluster(DBCluster.builder().dbClusterIdentifier("qaclutemp").status("available").build());
                new CreateInstance(env).handle(in);
            }
            case REPLICAS -> {
                RdsStubs.describes(rds, instance("qa", "available").build());
                new CreateReadReplicas(env).handle(in);
            }
            case READERS -> {
                cluster(DBCluster.builder().dbClusterIdentifier("qaclu").status("available").build());
                new CreateReadReplicas(env).handle(in);
            }
            case DELETE -> {
                // protected, as a careful DBA leaves it: the refresh must be allowed to lift it
                RdsStubs.describes(rds, instance("qa", "available").deletionProtection(true).build());
                RdsStubs.describes(rds, instance("qatemp", "available").build());
                new DeleteOldDatabase(env).handle(in);
            }
            case PASSWORD -> {
                RdsStubs.describes(rds, instance("qatemp", "available").engine("mysql").masterUsername("admin")
                        .endpoint(Endpoint.builder().address("qatemp.c0ffee.us-east-1.rds.amazonaws.com").port(3306).build()).build());
                doThrow(ResourceNotFoundException.builder().message("Secrets Manager can't find the specified secret.").build())
                        .when(secrets).describeSecret(any(DescribeSecretRequest.class));
                doReturn(CreateSecretResponse.builder().arn("arn:aws:secretsmanager:us-east-1:123456789012:secret:dbrefresh/qa-admin-AbCdEf")
                        .name("dbrefresh/qa-admin").build()).when(secrets).createSecret(any(CreateSecretRequest.class));
                new ChangeAdminPwd(everyClient()).handle(new StepInput(in.plan(), in.results(), in.execution(), null, null, null, null, file));
            }
            case ROTATION -> {
                RdsStubs.describes(rds, instance("qa", "available").engine("mysql").masterUsername("admin").build());
                doReturn(DescribeSecretResponse.builder().arn("arn:aws:secretsmanager:us-east-1:123456789012:secret:qa-AbCdEf")
                        .rotationEnabled(true).rotationLambdaARN("arn:aws:lambda:us-east-1:123456789012:function:qa-rotation")
                        .versionIdsToStages(Map.of("v1", List.of("AWSCURRENT"))).build())
                        .when(secrets).describeSecret(any(DescribeSecretRequest.class));
                new RotateAdminPwd(everyClient()).handle(in);
            }
            case HISTORY -> new UpdateDynamoDb(everyClient()).handle(in);
            case MESSAGE -> {
                doReturn(PublishResponse.builder().messageId("m-1").build()).when(sns).publish(any(PublishRequest.class));
                doReturn(SendRawEmailResponse.builder().messageId("e-1").build()).when(ses).sendRawEmail(any(SendRawEmailRequest.class));
                new SendMsg(everyClient()).handle(in);
            }
            case DELETE_CLUSTER -> {
                cluster(DBCluster.builder().dbClusterIdentifier("qaclu").status("available").deletionProtection(true)
                        .dbClusterArn("arn:aws:rds:us-east-1:123456789012:cluster:qaclu").build());
                cluster(DBCluster.builder().dbClusterIdentifier("qaclutemp").status("available").build());
                new DeleteOldCluster(env).handle(in);
            }
        }
        return Stream.of(rds, secrets, dynamoDb, sns, ses).flatMap(client -> mockingDetails(client).getInvocations().stream())
                .flatMap(i -> Stream.of(i.getArguments()))
                .filter(SdkRequest.class::isInstance).map(SdkRequest.class::cast)
                .filter(r -> !r.getClass().getSimpleName().startsWith("Describe") && !r.getClass().getSimpleName().startsWith("List"))
                .toList();
    }

    private void cluster(DBCluster cluster) {
        doReturn(DescribeDbClustersResponse.builder().dbClusters(cluster).build())
                .when(rds).describeDBClusters(argThat((DescribeDbClustersRequest r) -> r != null
                        && cluster.dbClusterIdentifier().equals(r.dbClusterIdentifier())));
    }
}
