package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * One end-to-end run per class of pre-flight problem (issue #13's list), all in one seeded
 * world: each row breaks one thing (in the refresh file, or in the account and back after), and
 * the execution fails at {@code preflight} with the problem at the field's JSON path in the
 * history row and the notification, having made no call that changes anything but the history
 * table (its lock and row) and the topic, and the old target exactly as it was.
 *
 * <p>Classes moto cannot express here, each proven below the state machine instead: a restore
 * point outside the source's restorable window (moto reports no automated backups' restore
 * window, so every past time is inside: {@code PreflightWindowTest}), an instance class not
 * orderable (moto's answer to DescribeOrderableDBInstanceOptions does not refuse an unknown class:
 * a run with one here went through; {@code PreflightLimitsTest} aClassNotOrderable...), the quotas
 * ({@code DescribeAccountAttributes} is not offered by moto: {@code PreflightLimitsTest}
 * aFullDbInstanceQuota..., aFullManualSnapshotQuota...), the parameter group's family
 * ({@code DescribeDBEngineVersions}: {@code PreflightLimitsTest} aParameterGroupOfAnotherFamily...),
 * the SSM instance of the ec2 script method ({@code DescribeInstanceInformation}:
 * {@code PreflightLimitsTest} theScriptInstance_mustBeManagedBySsmAndOnline), another account's
 * key a snapshot was encrypted with ({@code PreflightLimitsTest} aSharedSnapshotsKey...). The
 * history table cannot be missing at pre-flight: it holds the per-target lock, so a missing one
 * stops the run at acquire-lock, before it (PreflightIT anAccountLackingEverything... names it at
 * {@code /updatedynamodb/tablename} for {@code validate --online}). Fast cloning is Aurora's, in a
 * world of its own: {@code PreflightEndToEndIT} aFastCloneOfAnotherAccountsClusterNotShared...
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreflightClassesEndToEndIT {

    private static final Set<String> STOPPED_PATH = Set.of("validate-refresh-file", "acquire-lock", "start-results", "guard-target",
            "preflight", "preflight: failed", "recover", "update-dynamodb-failure", "send-msg-failure", "failure-cause?", "refresh-failed");
    private static final Set<String> SEEDED = Set.of("mysqlinstp", "mysqlinstd", "mysqlinstd-r1", "mysqlinstd-r2");

    /** Every AWS call the handlers make while armed: service and operation. */
    private final Calls calls = new Calls();
    private LocalWorld world;
    private String base;

    /** One class of problem: how the row breaks the file (and the account), what preflight must say. */
    record Row(String name, Function<String, String> file, Consumer<LocalWorld> breaks, Consumer<LocalWorld> repairs,
               List<String> problems) {

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void oneWorld() {
        base = LocalWorld.fixture("rds-latestpoint.json");
        world = LocalWorld.seededWith(base, calls);
    }

    @AfterAll
    void close() {
        world.close();
    }

    static Stream<Row> classes() {
        Consumer<LocalWorld> none = w -> { };
        return Stream.of(
                new Row("the source is missing", f -> f.replace("\"source\": \"mysqlinstp\"", "\"source\": \"mysqlinstx\""), none, none,
                        List.of("/restore/source: DB instance mysqlinstx not found in this account and region")),
                new Row("the source is not available", f -> f,
                        w -> w.aws.rds().stopDBInstance(b -> b.dbInstanceIdentifier("mysqlinstp")),
                        w -> w.aws.rds().startDBInstance(b -> b.dbInstanceIdentifier("mysqlinstp")),
                        List.of("/restore/source: DB instance mysqlinstp is stopped")),
                new Row("the snapshot is missing", f -> fromSnapshot(f, "mysqlinstp-2001-01-01"), none, none,
                        List.of("/restore/snapshot: snapshot mysqlinstp-2001-01-01 not found")),
                new Row("the snapshot of another account is not shared",
                        f -> fromSnapshot(f, "arn:aws:rds:us-east-1:210987654321:snapshot:mysqlinstp-2026-12-01"), none, none,
                        List.of("/restore/snapshot", "210987654321")),
                new Row("the KMS key is disabled",
                        f -> fromSnapshot(f, "mysqlinstp-e2e-kms").replaceFirst("\"restoretype\": \"fromsnapshot\",",
                                "\"restoretype\": \"fromsnapshot\", \"kmskeyid\": \"alias/app1-e2e-disabled\","),
                        w -> {
                            w.aws.rds().createDBSnapshot(b -> b.dbInstanceIdentifier("mysqlinstp").dbSnapshotIdentifier("mysqlinstp-e2e-kms"));
                            String key = w.aws.kms().createKey(b -> b.description("app1 e2e")).keyMetadata().keyId();
                            w.aws.kms().createAlias(b -> b.aliasName("alias/app1-e2e-disabled").targetKeyId(key));
                            w.aws.kms().disableKey(b -> b.keyId(key));
                        },
                        w -> w.aws.rds().deleteDBSnapshot(b -> b.dbSnapshotIdentifier("mysqlinstp-e2e-kms")),
                        List.of("/restore/kmskeyid", "Disabled")),
                new Row("the subnet group is missing", f -> f.replace("\"subgrp\": \"app1-dev-db-subnets\"", "\"subgrp\": \"app1-nosuch-subnets\""),
                        none, none, List.of("/restore/subgrp: DB subnet group app1-nosuch-subnets not found")),
                new Row("a security group is missing",
                        f -> f.replace("\"secgrpids\": \"sg-0a1b2c3d4e5f67890\"", "\"secgrpids\": \"sg-0a1b2c3d4e5f6789f\""), none, none,
                        List.of("/restore/secgrpids: security group sg-0a1b2c3d4e5f6789f not found")),
                new Row("the parameter group is missing", f -> f.replace("\"dbparamgrp\": \"app1-mysql80\"", "\"dbparamgrp\": \"app1-nosuch-params\""),
                        none, none, List.of("/restore/dbparamgrp: DB parameter group app1-nosuch-params not found")),
                new Row("the option group is missing",
                        f -> f.replace("\"dbparamgrp\": \"app1-mysql80\",", "\"dbparamgrp\": \"app1-mysql80\", \"optgrp\": \"app1-nosuch-options\","),
                        none, none, List.of("/restore/optgrp: option group app1-nosuch-options not found")),
                new Row("the temporary name is taken", f -> f,
                        w -> instance(w, "mysqlinstdtemp"), w -> drop(w, "mysqlinstdtemp"),
                        List.of("/restore/target: the temporary name mysqlinstdtemp is taken")),
                new Row("a replica's name is taken", f -> f.replace("mysqlinstd-r2", "mysqlinstq"),
                        w -> instance(w, "mysqlinstq"), w -> drop(w, "mysqlinstq"),
                        List.of("/createreplicas/replicas", "mysqlinstq")),
                new Row("the rotation secret is missing", f -> f.replace("\"updatedynamodb\": {", """
                        "rotatemasterpwd": {"dbservice": "rds", "dbinstance": "mysqlinstd",
                            "secretname": "development/app1/nosuch/admin", "torun": "true"},
                          "updatedynamodb": {"""), none, none, List.of("/rotatemasterpwd/secretname")),
                new Row("the scripts' bucket is missing", f -> f.replace("\"updatedynamodb\": {", """
                        "runscripts": {"engine": "mysql", "access": "secret", "secretname": "development/app1/nosuch/admin",
                            "method": "lambda", "bucketname": "app1-nosuch-scripts", "prefix": "sqlscripts/mysqlinstd",
                            "keys": "01-mask.sql", "torun": true},
                          "updatedynamodb": {"""), none, none, List.of("/runscripts/bucketname", "/runscripts/secretname")),
                new Row("the topic is missing", f -> f.replace("arn:aws:sns:us-east-1:123456789012:dbrefresh-e2e",
                        "arn:aws:sns:us-east-1:123456789012:nobody-listens"), none, none, List.of("/sendmsg/topicarn")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classes")
    void eachProblemClass_failsAtPreflight_namingItsField_andNothingInTheAccountChanges(Row row) {
        String file = row.file().apply(base);
        assertThat(RefreshFiles.read(file).errors()).as("the row's file is valid: only the account lacks something").isEmpty();
        String execution = "e2e-preflight-" + row.name().replaceAll("[^a-z]+", "-");
        row.breaks().accept(world);
        world.events.clear();
        calls.arm();
        ExecutionResult result;
        try {
            result = world.runFile(file, execution);
        } finally {
            calls.disarm();
            row.repairs().accept(world);
        }

        assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("FAILED");
        StoppedBeforeTouching.assertOnlyThePathRan(world, "preflight", STOPPED_PATH);
        assertThat(calls.changes()).as("calls that change something other than the history table and the topic").isEmpty();
        RdsClient rds = Emulators.clients().rds();
        DBInstance target = StoppedBeforeTouching.describe(rds, "mysqlinstd");
        assertThat(target.dbInstanceStatus()).isEqualTo("available");
        assertThat(target.readReplicaDBInstanceIdentifiers()).containsExactlyInAnyOrder("mysqlinstd-r1", "mysqlinstd-r2");
        assertThat(rds.describeDBInstances().dbInstances()).extracting(DBInstance::dbInstanceIdentifier)
                .as("no database made or removed").containsExactlyInAnyOrderElementsOf(SEEDED);
        assertThat(rds.describeDBSnapshots(b -> b.snapshotType("manual")).dbSnapshots())
                .as("no final snapshot: nothing was deleted").noneMatch(s -> s.dbSnapshotIdentifier().startsWith("mysqlinstd-final-"));
        Map<String, AttributeValue> row0 = world.historyRows().stream()
                .filter(r -> r.containsKey("execution") && r.get("execution").s().endsWith(":" + execution)).findFirst().orElseThrow();
        assertThat(row0.get("status").s()).isEqualTo("FAILED");
        assertThat(row0.get("failedstep").s()).isEqualTo("preflight");
        assertThat(row0.get("error").s()).contains("PreflightFailedException").contains(row.problems());
        if (!row.name().equals("the topic is missing")) {
            assertThat(world.account.notifications()).anySatisfy(n -> assertThat(n).contains("Status: FAILED").contains(row.problems()));
        }
    }

    private static String fromSnapshot(String file, String snapshot) {
        return file.replace("\"restoretype\": \"latestpoint\"", "\"restoretype\": \"fromsnapshot\"")
                .replaceFirst("\"restoretype\": \"fromsnapshot\",", "\"restoretype\": \"fromsnapshot\", \"snapshot\": \"" + snapshot + "\",");
    }

    private static void instance(LocalWorld w, String id) {
        w.aws.rds().createDBInstance(b -> b.dbInstanceIdentifier(id).engine("mysql").dbInstanceClass("db.t3.micro")
                .allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1"));
    }

    private static void drop(LocalWorld w, String id) {
        w.aws.rds().deleteDBInstance(b -> b.dbInstanceIdentifier(id).skipFinalSnapshot(true));
    }

    /** Records the calls made while armed; reads, the history table and the topic are what a stopped run may use. */
    static final class Calls implements ExecutionInterceptor {

        private final List<String> made = new CopyOnWriteArrayList<>();
        private volatile boolean armed;

        void arm() {
            made.clear();
            armed = true;
        }

        void disarm() {
            armed = false;
        }

        List<String> changes() {
            return made.stream().filter(c -> {
                String service = c.substring(0, c.indexOf(':'));
                String op = c.substring(c.indexOf(':') + 1);
                boolean read = op.matches("(Describe|Get|List|Head|Receive).*");
                boolean history = service.equalsIgnoreCase("DynamoDB");
                boolean notify = service.equalsIgnoreCase("SNS") && op.equals("Publish");
                return !read && !history && !notify;
            }).toList();
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (armed) {
                made.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        }
    }
}
