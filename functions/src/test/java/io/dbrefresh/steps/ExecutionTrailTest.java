package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.refreshfile.StepId;

/** What an execution that ended outside its recovery path did, read from the states it entered. */
class ExecutionTrailTest {

    static final ExecutionRef EXECUTION = new ExecutionRef("arn:aws:states:us-east-1:123456789012:execution:refresh:e1", "e1",
            Instant.parse("2026-12-06T10:00:00Z"));
    static final String PLAN = "{\"plan\":{\"service\":\"rds\",\"source\":\"mysqlinstp\",\"target\":\"mysqlinstd\","
            + "\"steps\":{\"performRestore\":{\"id\":\"performRestore\",\"run\":true,\"waitSeconds\":5,\"maxPolls\":3,\"check\":true}}}}";
    static final String WITH_RESULTS = PLAN.substring(0, PLAN.length() - 1)
            + ",\"results\":{\"performRestore\":{\"step\":\"performRestore\",\"status\":\"IN_PROGRESS\",\"resource\":\"mysqlinstdtemp\"}}}";

    private static List<ExecutionTrail.EnteredState> upTo(String... more) {
        List<ExecutionTrail.EnteredState> states = new ArrayList<>(List.of(
                new ExecutionTrail.EnteredState("validate-refresh-file", "{\"restore\":{}}"),
                new ExecutionTrail.EnteredState("acquire-lock", PLAN),
                new ExecutionTrail.EnteredState("guard-target", PLAN)));
        for (String name : more) {
            states.add(new ExecutionTrail.EnteredState(name, WITH_RESULTS));
        }
        return states;
    }

    @Test
    void stoppedWhileTheRestoreWasPolled_needsRecovery_namingTheStepAndTheStop() {
        ExecutionTrail trail = new ExecutionTrail(EXECUTION, "ABORTED", null, null,
                upTo("preflight", "perform-restore?", "perform-restore", "perform-restore: wait"));

        assertThat(trail.noRecoveryNeeded()).isEmpty();
        StepInput in = trail.failureInput();
        assertThat(in.error().state()).isEqualTo("perform-restore");
        assertThat(in.error().error()).isEqualTo("States.Aborted");
        assertThat(in.error().cause()).contains("stopped at perform-restore: wait");
        assertThat(in.outcome()).isEqualTo("FAILED");
        assertThat(in.plan().target()).isEqualTo("mysqlinstd");
        assertThat(in.result(StepId.PERFORM_RESTORE).resource()).as("the results it last held").isEqualTo("mysqlinstdtemp");
        assertThat(in.execution()).isEqualTo(EXECUTION);
        assertThat(RefreshOutcome.failedStep(in)).isEqualTo("perform-restore");
    }

    @Test
    void timedOut_isStatesTimeout() {
        ExecutionTrail trail = new ExecutionTrail(EXECUTION, "TIMED_OUT", null, null, upTo("perform-restore: check"));

        assertThat(trail.failureInput().error().error()).isEqualTo("States.Timeout");
        assertThat(trail.failureInput().error().cause()).contains("TimeoutSeconds").contains("perform-restore: check");
    }

    @Test
    void failedWhereNoCatchReaches_keepsTheExecutionsError() {
        ExecutionTrail trail = new ExecutionTrail(EXECUTION, "FAILED", "States.DataLimitExceeded", "the state output was too large",
                upTo("perform-restore"));

        assertThat(trail.noRecoveryNeeded()).isEmpty();
        assertThat(trail.failureInput().error().error()).isEqualTo("States.DataLimitExceeded");
        assertThat(trail.failureInput().error().cause()).contains("the state output was too large");
    }

    @Test
    void aRunWhoseRecoveryPathEnded_aRefusedFileAndALockedTarget_areLeftAlone() {
        assertThat(new ExecutionTrail(EXECUTION, "FAILED", "StepFailed", "x",
                upTo("perform-restore", "perform-restore: failed", "recover", "update-dynamodb-failure", "send-msg-failure",
                        "failure-cause?", "refresh-failed")).noRecoveryNeeded()).isPresent();
        assertThat(new ExecutionTrail(EXECUTION, "FAILED", "X", "x", List.of(
                new ExecutionTrail.EnteredState("validate-refresh-file", "{}"),
                new ExecutionTrail.EnteredState("refresh-file-invalid", "{}"))).noRecoveryNeeded()).isPresent();
        assertThat(new ExecutionTrail(EXECUTION, "FAILED", "X", "x", List.of(
                new ExecutionTrail.EnteredState("validate-refresh-file", "{}"),
                new ExecutionTrail.EnteredState("acquire-lock", PLAN),
                new ExecutionTrail.EnteredState("target-locked", PLAN))).noRecoveryNeeded())
                .as("the lock is another run's: not this run's to release").isPresent();
        assertThat(new ExecutionTrail(EXECUTION, "ABORTED", null, null, List.of(
                new ExecutionTrail.EnteredState("validate-refresh-file", "{}"))).noRecoveryNeeded()).isPresent();
        assertThat(new ExecutionTrail(EXECUTION, "SUCCEEDED", null, null, upTo()).noRecoveryNeeded()).isPresent();
    }

    @Test
    void stoppedInsideItsRecoveryPath_isRecoveredAgain_keepingTheStepThatFailedFirst() {
        List<ExecutionTrail.EnteredState> states = upTo("perform-restore");
        states.add(new ExecutionTrail.EnteredState("recover", WITH_RESULTS.substring(0, WITH_RESULTS.length() - 1)
                + ",\"error\":{\"Error\":\"E\",\"Cause\":\"c\",\"State\":\"perform-restore\"}}"));
        ExecutionTrail trail = new ExecutionTrail(EXECUTION, "ABORTED", null, null, states);

        assertThat(trail.noRecoveryNeeded()).isEmpty();
        assertThat(trail.failureInput().error().state()).isEqualTo("perform-restore");
        assertThat(trail.failureInput().error().cause()).contains("stopped at recover (step perform-restore)");
    }

    @Test
    void stepOf_readsTheStepFromAnyOfItsStates() {
        assertThat(ExecutionTrail.stepOf("rename-database: check")).isEqualTo("rename-database");
        assertThat(ExecutionTrail.stepOf("rename-database: done?")).isEqualTo("rename-database");
        assertThat(ExecutionTrail.stepOf("rename-database: wait")).isEqualTo("rename-database");
        assertThat(ExecutionTrail.stepOf("rename-database?")).isEqualTo("rename-database");
        assertThat(ExecutionTrail.stepOf("guard-target: failed")).isEqualTo("guard-target");
        assertThat(ExecutionTrail.stepOf("preflight")).isEqualTo("preflight");
        // share-source's later calls are its checks
        assertThat(ExecutionTrail.stepOf("share-source: check")).isEqualTo("share-source");
    }
}
