package io.dbrefresh.steps;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.refreshfile.RefreshFiles;
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
     * The plan with the legacy passwords a refresh file may hold ({@code temppwd}). They are
     * kept out of {@code $.plan}, so the few Tasks that need one also get the execution's
     * input ({@code refreshFile}) and read it from there again.
     */
    public RefreshPlan planWithLegacyPasswords() {
        if (refreshFile == null || refreshFile.isNull()) {
            return plan;
        }
        RefreshPlan reread = RefreshFiles.read(refreshFile, java.time.Clock.systemUTC()).plan();
        return reread == null ? plan : reread;
    }

    public StepResult result(StepId id) {
        return results == null ? null : results.get(id);
    }

    /** The Error and Cause a Catch put in {@code $.error}. */
    public record CaughtError(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {
    }
}
