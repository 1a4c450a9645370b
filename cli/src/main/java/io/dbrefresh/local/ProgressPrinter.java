package io.dbrefresh.local;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.refreshfile.Json;

/**
 * Prints a refresh as it happens: each step started, each check, how long each step took,
 * the steps skipped, retries and the recovery path. Reads only state names and the step
 * results, so it never prints a password.
 */
public final class ProgressPrinter implements ExecutionListener {

    /**
     * The steps in the order they run, with verify-copy before the swap and the end last: a step
     * the file does not run enters no state, so the steps passed over on the way to the next one
     * reached are the ones skipped.
     */
    private static final java.util.List<String> ORDER = order();

    private final PrintWriter out;
    private final Map<String, Instant> started = new HashMap<>();
    /** Index in {@link #ORDER} of the last step reached (started or skipped). */
    private int reached = -1;

    public ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void onEvent(ExecutionEvent e) {
        String state = e.state();
        switch (e.type()) {
            case "StateEntered" -> entered(e, state);
            case "StateExited" -> exited(e, state);
            case "StateRetried" -> out.printf("  ! %s: retrying after %s%n", state, nz(e.error()));
            case "StateCaught" -> out.printf("  x %s: %s%n", state, nz(e.error()));
            case "ExecutionFailed" -> out.printf("Refresh FAILED: %s%n", nz(e.error()));
            case "ExecutionTimeout" -> out.println("Refresh TIMED OUT");
            default -> {
            }
        }
        out.flush();
    }

    private static java.util.List<String> order() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (io.dbrefresh.refreshfile.StepId step : io.dbrefresh.refreshfile.StepId.values()) {
            if (step == io.dbrefresh.refreshfile.StepId.SWAP_STARTS_AT) {
                names.add(VERIFY_COPY);
            }
            names.add(step.displayName());
        }
        names.add(END);
        return java.util.List.copyOf(names);
    }

    private static final String VERIFY_COPY = "verify-copy";
    private static final String END = "refresh-complete";

    private void entered(ExecutionEvent e, String state) {
        if (state == null) {
            return;
        }
        // a step's start, verify-copy or the end: every step before it that was not reached was skipped; an X? Choice
        // (the first step from X on that runs) says the same of the steps before X
        boolean choice = state.endsWith("?") && !state.contains(": ") && "Choice".equals(e.stateType());
        int at = ORDER.indexOf(choice ? state.substring(0, state.length() - 1) : state);
        if (at >= 0 && ("Task".equals(e.stateType()) || choice || END.equals(state))) {
            for (int i = reached + 1; i < at; i++) {
                if (!VERIFY_COPY.equals(ORDER.get(i))) {
                    out.printf("- %-22s skipped%n", ORDER.get(i));
                }
            }
            reached = Math.max(reached, choice ? at - 1 : at);
        }
        // share-source's later calls are its checks (a definition before them re-entered share-source itself)
        if ("Task".equals(e.stateType()) && !state.endsWith(": check") && !("share-source".equals(state) && started.containsKey(state))) {
            started.put(state, e.timestamp());
            out.printf("> %-22s started%n", state);
        }
    }

    private void exited(ExecutionEvent e, String state) {
        if (state == null || !"Task".equals(e.stateType())) {
            return;
        }
        String step = state.endsWith(": check") ? state.substring(0, state.length() - ": check".length()) : state;
        JsonNode result = resultOf(e.output(), step);
        String status = result == null ? "" : result.path("status").asText("");
        String message = result == null ? "" : result.path("message").asText("");
        for (String list : new String[] {"removed", "actions"}) {
            // remove-source-copies and recovery say what they did as a list of actions
            if (message.isEmpty() && result != null && result.path(list).isArray() && !result.path(list).isEmpty()) {
                java.util.List<String> lines = new java.util.ArrayList<>();
                result.path(list).forEach(a -> lines.add(a.asText()));
                message = String.join("; ", lines);
            }
        }
        int polls = result == null ? 0 : result.path("polls").asInt();
        if ("IN_PROGRESS".equals(status)) {
            // share-source is its own poller: each call is a check
            if (state.endsWith(": check") || "share-source".equals(state)) {
                out.printf("  . %-20s check %d: %s%n", step, polls, message.isEmpty() ? "in progress" : message);
            }
            return;
        }
        Instant t0 = started.getOrDefault(step, e.timestamp());
        Duration took = Duration.between(t0, e.timestamp());
        out.printf("%s %-22s %s in %.1f s%s%s%n", "FAILED".equals(status) ? "x" : "+", step,
                status.isEmpty() ? "done" : status.toLowerCase(java.util.Locale.ROOT), took.toMillis() / 1000.0,
                polls > 0 ? " (" + polls + (polls == 1 ? " check)" : " checks)") : "",
                message.isEmpty() ? "" : ": " + message);
    }

    /** The step's entry in $.results, when the state's output has one. */
    private static JsonNode resultOf(String output, String step) {
        if (output == null) {
            return null;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(output);
            JsonNode results = root.path("results");
            for (var it = results.fields(); it.hasNext(); ) {
                var entry = it.next();
                if (step.equals(io.dbrefresh.refreshfile.StepId.fromId(entry.getKey()).displayName())) {
                    return entry.getValue();
                }
            }
            // pre-flight's result carries its warnings (a quota left nearly full) as its message
            String[] special = {"preflight", "preflight", "share-source", "sourceShare", "remove-source-copies", "sourceCopiesRemoved",
                "verify-copy", "verification", "recover", "recovery", "update-dynamodb-failure", "failureRecord", "send-msg-failure", "failureMessage"};
            for (int i = 0; i < special.length; i += 2) {
                if (special[i].equals(step) && root.has(special[i + 1])) {
                    return root.get(special[i + 1]);
                }
            }
            return null;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
