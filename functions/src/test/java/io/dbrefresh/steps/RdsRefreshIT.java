package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.Replica;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.Plans;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * The RDS steps, start and check, one after the other against moto, as the state machine runs
 * them: delete the replicas, stop the old target, restore, delete the old target, rename, fix
 * the tags, recreate the replicas. moto makes every instance available at once, so the
 * "still running" and "terminal failure" paths are driven by an interceptor that rewrites
 * DescribeDBInstances answers.
 */
class RdsRefreshIT {

    private static final String EXECUTION = "refresh-qa-it";
    private static final int MAX_POLLS = 5;

    private RdsClient rds;
    private final Map<StepId, StepResult> results = new LinkedHashMap<>();

    @BeforeEach
    void seedSourceAndTarget() {
        Emulators.reset();
        rds = Emulators.clients().rds();
        create("prod", Map.of("env", "prod", "pci", "in-scope"));
        create("qa", Map.of("env", "qa", "owner", "qa-team"));
        rds.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier("qa-r1").sourceDBInstanceIdentifier("qa").dbInstanceClass("db.t3.small"));
        rds.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier("qa-r2").sourceDBInstanceIdentifier("qa").dbInstanceClass("db.t3.medium"));
    }

    private void create(String id, Map<String, String> tags) {
        rds.createDBInstance(r -> r.dbInstanceIdentifier(id).engine("mysql").dbInstanceClass("db.t3.micro").allocatedStorage(20)
                .masterUsername("admin").masterUserPassword("only-a-test-value").backupRetentionPeriod(7)
                .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
    }

    @Test
    void refresh_latestPoint_replacesTheTargetKeepingItsTagsAndReplicas() {
        // moto reports "now" as every instance's LatestRestorableTime, so the recorded time can
        // only be bounded by the moments around the restore, not compared with an earlier read
        Instant before = describe("prod").orElseThrow().latestRestorableTime();

        refreshAll(plan(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa")), Emulators.clients());

        assertRefreshed("latestpoint");
        Instant alignedTo = results.get(StepId.PERFORM_RESTORE).alignedTo();
        assertThat(alignedTo).isBetween(before, describe("prod").orElseThrow().latestRestorableTime());
        assertThat(tags("qa")).containsEntry("dbrefresh:aligned-to", alignedTo.toString());
    }

    @Test
    void refresh_restorePoint_isAlignedToTheRequestedTime() {
        // moto accepts RestoreTime and ignores it: the copy itself cannot show the point in time
        Instant at = Instant.parse("2024-04-30T23:00:00Z");

        refreshAll(plan(Plans.restore(RestoreType.RESTORE_POINT, "prod", "qa", at, null, null)), Emulators.clients());

        assertRefreshed("restorepoint");
        assertThat(results.get(StepId.PERFORM_RESTORE).alignedTo()).isEqualTo(at);
    }

    @Test
    void refresh_fromSnapshotByName_restoresThatSnapshot() {
        rds.createDBSnapshot(r -> r.dbInstanceIdentifier("prod").dbSnapshotIdentifier("prod-weekly"));
        rds.createDBSnapshot(r -> r.dbInstanceIdentifier("prod").dbSnapshotIdentifier("prod-later"));
        Instant taken = snapshot("prod-weekly").snapshotCreateTime();

        refreshAll(plan(Plans.restore(RestoreType.FROM_SNAPSHOT, "prod", "qa", null, "prod-weekly", null)), Emulators.clients());

        assertRefreshed("fromsnapshot");
        assertThat(results.get(StepId.PERFORM_RESTORE).snapshot()).isEqualTo("prod-weekly");
        assertThat(results.get(StepId.PERFORM_RESTORE).alignedTo()).isEqualTo(taken);
        assertThat(tags("qa")).containsEntry("dbrefresh:snapshot", "prod-weekly");
    }

    @Test
    void refresh_fromSnapshotWithoutName_restoresTheNewestSnapshotOfTheSource() {
        rds.createDBSnapshot(r -> r.dbInstanceIdentifier("prod").dbSnapshotIdentifier("prod-monday"));
        rds.createDBSnapshot(r -> r.dbInstanceIdentifier("prod").dbSnapshotIdentifier("prod-tuesday"));

        refreshAll(plan(Plans.restore(RestoreType.FROM_SNAPSHOT, "prod", "qa")), Emulators.clients());

        assertRefreshed("fromsnapshot");
        assertThat(results.get(StepId.PERFORM_RESTORE).snapshot()).isEqualTo("prod-tuesday");
        assertThat(results.get(StepId.PERFORM_RESTORE).alignedTo()).isEqualTo(snapshot("prod-tuesday").snapshotCreateTime());
    }

    @Test
    void restore_fromSnapshotGivenByArn_restoresIt() {
        String arn = rds.createDBSnapshot(r -> r.dbInstanceIdentifier("prod").dbSnapshotIdentifier("prod-by-arn"))
                .dbSnapshot().dbSnapshotArn();
        RefreshPlan plan = plan(Plans.restore(RestoreType.FROM_SNAPSHOT, "prod", "qa", null, arn, null));
        StepEnvironment env = environment(Emulators.clients());

        runToCompletion(new PerformRestore(env), new CheckStep(env), StepId.PERFORM_RESTORE, plan);

        assertThat(results.get(StepId.PERFORM_RESTORE).snapshot()).isEqualTo("prod-by-arn");
        assertThat(describe("qatemp")).isPresent();
    }

    @Test
    void restore_reportingCreatingThenBackingUp_isInProgressTwiceThenSucceeds() {
        StatusScript script = new StatusScript("qatemp", "creating", "backing-up");
        AwsClients clients = Emulators.clients(script);
        RefreshPlan plan = plan(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"));

        start(new PerformRestore(environment(clients)), StepId.PERFORM_RESTORE, plan);
        CheckStep check = new CheckStep(environment(clients));

        assertThat(check(check, StepId.PERFORM_RESTORE, plan).status()).isEqualTo(StepStatus.IN_PROGRESS);
        StepResult second = check(check, StepId.PERFORM_RESTORE, plan);
        assertThat(second.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(second.polls()).isEqualTo(2);
        assertThat(second.message()).contains("backing-up");
        StepResult third = check(check, StepId.PERFORM_RESTORE, plan);
        assertThat(third.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(third.polls()).as("every check is counted, the last one too").isEqualTo(3);
        assertThat(script.remaining()).isZero();
    }

    @Test
    void restore_reportingIncompatibleRestore_failsAtTheFirstCheck() {
        StatusScript script = new StatusScript("qatemp", "incompatible-restore", "incompatible-restore", "incompatible-restore");
        AwsClients clients = Emulators.clients(script);
        RefreshPlan plan = plan(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"));

        start(new PerformRestore(environment(clients)), StepId.PERFORM_RESTORE, plan);
        StepResult checked = check(new CheckStep(environment(clients)), StepId.PERFORM_RESTORE, plan);

        assertThat(checked.status()).isEqualTo(StepStatus.FAILED);
        assertThat(checked.polls()).as("the first check, and no other").isEqualTo(1);
        assertThat(checked.message()).contains("qatemp").contains("incompatible-restore");
    }

    @Test
    void restore_startedTwiceByTheSameExecution_restoresOnce() {
        RefreshPlan plan = plan(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"));
        PerformRestore handler = new PerformRestore(environment(Emulators.clients()));

        StepResult first = start(handler, StepId.PERFORM_RESTORE, plan);
        StepResult second = start(handler, StepId.PERFORM_RESTORE, plan);

        assertThat(second.resource()).isEqualTo("qatemp");
        assertThat(second.alignedTo()).isEqualTo(first.alignedTo());
        assertThat(second.message()).contains("already begun");
        assertThat(rds.describeDBInstances().dbInstances()).filteredOn(i -> i.dbInstanceIdentifier().startsWith("qatemp")).hasSize(1);
    }

    // --- the sequence, as the state machine runs it

    private void refreshAll(RefreshPlan plan, AwsClients clients) {
        StepEnvironment env = environment(clients);
        CheckStep check = new CheckStep(env);
        runToCompletion(new DeleteReplicas(env), check, StepId.DELETE_REPLICAS, plan);
        runToCompletion(new StopOldDatabase(env), check, StepId.STOP_OLD_DATABASE, plan);
        runToCompletion(new PerformRestore(env), check, StepId.PERFORM_RESTORE, plan);
        runToCompletion(new DeleteOldDatabase(env), check, StepId.DELETE_OLD_DATABASE, plan);
        runToCompletion(new RenameDatabase(env), check, StepId.RENAME_DATABASE, plan);
        runToCompletion(new FixTags(env), check, StepId.FIX_TAGS, plan);
        runToCompletion(new CreateReadReplicas(env), check, StepId.CREATE_READ_REPLICAS, plan);
    }

    private void runToCompletion(StepHandler<StepInput, StepResult> handler, CheckStep check, StepId step, RefreshPlan plan) {
        StepResult result = start(handler, step, plan);
        for (int poll = 0; result.status() == StepStatus.IN_PROGRESS; poll++) {
            assertThat(poll).as(step.displayName() + " kept running").isLessThan(MAX_POLLS);
            result = check(check, step, plan);
        }
        assertThat(result.status()).as(step.displayName() + ": " + result.message()).isEqualTo(StepStatus.SUCCEEDED);
    }

    private StepResult start(StepHandler<StepInput, StepResult> handler, StepId step, RefreshPlan plan) {
        StepResult result = throughTheDoor(handler, new StepInput(plan, Map.copyOf(results), execution(), null, null, null));
        assertThat(result.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(result.polls()).isZero();
        results.put(step, result);
        return result;
    }

    private StepResult check(CheckStep check, StepId step, RefreshPlan plan) {
        StepResult result = throughTheDoor(check, new StepInput(plan, Map.copyOf(results), execution(), step, null, null));
        results.put(step, result);
        return result;
    }

    /** As the local engine and Lambda call handlers: JSON in, JSON out. */
    private static StepResult throughTheDoor(StepHandler<StepInput, StepResult> handler, StepInput input) {
        try {
            return Json.MAPPER.readValue(handler.handle(Json.MAPPER.writeValueAsString(input)), StepResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertRefreshed(String restoreType) {
        DBInstance qa = describe("qa").orElseThrow();
        assertThat(qa.dbInstanceStatus()).isEqualTo("available");
        assertThat(describe("qatemp")).as("the temp copy took the target's place").isEmpty();

        Map<String, String> tags = tags("qa");
        assertThat(tags).containsEntry("env", "qa").containsEntry("owner", "qa-team")
                .containsEntry("dbrefresh:execution", EXECUTION).containsEntry("dbrefresh:source", "prod")
                .containsEntry("dbrefresh:restore-type", restoreType).containsKey("dbrefresh:refreshed-at")
                .doesNotContainKey("pci");

        String finalSnapshot = results.get(StepId.DELETE_OLD_DATABASE).snapshot();
        assertThat(finalSnapshot).startsWith("qa-final-");
        DBSnapshot kept = snapshot(finalSnapshot);
        assertThat(kept.status()).isEqualTo("available");
        assertThat(kept.tagList()).contains(Tag.builder().key("dbrefresh:execution").value(EXECUTION).build());

        assertThat(results.get(StepId.DELETE_REPLICAS).replicas())
                .containsExactlyInAnyOrder(new Replica("qa-r1", "db.t3.small"), new Replica("qa-r2", "db.t3.medium"));
        assertThat(describe("qa").orElseThrow().readReplicaDBInstanceIdentifiers()).containsExactlyInAnyOrder("qa-r1", "qa-r2");
        assertThat(describe("qa-r1").orElseThrow().dbInstanceClass()).isEqualTo("db.t3.small");
        assertThat(describe("qa-r2").orElseThrow().dbInstanceClass()).isEqualTo("db.t3.medium");
        assertThat(results.get(StepId.STOP_OLD_DATABASE).acted()).isTrue();
    }

    // --- helpers

    private static RefreshPlan plan(RestoreSpec restore) {
        // every step bounded at 4 hours, past the model's first check of each; MAX_POLLS bounds the test's own loops
        return Plans.plan("prod", "qa", restore, Plans.delete("qa", true, false), Plans.replicasAsBefore(), 30, 14_400 / 30);
    }

    private static StepEnvironment environment(AwsClients clients) {
        return new StepEnvironment(clients, Clock.systemUTC(), 0, null, null);
    }

    private static ExecutionRef execution() {
        return new ExecutionRef("arn:aws:states:us-east-1:123456789012:execution:refresh:" + EXECUTION, EXECUTION);
    }

    private Optional<DBInstance> describe(String id) {
        try {
            return rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().stream().findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    private DBSnapshot snapshot(String name) {
        return rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(name)).dbSnapshots().getFirst();
    }

    private Map<String, String> tags(String id) {
        Map<String, String> tags = new LinkedHashMap<>();
        rds.listTagsForResource(r -> r.resourceName(describe(id).orElseThrow().dbInstanceArn())).tagList()
                .forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    /**
     * Rewrites the status of one instance in DescribeDBInstances answers, one scripted status per
     * answer that contains it, then lets moto's own status through.
     */
    static final class StatusScript implements ExecutionInterceptor {
        private final String id;
        private final Deque<String> statuses;

        StatusScript(String id, String... statuses) {
            this.id = id;
            this.statuses = new ArrayDeque<>(List.of(statuses));
        }

        synchronized int remaining() {
            return statuses.size();
        }

        @Override
        public synchronized SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (!(context.response() instanceof DescribeDbInstancesResponse response) || statuses.isEmpty()
                    || response.dbInstances().stream().noneMatch(i -> id.equals(i.dbInstanceIdentifier()))) {
                return context.response();
            }
            String status = statuses.poll();
            return response.toBuilder().dbInstances(response.dbInstances().stream()
                    .map(i -> id.equals(i.dbInstanceIdentifier()) ? i.toBuilder().dbInstanceStatus(status).build() : i)
                    .toList()).build();
        }
    }
}
