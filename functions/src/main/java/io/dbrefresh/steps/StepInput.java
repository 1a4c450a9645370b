package io.dbrefresh.steps;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

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
        RecoveryReport recovery) {

    public StepInput(RefreshPlan plan, Map<StepId, StepResult> results, ExecutionRef execution, StepId step,
                     String outcome, CaughtError error) {
        this(plan, results, execution, step, outcome, error, null);
    }

    public StepResult result(StepId id) {
        return results == null ? null : results.get(id);
    }

    /** The Error and Cause a Catch put in {@code $.error}. */
    public record CaughtError(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {
    }
}
