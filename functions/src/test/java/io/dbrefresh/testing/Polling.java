package io.dbrefresh.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.steps.CheckStep;

/**
 * One check of a step's result through the shared check handler, as the state machine runs it:
 * the step's check observes, {@link CheckStep} counts the poll, sets the wait and raises the
 * timeout at the plan's bound.
 */
public final class Polling {

    private Polling() {
    }

    public static StepResult check(StepEnvironment env, StepInput in, StepResult current) {
        StepId step = StepId.fromId(current.step());
        Map<StepId, StepResult> results = new HashMap<>(in.results() == null ? Map.of() : in.results());
        results.put(step, current);
        StepInput checking = new StepInput(in.plan(), results, in.execution(), step, in.outcome(), in.error(), in.recovery(),
                in.refreshFile());
        try {
            return Json.MAPPER.readValue(new CheckStep(env).handle(Json.MAPPER.writeValueAsString(checking)), StepResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
