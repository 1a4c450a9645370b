package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.execution.StepTimeoutException;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.Replica;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.testing.Plans;

class CheckStepTest {

    private static final Instant STARTED = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2024-05-01T10:45:30Z");
    private static final StepEnvironment ENV = new StepEnvironment(null, Clock.fixed(NOW, ZoneOffset.UTC), null, null, null);

    private final RefreshPlan plan = Plans.plan("prod", "qa", Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), null, null, 300, 4);

    private static StepResult started(StepId step, int polls) {
        return new StepResult(step.id(), StepStatus.IN_PROGRESS, 300, polls, STARTED, null, "started", "qatemp",
                List.of(new Replica("qa-r1", "db.t3.small")), STARTED.minusSeconds(60), "prod-weekly", true);
    }

    /** A plan whose steps may take four hours, checked at most every {@code waitSeconds}. */
    private static RefreshPlan longPlan(int waitSeconds) {
        return Plans.plan("prod", "qa", Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), null, null, waitSeconds,
                14_400 / waitSeconds);
    }

    private StepInput input(StepId step, StepResult current) {
        return input(plan, step, current);
    }

    private static StepInput input(RefreshPlan plan, StepId step, StepResult current) {
        return new StepInput(plan, Map.of(step, current), new ExecutionRef("arn:aws:states:us-east-1:123456789012:execution:refresh:e1", "e1"),
                step, null, null);
    }

    private static CheckStep checking(StepId step, Observation seen) {
        return new CheckStep(ENV, Map.of(step, (in, r) -> seen));
    }

    @Test
    void check_stillRunning_countsThePollAndAsksForTheSchedulesNextWait_aQuarterMinute() {
        // wait_time 300 is the ceiling; after the first check, the schedule checks every 15 s
        StepResult result = new CheckStep(ENV, Map.of(StepId.PERFORM_RESTORE, (in, r) -> Observation.inProgress("qatemp is creating")))
                .handle(input(longPlan(300), StepId.PERFORM_RESTORE, started(StepId.PERFORM_RESTORE, 0)));

        assertThat(result.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(result.polls()).isEqualTo(1);
        assertThat(result.waitSeconds()).isEqualTo(15);
        assertThat(result.scheduled()).as("45 min 30 s on the clock, then 15 s").isEqualTo(2730 + 15);
        assertThat(result.message()).isEqualTo("qatemp is creating");
        assertThat(result.finishedAt()).isNull();
    }

    @Test
    void check_waitTimeUnderAQuarterMinute_isTheIntervalBetweenChecks() {
        StepResult result = new CheckStep(ENV, Map.of(StepId.PERFORM_RESTORE, (in, r) -> Observation.inProgress("creating")))
                .handle(input(longPlan(10), StepId.PERFORM_RESTORE, started(StepId.PERFORM_RESTORE, 0)));

        assertThat(result.waitSeconds()).isEqualTo(10);
    }

    @Test
    void check_theLastWaitEndsAtTheTimeout() {
        // timeout 274 x 10 = 2740 s; 2730 s have passed: the next check comes at the bound, 10 s on
        RefreshPlan bounded = Plans.plan("prod", "qa", Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), null, null, 274, 10);
        StepResult result = new CheckStep(ENV, Map.of(StepId.PERFORM_RESTORE, (in, r) -> Observation.inProgress("creating")))
                .handle(input(bounded, StepId.PERFORM_RESTORE, started(StepId.PERFORM_RESTORE, 0)));

        assertThat(result.waitSeconds()).isEqualTo(10);
        assertThat(result.scheduled()).isEqualTo(2740);
    }

    @Test
    void check_waitIsCappedByTheEnvironment() {
        StepEnvironment local = new StepEnvironment(null, Clock.fixed(NOW, ZoneOffset.UTC), 0, null, null);
        CheckStep check = new CheckStep(local, Map.of(StepId.PERFORM_RESTORE, (in, r) -> Observation.inProgress("creating")));

        assertThat(check.handle(input(longPlan(300), StepId.PERFORM_RESTORE, started(StepId.PERFORM_RESTORE, 0))).waitSeconds()).isZero();
    }

    @Test
    void check_localRun_theBoundCountsTheWaitsAsScheduled_notAsShortened() {
        // a local run waits 0 s and its clock barely moves: the schedule's seconds still reach the bound
        StepEnvironment local = new StepEnvironment(null, Clock.fixed(STARTED, ZoneOffset.UTC), 0, null, null);
        CheckStep check = new CheckStep(local, Map.of(StepId.PERFORM_RESTORE, (in, r) -> Observation.inProgress("qatemp is creating")));

        StepResult nearTheEnd = check.handle(input(StepId.PERFORM_RESTORE, started(StepId.PERFORM_RESTORE, 1).withFirstCheck(0, 1190)));
        assertThat(nearTheEnd.waitSeconds()).isZero();
        assertThat(nearTheEnd.scheduled()).as("the bound, 300 x 4 s").isEqualTo(1200);
        assertThatThrownBy(() -> check.handle(input(StepId.PERFORM_RESTORE, nearTheEnd)))
                .isInstanceOf(StepTimeoutException.class)
                .hasMessageContaining("perform-restore did not finish within its timeout of 1200 s: 3 checks over 20 min 0 s");
    }

    @Test
    void check_done_succeedsAndKeepsWhatTheStartRemembered() {
        StepResult result = checking(StepId.DELETE_REPLICAS, Observation.done("read replicas deleted"))
                .handle(input(StepId.DELETE_REPLICAS, started(StepId.DELETE_REPLICAS, 2)));

        assertThat(result.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(result.finishedAt()).isEqualTo(NOW);
        assertThat(result.replicas()).containsExactly(new Replica("qa-r1", "db.t3.small"));
        assertThat(result.snapshot()).isEqualTo("prod-weekly");
        assertThat(result.acted()).isTrue();
        assertThat(result.startedAt()).isEqualTo(STARTED);
    }

    @Test
    void check_terminalFailure_failsAtOnceWithTheResourceAndStatus() {
        StepResult result = checking(StepId.PERFORM_RESTORE, Observation.failed("restore of DB instance qatemp failed: status incompatible-restore"))
                .handle(input(StepId.PERFORM_RESTORE, started(StepId.PERFORM_RESTORE, 0)));

        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(result.message()).contains("qatemp").contains("incompatible-restore");
        assertThat(result.finishedAt()).isEqualTo(NOW);
    }

    @Test
    void check_stillRunningAtTheTimeout_timesOutNamingTheStepTheBoundAndTheTimeWaited() {
        // the plan's timeout is 300 x 4 = 1200 s; 45 min 30 s have passed since the step started
        CheckStep check = checking(StepId.PERFORM_RESTORE, Observation.inProgress("qatemp is creating"));

        assertThatThrownBy(() -> check.handle(input(StepId.PERFORM_RESTORE, started(StepId.PERFORM_RESTORE, 3))))
                .isInstanceOf(StepTimeoutException.class)
                .hasMessageContaining("perform-restore did not finish within its timeout of 1200 s")
                .hasMessageContaining("4 checks")
                .hasMessageContaining("45 min 30 s")
                .hasMessageContaining("qatemp is creating");
    }

    @Test
    void check_looksAtTheStepNamedInTheInput() {
        List<StepId> looked = new ArrayList<>();
        CheckStep check = new CheckStep(ENV, Map.of(
                StepId.STOP_OLD_DATABASE, (in, r) -> { looked.add(StepId.STOP_OLD_DATABASE); return Observation.done("stopped"); },
                StepId.RENAME_DATABASE, (in, r) -> { looked.add(StepId.RENAME_DATABASE); return Observation.done("renamed"); }));

        StepResult result = check.handle(input(StepId.RENAME_DATABASE, started(StepId.RENAME_DATABASE, 0)));

        assertThat(looked).containsExactly(StepId.RENAME_DATABASE);
        assertThat(result.message()).isEqualTo("renamed");
    }

    @Test
    void check_stepWithoutResult_isRejected() {
        CheckStep check = checking(StepId.PERFORM_RESTORE, Observation.done("x"));
        StepInput noResult = new StepInput(plan, Map.of(), new ExecutionRef("id", "e1"), StepId.PERFORM_RESTORE, null, null);

        assertThatThrownBy(() -> check.handle(noResult)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perform-restore");
    }

    @Test
    void check_everyRdsStepHasACheck() {
        StepEnvironment env = HandlerWiringTest.offlineEnvironment();
        Map<StepId, StepCheck> checks = RdsChecks.over(env.aws().rds());

        assertThat(checks).containsOnlyKeys(StepId.DELETE_REPLICAS, StepId.STOP_OLD_DATABASE, StepId.PERFORM_RESTORE,
                StepId.DELETE_OLD_DATABASE, StepId.RENAME_DATABASE, StepId.FIX_TAGS, StepId.CREATE_READ_REPLICAS);
    }
}
