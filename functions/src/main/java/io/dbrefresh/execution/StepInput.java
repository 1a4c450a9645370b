package io.dbrefresh.execution;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;

/**
 * What every step Task passes its handler (the Task's Payload): the plan, the results so
 * far, the execution, and for the shared check handler the step being checked. {@code
 * outcome} is set by the final record/notify tasks (SUCCEEDED on the success path, FAILED
 * on the recovery path); {@code error} is the Catch's {@code $.error} on the recovery path.
 */
public record StepInput(
        RefreshPlan plan,
        Map<StepId, StepResult> results,
        ExecutionRef execution,
        StepId step,
        String outcome,
        CaughtError error,
        RecoveryReport recovery,
        JsonNode refreshFile) {

    public StepInput(RefreshPlan plan, Map<StepId, StepResult> results, ExecutionRef execution, StepId step,
                     String outcome, CaughtError error) {
        this(plan, results, execution, step, outcome, error, null, null);
    }

    public StepInput(RefreshPlan plan, Map<StepId, StepResult> results, ExecutionRef execution, StepId step,
                     String outcome, CaughtError error, RecoveryReport recovery) {
        this(plan, results, execution, step, outcome, error, recovery, null);
    }

    /**
     * A legacy password ({@code temppwd}) the refresh file holds in the first of these blocks
     * that has one, or null. Such passwords are kept out of {@code $.plan}, so the few Tasks
     * that need one also get the execution's input ({@code refreshFile}) and read it there.
     */
    public String legacyPassword(String... blocks) {
        if (refreshFile == null) {
            return null;
        }
        for (String block : blocks) {
            JsonNode value = refreshFile.path(block).path("temppwd");
            if (value.isTextual()) {
                return value.asText();
            }
        }
        return null;
    }

    public StepResult result(StepId id) {
        return results == null ? null : results.get(id);
    }

    /**
     * The Error and Cause a Catch put in {@code $.error}, and the name of the step whose Task
     * failed, which the state machine adds on its way to recovery (null where a check reported
     * FAILED: its result names the step).
     */
    public record CaughtError(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause,
                              @JsonProperty("State") String state) {

        public CaughtError(String error, String cause) {
            this(error, cause, null);
        }
    }
}
