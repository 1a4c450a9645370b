package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.local.EmulatedAccount;
import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.history.TargetLock;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.e2e.StepFault.Fault;
import io.dbrefresh.steps.VerifyCopy;
import io.dbrefresh.testing.RotationLambdaSimulator;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * For every step of the RDS path, a fault injected there, then the emulated world checked
 * through a client no fault touches: the old target's data exists (the instance, or its final
 * snapshot), the temp copy this run made is gone, the history row says SUCCEEDED (a
 * throttling burst the state machine's Retry outlived) or FAILED with the step and what
 * recovery did, and exactly one message was sent. Prints one line of figures at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailureSafetyEndToEndIT {

    private static final String TARGET = "mysqlinstd";
    private static final String TEMP = "mysqlinstdtemp";
    private static final String SOURCE = "mysqlinstp";

    /**
     * A step of the RDS path: its block in the refresh file, the AWS call its start makes on
     * which instance (and, where an earlier step makes the same call, which of those calls), and
     * the instance its check watches (null: a deletion, which ends in not-found, so no status can
     * keep it from ending).
     */
    record Step(String id, String block, String operation, String resource, Predicate<SdkRequest> only, String watched,
                String terminal) implements StepFault.Faulted {

        Step(String id, String block, String operation, String resource, String watched, String terminal) {
            this(id, block, operation, resource, r -> true, watched, terminal);
        }

        @Override
        public boolean watchesStatus() {
            return terminal != null;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /**
     * The read-only states: a fault there fails once (nothing to retry into a loss), and a lost
     * answer is no different from an error. Their first call is their own: guard-target
     * describes the target first; only pre-flight describes subnet groups; verify-copy's describe
     * of the copy is told from the restore's checks by its caller.
     */
    static final Set<String> READ_ONLY = Set.of("guard-target", "preflight", "verify-copy");

    private static final List<Step> STEPS = List.of(
            new Step("guard-target", "restore", "DescribeDBInstances", TARGET, null, null),
            new Step("preflight", "restore", "DescribeDBSubnetGroups", null, null, null),
            new Step("delete-replicas", "deletereplicas", "DeleteDBInstance", "mysqlinstd-r1", null, null),
            // stop-old-database makes no AWS call in this swap (the old target is renamed away, not stopped): nothing to fault
            new Step("perform-restore", "restore", "RestoreDBInstanceToPointInTime", TEMP, TEMP, "incompatible-restore"),
            // the copy's last look before the swap: a fault there must leave the old target untouched
            new Step("verify-copy", "restore", "DescribeDBInstances", TEMP, StepFault.madeBy(VerifyCopy.class), null, null),
            // the swap: the old target renamed away (ModifyDBInstance with a new name), the copy renamed in, and, once it
            // holds the name, the old target deleted under its kept name by rename-database's check
            new Step("delete-old-database", "delete", "ModifyDBInstance", TARGET, FailureSafetyEndToEndIT::renames, null, null),
            new Step("rename-database", "rename", "ModifyDBInstance", TEMP, TARGET, "failed"),
            new Step("rename-database", "rename", "DeleteDBInstance", TARGET + "-old-*", null, null),
            // stop and delete tag the old target (same ARN) with their marks first
            new Step("fix-tags", "fixtags", "AddTagsToResource", TARGET, FailureSafetyEndToEndIT::marksRefreshed, null, null),
            new Step("create-read-replicas", "createreplicas", "CreateDBInstanceReadReplica", "mysqlinstd-r1", "mysqlinstd-r1",
                    "failed"),
            new Step("update-dynamodb", "updatedynamodb", "PutItem", null, null, null),
            new Step("send-msg", "sendmsg", "Publish", null, null, null));

    private static final String TABLE = "dbalignment-e2e";
    private static final String SECRET = "development/app1/mysqlinstd/admin";
    private static final String SCRIPTS_BUCKET = "app1-dbrefresh-scripts";

    /**
     * The lock, the password steps and the scripts step, each run with a file that has its
     * block: rds-passwords.json for the passwords, the RDS fixture with a runscripts block for
     * the scripts (its scripts in S3, its secret in Secrets Manager).
     */
    private static final List<Step> BLOCK_STEPS = List.of(
            new Step("acquire-lock", "restore", "PutItem", TABLE, FailureSafetyEndToEndIT::takesTheLock, null, null),
            new Step("change-admin-pwd", "changemasterpwd", "ModifyDBInstance", TEMP, FailureSafetyEndToEndIT::setsAPassword,
                    null, null),
            new Step("runscripts", "runscripts", "PutObject", SCRIPTS_BUCKET, FailureSafetyEndToEndIT::writesTheRunReport,
                    null, null),
            new Step("rotate-admin-pwd", "rotatemasterpwd", "RotateSecret", SECRET, null, null));

    /** The scripts of this suite only start: no database runs them, so a burst there cannot end in success. */
    private static final Set<String> CANNOT_COMPLETE = Set.of("runscripts");

    static Stream<Arguments> blockFaults() {
        List<Arguments> cases = new ArrayList<>();
        for (Step s : BLOCK_STEPS) {
            if (!CANNOT_COMPLETE.contains(s.id())) {
                cases.add(Arguments.of(s, Fault.THROTTLING_BURST));
            }
            cases.add(Arguments.of(s, Fault.SERVER_ERROR));
            cases.add(Arguments.of(s, Fault.HANDLER_EXCEPTION));
            cases.add(Arguments.of(s, Fault.RESPONSE_LOST));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} at {0}")
    @MethodSource("blockFaults")
    void faultAtTheLockPasswordOrScriptsStep_losesNoDatabaseLeavesNothingBehindRecordsAndNotifiesOnce(Step step, Fault fault) {
        faultAtStep(step, fault, true);
    }

    @ParameterizedTest(name = "{1} at {0}, finalsnapshot false")
    @MethodSource("blockFaults")
    void faultAtTheLockPasswordOrScriptsStepWithoutFinalSnapshot_keepsTheData(Step step, Fault fault) {
        faultAtStep(step, fault, false);
    }

    private final StepFault.Figures figures = new StepFault.Figures();

    static Stream<Arguments> faults() {
        List<Arguments> cases = new ArrayList<>();
        for (Step s : STEPS) {
            cases.add(Arguments.of(s, Fault.THROTTLING_BURST));
            cases.add(Arguments.of(s, Fault.SERVER_ERROR));
            cases.add(Arguments.of(s, Fault.HANDLER_EXCEPTION));
            if (s.resource() != null && !READ_ONLY.contains(s.id())) {
                cases.add(Arguments.of(s, Fault.RESPONSE_LOST));
            }
            if (s.terminal() != null) {
                cases.add(Arguments.of(s, Fault.TERMINAL_STATUS));
            }
            if (s.watched() != null) {
                cases.add(Arguments.of(s, Fault.POLL_TIMEOUT));
            }
        }
        return StepFault.selected(cases.stream());
    }

    /**
     * The steps where the old target's data may go: from its deletion to the copy taking its
     * name. There a file with {@code finalsnapshot: false} leaves no final snapshot, so the
     * copy may be the last copy of the data, which recovery must never delete.
     */
    private static final Set<String> WITHOUT_FINAL_SNAPSHOT = Set.of("delete-old-database", "rename-database");

    static Stream<Arguments> faultsWithoutFinalSnapshot() {
        return StepFault.selected(StepFault.withoutFinalSnapshot(STEPS, WITHOUT_FINAL_SNAPSHOT));
    }

    @ParameterizedTest(name = "{1} at {0}")
    @MethodSource("faults")
    void faultAtStep_losesNoDatabaseLeavesNothingBehindRecordsAndNotifiesOnce(Step step, Fault fault) {
        faultAtStep(step, fault, true);
    }

    @ParameterizedTest(name = "{1} at {0}, finalsnapshot false")
    @MethodSource("faultsWithoutFinalSnapshot")
    void faultAtStepWithoutFinalSnapshot_keepsTheLastCopyOfTheData(Step step, Fault fault) {
        faultAtStep(step, fault, false);
    }

    private void faultAtStep(Step step, Fault fault, boolean finalSnapshot) {
        String json = finalSnapshot ? refreshFile(step, fault) : StepFault.finalSnapshotOff(refreshFile(step, fault), "delete");
        // the history and notification tasks also run on the failure path: a fault that never
        // ends there would stop the record this test asserts, so it hits their first call only
        boolean onceOnly = step.resource() == null || READ_ONLY.contains(step.id());
        StepFault stepFault = StepFault.of(step, fault, onceOnly, f -> new StickyStatus(step.watched(),
                f == Fault.TERMINAL_STATUS ? step.terminal() : inProgress(step)));
        ExecutionInterceptor interceptor = stepFault.interceptor();
        String execution = "fs-" + step.id() + "-" + fault.name().toLowerCase().replace('_', '-') + (finalSnapshot ? "" : "-nofinal");
        RotationLambdaSimulator rotation = new RotationLambdaSimulator();
        if (usesPasswords(step)) {
            // moto cannot run a rotation Lambda: the simulator stands in for it, ahead of the fault
            rotation.configure(SECRET);
            rotation.completeRotationsWith("Rotated-In-The-Fault-Suite-4d2a");
            interceptor = new InterceptorChain(rotation, interceptor);
        }
        try (LocalWorld world = LocalWorld.seededWith(json, interceptor)) {
            rotation.attach(Emulators.clients().secretsManager());
            if (step.id().equals("runscripts")) {
                seedScripts();
            }
            // the fault is tied to the step by the request it concerns, never by the engine's events,
            // which arrive apart from the Task callbacks. Armed after seeding (which creates the
            // replica): from then on the step's call is the only one like it, and a status shows
            // from the step's own start call on
            stepFault.arm();
            figures.runs.incrementAndGet();
            ExecutionResult result = stepFault.run(world, execution);
            int injected = stepFault.injected();
            figures.faults.addAndGet(injected);
            assertThat(injected).as("the fault reached the step").isPositive();

            RdsClient rds = Emulators.clients().rds();
            boolean tempExists = find(rds, TEMP).filter(i -> !"deleting".equals(i.dbInstanceStatus())).isPresent();
            // with no final snapshot, the old data is gone once the old target is: the copy (the
            // temporary one, or the one under the target's name) is then the last copy, and stays
            boolean lost = finalSnapshot ? !oldDataExists(rds, result) : !oldDataExists(rds, result) && !tempExists
                    && find(rds, TARGET).isEmpty();
            if (lost) {
                figures.databasesLost.incrementAndGet();
            }
            boolean tempLeft = tempExists && (finalSnapshot || oldDataExists(rds, result));
            // the old target renamed away is deleted once the copy holds the name (by the rename's check, or by recovery),
            // unless the run never saw the copy hold it (a status faulted on it) or the delete itself kept failing: it then
            // stays until its expiry, for housekeeping
            List<String> renamedAway = keptCopies(rds);
            boolean copyHoldsName = find(rds, TARGET).filter(i -> "available".equals(i.dbInstanceStatus()))
                    .filter(i -> i.tagList().stream().anyMatch(t -> RefreshTags.EXECUTION.equals(t.key()) && execution.equals(t.value())))
                    .isPresent();
            boolean runSawTheName = !(step.id().equals("rename-database") && (fault == Fault.TERMINAL_STATUS || fault == Fault.POLL_TIMEOUT));
            boolean deleteKeptFailing = step.resource() != null && step.resource().endsWith("*")
                    && (fault == Fault.SERVER_ERROR || fault == Fault.HANDLER_EXCEPTION);
            boolean oldLeft = !renamedAway.isEmpty() && copyHoldsName && runSawTheName && !deleteKeptFailing;
            if (tempLeft || oldLeft) {
                figures.leftBehind.incrementAndGet();
            }
            assertThat(lost).as("a copy of the data exists after " + fault + " at " + step.id()).isFalse();
            assertThat(tempLeft).as("the temp copy this run created is gone while the old data exists").isFalse();
            assertThat(oldLeft).as("the old target renamed away is deleted once the copy holds the name: " + renamedAway).isFalse();
            assertSourceUntouched(rds);

            List<Map<String, AttributeValue>> rows = world.historyRows();
            if (step.id().equals("acquire-lock") && fault != Fault.THROTTLING_BURST) {
                // no lock, nothing touched: the run ends at once, with nothing to record or recover
                assertThat(result.status()).isEqualTo("FAILED");
                assertThat(result.error()).isNotBlank();
                assertThat(rows).as("no history row: the run never started").isEmpty();
                assertThat(world.account.notifications()).isEmpty();
                DBInstance target = find(rds, TARGET).orElseThrow();
                assertThat(target.dbInstanceStatus()).isEqualTo("available");
                assertThat(target.tagList()).noneMatch(t -> RefreshTags.EXECUTION.equals(t.key()) && execution.equals(t.value()));
                assertThat(find(rds, TEMP)).isEmpty();
                figures.recoveredOrCompleted.incrementAndGet();
                return;
            }
            assertThat(rows).hasSize(1);
            Map<String, AttributeValue> row = rows.get(0);
            List<String> sent = world.account.notifications();
            assertThat(sent).as("one message per run").hasSize(1);
            if (fault == Fault.THROTTLING_BURST) {
                assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
                assertThat(row.get("status").s()).isEqualTo("SUCCEEDED");
                assertThat(rds.describeDBInstances(b -> b.dbInstanceIdentifier(TARGET)).dbInstances().get(0).allocatedStorage())
                        .as("the target holds production's data").isEqualTo(200);
                assertThat(sent.get(0)).contains("Status: SUCCEEDED");
            } else {
                assertThat(result.status()).isEqualTo("FAILED");
                assertThat(row.get("status").s()).isEqualTo("FAILED");
                assertThat(row.get("failedstep").s()).isEqualTo(step.id());
                assertThat(row.get("error").s()).isNotBlank();
                assertThat(row).containsKey("recovery");
                // an old target this run stopped is started again, even when the stop's answer was lost
                find(rds, TARGET).filter(i -> i.tagList().stream().noneMatch(t -> RefreshTags.EXECUTION.equals(t.key())
                                && execution.equals(t.value())))
                        .ifPresent(old -> assertThat(old.dbInstanceStatus()).as("the old target runs again").isNotEqualTo("stopped"));
                if (fault == Fault.POLL_TIMEOUT) {
                    assertThat(row.get("error").s()).contains("StepTimeoutException").contains(step.id() + " did not finish within its timeout of 3 s: 1 check over");
                }
                if (fault == Fault.TERMINAL_STATUS) {
                    assertThat(row.get("error").s()).contains(step.terminal());
                }
                if (step.id().equals("verify-copy")) {
                    assertSwapNeverBegan(rds, execution);
                }
                assertThat(sent.get(0)).contains("Status: FAILED");
            }
            figures.recoveredOrCompleted.incrementAndGet();
        }
    }

    /** The rename away of the swap, not the modifications of the copy before it. */
    static boolean renames(SdkRequest request) {
        return request instanceof software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest m && m.newDBInstanceIdentifier() != null;
    }

    /** When someone deletes production while a refresh runs: just before the copy is restored from it, or just after. */
    enum SourceGone { BEFORE_THE_RESTORE, AFTER_THE_RESTORE }

    @ParameterizedTest(name = "source deleted {0}")
    @EnumSource(SourceGone.class)
    void sourceDeletedMidRun_losesNoDatabaseLeavesNothingBehindRecordsAndNotifiesOnce(SourceGone when) {
        AtomicInteger deleted = new AtomicInteger();
        ExecutionInterceptor deleter = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (when == SourceGone.BEFORE_THE_RESTORE) {
                    deleteSourceAt(context.request());
                }
            }

            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (when == SourceGone.AFTER_THE_RESTORE) {
                    deleteSourceAt(context.request());
                }
            }

            private void deleteSourceAt(SdkRequest request) {
                if (request instanceof RestoreDbInstanceToPointInTimeRequest && deleted.getAndIncrement() == 0) {
                    // someone else's call, through a client the run does not use
                    Emulators.clients().rds().deleteDBInstance(b -> b.dbInstanceIdentifier(SOURCE).skipFinalSnapshot(true));
                }
            }
        };
        String execution = "fs-source-deleted-" + when.name().toLowerCase().replace('_', '-');
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", deleter)) {
            figures.runs.incrementAndGet();
            ExecutionResult result = world.run(execution, LocalWorld.fastRetries(), e -> { }, (state, function, input, output) -> { });
            figures.faults.addAndGet(deleted.get() > 0 ? 1 : 0);
            assertThat(deleted.get()).as("the source was deleted during the run").isPositive();

            RdsClient rds = Emulators.clients().rds();
            boolean lost = !oldDataExists(rds, result);
            boolean tempLeft = find(rds, TEMP).filter(i -> !"deleting".equals(i.dbInstanceStatus())).isPresent();
            if (lost) {
                figures.databasesLost.incrementAndGet();
            }
            if (tempLeft) {
                figures.leftBehind.incrementAndGet();
            }
            assertThat(lost).as("the target's data exists after the source went " + when).isFalse();
            assertThat(tempLeft).as("no temporary copy stays").isFalse();
            assertThat(find(rds, SOURCE)).as("nothing brought the deleted source back").isEmpty();
            List<Map<String, AttributeValue>> rows = world.historyRows();
            assertThat(rows).hasSize(1);
            assertThat(world.account.notifications()).as("one message per run").hasSize(1);
            if (when == SourceGone.BEFORE_THE_RESTORE) {
                assertThat(result.status()).isEqualTo("FAILED");
                assertThat(rows.get(0).get("failedstep").s()).isEqualTo("perform-restore");
                DBInstance target = find(rds, TARGET).orElseThrow();
                assertThat(target.dbInstanceStatus()).as("the old target still serves").isEqualTo("available");
                assertThat(target.tagList()).noneMatch(t -> RefreshTags.EXECUTION.equals(t.key()) && execution.equals(t.value()));
            } else {
                assertThat(rows.get(0).get("status").s()).isEqualTo(result.status());
            }
            figures.recoveredOrCompleted.incrementAndGet();
        }
    }

    @AfterAll
    void figures() {
        figures.print("failure-safety");
    }

    /** Production is only ever read: the source is there, available, with its own data and tags. */
    static void assertSourceUntouched(RdsClient rds) {
        DBInstance source = find(rds, "mysqlinstp").orElseThrow(() -> new AssertionError("the source mysqlinstp is gone"));
        assertThat(source.dbInstanceStatus()).as("the source runs").isEqualTo("available");
        assertThat(source.allocatedStorage()).as("the source holds its data").isEqualTo(EmulatedAccount.SOURCE_STORAGE_GIB);
        assertThat(source.tagList()).as("no refresh marked the source").noneMatch(t -> t.key().startsWith("dbrefresh:"));
    }

    /**
     * A run that failed before the swap left the old target as it was: running under its name
     * with its own data and its replica, unmarked by the run, with no final snapshot taken.
     */
    private static void assertSwapNeverBegan(RdsClient rds, String execution) {
        DBInstance old = find(rds, TARGET).orElseThrow(() -> new AssertionError("the old target is gone"));
        assertThat(old.dbInstanceStatus()).as("the old target serves").isEqualTo("available");
        assertThat(old.allocatedStorage()).as("the old target holds its own data").isEqualTo(EmulatedAccount.TARGET_STORAGE_GIB);
        assertThat(old.tagList()).as("the run never marked the old target")
                .noneMatch(t -> RefreshTags.EXECUTION.equals(t.key()) && execution.equals(t.value()));
        assertThat(find(rds, "mysqlinstd-r1")).as("its replica was never removed").isPresent();
        assertThat(rds.describeDBSnapshots(b -> b.snapshotType("manual")).dbSnapshots())
                .as("no final snapshot: nothing was deleted").noneMatch(s -> s.dbSnapshotIdentifier().startsWith(TARGET + "-final-"));
    }

    private static boolean usesPasswords(Step step) {
        return step.id().equals("change-admin-pwd") || step.id().equals("rotate-admin-pwd");
    }

    /** acquire-lock's call: the lock item, in its own partition of the history table. */
    private static boolean takesTheLock(SdkRequest request) {
        return request instanceof PutItemRequest put && put.item().get("dbinstance") != null
                && put.item().get("dbinstance").s().startsWith(TargetLock.LOCK_PREFIX);
    }

    /** change-admin-pwd's call: the new master password sent to RDS. */
    private static boolean setsAPassword(SdkRequest request) {
        return request instanceof ModifyDbInstanceRequest m && (m.masterUserPassword() != null || m.manageMasterUserPassword() != null);
    }

    /** runscripts' call: the PENDING run report its start writes before it launches the run. */
    private static boolean writesTheRunReport(SdkRequest request) {
        return request instanceof PutObjectRequest put && put.key().contains("/reports/");
    }

    /** The fixture with a runscripts block: one script, run with the secret's login on the copy. */
    private static String withScripts(String json) {
        try {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(json);
            ObjectNode scripts = root.putObject("runscripts");
            scripts.put("engine", "mysql").put("access", "secret").put("secretname", SECRET).put("method", "lambda")
                    .put("bucketname", SCRIPTS_BUCKET).put("prefix", "sqlscripts/mysqlinstd").put("keys", "01-mask.sql")
                    .put("wait_time", 5).put("torun", true);
            return Json.MAPPER.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What pre-flight looks for before a runscripts step: the script in its bucket, the secret the login comes from. */
    private static void seedScripts() {
        var s3 = Emulators.clients().s3();
        s3.createBucket(b -> b.bucket(SCRIPTS_BUCKET));
        s3.putObject(b -> b.bucket(SCRIPTS_BUCKET).key("sqlscripts/mysqlinstd/01-mask.sql"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("UPDATE customers SET email = 'x@example.invalid';"));
        var secrets = Emulators.clients().secretsManager();
        if (secrets.listSecrets().secretList().stream().noneMatch(e -> SECRET.equals(e.name()))) {
            secrets.createSecret(b -> b.name(SECRET).secretString("{\"username\":\"admin\",\"password\":\"Seeded-Pw-0192\"}"));
        }
    }

    /** fix-tags' call: the tags it sets say when the target was refreshed; the marks of stop and delete do not. */
    private static boolean marksRefreshed(SdkRequest request) {
        return request instanceof AddTagsToResourceRequest r && r.tags().stream().anyMatch(t -> RefreshTags.REFRESHED_AT.equals(t.key()));
    }

    /** The old data survives: the target (the old one, or the refreshed copy that replaced it), or its final snapshot. */
    private static boolean oldDataExists(RdsClient rds, ExecutionResult result) {
        Optional<DBInstance> target = find(rds, TARGET);
        if (target.isPresent() && List.of("available", "stopped").contains(target.get().dbInstanceStatus())) {
            return true;
        }
        // renamed away and not (yet) deleted: the old target under its kept name
        if (keptCopies(rds).stream().anyMatch(id -> find(rds, id).filter(i -> "available".equals(i.dbInstanceStatus())).isPresent())) {
            return true;
        }
        List<DBSnapshot> finals = rds.describeDBSnapshots(b -> b.snapshotType("manual")).dbSnapshots();
        return finals.stream().anyMatch(s -> s.dbSnapshotIdentifier().startsWith(TARGET + "-final-") && "available".equals(s.status()));
    }

    /** The old target renamed away by the swap, under its kept name ({@code <target>-old-<minute>}), while it exists. */
    private static List<String> keptCopies(RdsClient rds) {
        return rds.describeDBInstances().dbInstances().stream().map(DBInstance::dbInstanceIdentifier)
                .filter(id -> id.startsWith(TARGET + "-old-")).filter(id -> find(rds, id).filter(i -> !"deleting".equals(i.dbInstanceStatus()))
                        .isPresent()).toList();
    }

    private static Optional<DBInstance> find(RdsClient rds, String id) {
        try {
            return rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().stream().findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static String inProgress(Step step) {
        return switch (step.id()) {
            case "stop-old-database" -> "stopping";
            case "rename-database" -> "renaming";
            default -> "creating";
        };
    }

    /** The fixture; for a poll timeout the faulty step is bounded at 3 s, before the model expects it done: one check, at the bound. */
    private static String refreshFile(Step step, Fault fault) {
        String json = usesPasswords(step) ? LocalWorld.fixture("rds-passwords.json")
                : step.id().equals("runscripts") ? withScripts(LocalWorld.fixture("rds-latestpoint.json"))
                : LocalWorld.fixture("rds-latestpoint.json");
        if (fault != Fault.POLL_TIMEOUT) {
            return json;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(json);
            ((ObjectNode) root.get(step.block())).put("wait_time", 1).put("timeout", 3);
            return Json.MAPPER.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
