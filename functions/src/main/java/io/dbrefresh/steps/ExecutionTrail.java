package io.dbrefresh.steps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.refreshfile.Json;

/**
 * What an ended execution did, read from its history: how it ended and each state it entered
 * with the data it entered it with. Step Functions' own history on AWS, the engine's events
 * in a local run; either way the last entered state's input holds the plan and the results
 * the recovery needs.
 *
 * @param status  SUCCEEDED, FAILED, TIMED_OUT or ABORTED
 * @param error   the execution's error name, when it failed
 * @param cause   the execution's cause, when it failed
 * @param entered every state the execution entered, oldest first
 */
public record ExecutionTrail(ExecutionRef execution, String status, String error, String cause, List<EnteredState> entered) {

    /** A state the execution entered, with its input as JSON (null when the history left it out). */
    public record EnteredState(String name, String input) {
    }

    /** States that end a run whose own paths already recorded it, or one that never took the lock. */
    private static final Set<String> HANDLED_ENDS = Set.of(StateNames.FAILED, StateNames.SUCCEEDED, StateNames.INVALID,
            StateNames.LOCKED);
    private static final List<String> STATE_SUFFIXES = List.of(StateNames.FAILED_AT, ": check", ": done?", ": wait", "?");

    public ExecutionTrail {
        entered = List.copyOf(entered);
    }

    /**
     * Why this execution needs no recovery from outside, or empty when it does: it succeeded,
     * its recovery path reached the end (recovered, recorded, notified), it never took the lock
     * (an invalid file, a target another run holds: nothing was touched, and the lock is not
     * its to release), or no state ever held a plan.
     */
    public Optional<String> noRecoveryNeeded() {
        if ("SUCCEEDED".equals(status)) {
            return Optional.of("the execution succeeded");
        }
        for (EnteredState s : entered) {
            if (HANDLED_ENDS.contains(s.name())) {
                return Optional.of("the execution ended through " + s.name() + ", which recorded it");
            }
        }
        if (lastWithPlan().isEmpty()) {
            return Optional.of("the execution stopped before its refresh file was validated: nothing was touched");
        }
        return Optional.empty();
    }

    /** The state the execution was in when it ended (the last it entered), or null. */
    public String lastState() {
        return entered.isEmpty() ? null : entered.get(entered.size() - 1).name();
    }

    /**
     * The step a state belongs to: {@code perform-restore: check} and {@code perform-restore?}
     * are perform-restore; the state machine's own states keep their names.
     */
    public static String stepOf(String state) {
        if (state == null) {
            return null;
        }
        for (String suffix : STATE_SUFFIXES) {
            if (state.endsWith(suffix)) {
                return state.substring(0, state.length() - suffix.length());
            }
        }
        return state;
    }

    /**
     * What the recovery path's tasks get, as if a Catch had sent the run there: the plan and
     * results it last held, and an error naming how it ended and where. A run stopped inside
     * its own recovery path keeps the step that failed first.
     */
    public StepInput failureInput() {
        JsonNode data = lastWithPlan().orElseThrow(() -> new IllegalStateException("no state of " + execution.name() + " held a plan"));
        ObjectNode in = Json.MAPPER.createObjectNode();
        in.set("plan", data.get("plan"));
        in.set("results", data.has("results") ? data.get("results") : Json.MAPPER.createObjectNode());
        JsonNode caught = data.path("error");
        String failedStep = caught.hasNonNull("State") ? caught.get("State").asText() : stepOf(lastState());
        try {
            StepInput base = Json.MAPPER.treeToValue(in, StepInput.class);
            return new StepInput(base.plan(), base.results(), execution, null, "FAILED",
                    new StepInput.CaughtError(errorName(), causeText(failedStep), failedStep));
        } catch (IOException e) {
            throw new UncheckedIOException("the plan that " + execution.name() + " held cannot be read", e);
        }
    }

    private String errorName() {
        return switch (status) {
            case "ABORTED" -> "States.Aborted";
            case "TIMED_OUT" -> "States.Timeout";
            default -> error == null ? "States.Runtime" : error;
        };
    }

    private String causeText(String failedStep) {
        String where = " at " + lastState() + (failedStep == null || failedStep.equals(lastState()) ? "" : " (step " + failedStep + ")");
        return switch (status) {
            case "ABORTED" -> "the execution was stopped" + where + "; recovered from outside the state machine";
            case "TIMED_OUT" -> "the execution ran past its TimeoutSeconds" + where + "; recovered from outside the state machine";
            default -> "the execution failed" + where + " where no Catch could reach it: " + LambdaErrors.message(cause);
        };
    }

    private Optional<JsonNode> lastWithPlan() {
        for (int i = entered.size() - 1; i >= 0; i--) {
            String input = entered.get(i).input();
            if (input == null) {
                continue;
            }
            try {
                JsonNode node = Json.MAPPER.readTree(input);
                if (node != null && node.path("plan").isObject()) {
                    return Optional.of(node);
                }
            } catch (IOException e) {
                // a truncated or missing input: an earlier state's is the next best
            }
        }
        return Optional.empty();
    }
}
