package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.refreshfile.Json;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;

/**
 * One fault at one step, as the fault suites inject it: a failing call (picked by operation,
 * resource and, where an earlier step makes the same call, content or caller), armed after
 * seeding; or a status shown to the step's check from the step's own start call on, released
 * once that check has reported the failure, so recovery sees the world as it is. Also what
 * the suites share around it: the cases run again with {@code finalsnapshot: false}, the
 * run's record and message, and the figures line each prints.
 */
final class StepFault {

    /** How a fault reaches the step. */
    enum Fault {
        THROTTLING_BURST, SERVER_ERROR, HANDLER_EXCEPTION, TERMINAL_STATUS, POLL_TIMEOUT,
        /** The step's call went through but its answer was lost: the step fails having acted. */
        RESPONSE_LOST
    }

    /** A step a suite faults: its state name, and whether its check watches a status a fault can show. */
    interface Faulted {
        String id();

        String operation();

        String resource();

        Predicate<SdkRequest> only();

        /** The instance or cluster the step's check watches; null when it watches no status (a deletion, tags). */
        String watched();

        default boolean watchesStatus() {
            return watched() != null;
        }
    }

    private final String stepId;
    private final String operation;
    private final String resource;
    private final FaultInjector injector;
    private final StickyStatus sticky;

    private StepFault(Faulted step, FaultInjector injector, StickyStatus sticky) {
        this.stepId = step.id();
        this.operation = step.operation();
        this.resource = step.resource();
        this.injector = injector;
        this.sticky = sticky;
    }

    /**
     * @param onceOnly the call fails once and then goes through (the read-only states, and the
     *                 history and notification tasks, which also run on the failure path)
     * @param status   the status faults' interceptor, by fault (terminal or in progress)
     */
    static StepFault of(Faulted step, Fault fault, boolean onceOnly, Function<Fault, StickyStatus> status) {
        int times = onceOnly ? 1 : Integer.MAX_VALUE;
        return switch (fault) {
            case THROTTLING_BURST -> failing(step, FaultInjector.Kind.THROTTLING, 2);
            case SERVER_ERROR -> failing(step, FaultInjector.Kind.SERVER_ERROR, times);
            case HANDLER_EXCEPTION -> failing(step, FaultInjector.Kind.HANDLER_EXCEPTION, times);
            case RESPONSE_LOST -> failing(step, FaultInjector.Kind.RESPONSE_LOST, Integer.MAX_VALUE);
            case TERMINAL_STATUS, POLL_TIMEOUT -> new StepFault(step, null, status.apply(fault));
        };
    }

    private static StepFault failing(Faulted step, FaultInjector.Kind kind, int times) {
        return new StepFault(step, new FaultInjector(step.operation(), step.resource(), step.only(), kind, times), null);
    }

    ExecutionInterceptor interceptor() {
        return injector != null ? injector : sticky;
    }

    /** From now on (after seeding) the fault reaches the step. */
    void arm() {
        if (injector != null) {
            injector.arm();
        } else {
            sticky.armedAfter(operation, resource);
        }
    }

    /** Runs the execution; a status fault is released when the step's check has failed (a terminal status, or the poll limit). */
    ExecutionResult run(LocalWorld world, String execution) {
        return world.run(execution, LocalWorld.fastRetries(), e -> { }, (state, function, input, output) -> {
            boolean failed = !output.startsWith("{") || output.contains("\"status\":\"FAILED\"");
            if (sticky != null && (stepId + ": check").equals(state) && failed) {
                sticky.release();
            }
        });
    }

    /** Faults that reached the step: calls failed, or 1 when the status was shown at all. */
    int injected() {
        return injector != null ? injector.injected() : (sticky.shown() > 0 ? 1 : 0);
    }

    /**
     * The cases of the steps named in the system property {@code faults.steps} (comma-separated step
     * ids, e.g. {@code -Dfaults.steps=delete-old-database,rename-database}), to run again the faults
     * of a few steps after a change to them; every case when it is not set.
     */
    static Stream<Arguments> selected(Stream<Arguments> cases) {
        String steps = System.getProperty("faults.steps");
        if (steps == null || steps.isBlank()) {
            return cases;
        }
        Set<String> ids = Set.of(steps.split(","));
        return cases.filter(a -> ids.contains(((Faulted) a.get()[0]).id()));
    }

    /**
     * The cases a suite runs again with {@code finalsnapshot: false}, at the steps where the old
     * data may go (from the old target's deletion to the copy taking its name): there the copy may
     * be the last copy of the data, which recovery must never delete.
     */
    static Stream<Arguments> withoutFinalSnapshot(List<? extends Faulted> steps, Set<String> ids) {
        List<Arguments> cases = new ArrayList<>();
        for (Faulted s : steps) {
            if (ids.contains(s.id())) {
                cases.add(Arguments.of(s, Fault.SERVER_ERROR));
                cases.add(Arguments.of(s, Fault.HANDLER_EXCEPTION));
                cases.add(Arguments.of(s, Fault.RESPONSE_LOST));
                if (s.watchesStatus()) {
                    cases.add(Arguments.of(s, Fault.TERMINAL_STATUS));
                }
            }
        }
        return cases.stream();
    }

    /** The file with {@code <block>.finalsnapshot: false}: the old database goes without a snapshot. */
    static String finalSnapshotOff(String json, String block) {
        try {
            JsonNode root = Json.MAPPER.readTree(json);
            ((ObjectNode) root.get(block)).put("finalsnapshot", false);
            return Json.MAPPER.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The file with {@code <block>.wait_time: 1, timeout: 3}: the block's step, which the model expects to take longer, gives up at its one check, at the 3-s bound. */
    static String pollTimeoutIn(String json, String block) {
        try {
            JsonNode root = Json.MAPPER.readTree(json);
            ((ObjectNode) root.get(block)).put("wait_time", 1).put("timeout", 3);
            return Json.MAPPER.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** fix-tags' call: the tags it sets say when the target was refreshed; the marks of stop and delete (same ARN) do not. */
    static boolean marksRefreshed(SdkRequest request) {
        return request instanceof AddTagsToResourceRequest r && r.tags().stream().anyMatch(t -> RefreshTags.REFRESHED_AT.equals(t.key()));
    }

    /**
     * The run's record and message: one history row and one message; a throttling burst the
     * state machine's Retry outlived ends SUCCEEDED, any other fault FAILED at the faulted step.
     *
     * @return the history row
     */
    static Map<String, AttributeValue> assertRecordedOnce(LocalWorld world, ExecutionResult result, String stepId, Fault fault) {
        List<Map<String, AttributeValue>> rows = world.historyRows();
        assertThat(rows).hasSize(1);
        assertThat(world.account.notifications()).as("one message per run").hasSize(1);
        if (fault == Fault.THROTTLING_BURST) {
            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
        } else {
            assertThat(result.status()).isEqualTo("FAILED");
            assertThat(rows.get(0).get("failedstep").s()).isEqualTo(stepId);
        }
        return rows.get(0);
    }

    /** A call made by one step's handler (its class on the calling stack): the same call of another step never fails. */
    static Predicate<SdkRequest> madeBy(Class<?> handler) {
        return r -> StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getClassName().equals(handler.getName())));
    }

    /** The line of figures a suite prints at the end; databases lost and runs that left something behind must be 0. */
    static final class Figures {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger faults = new AtomicInteger();
        final AtomicInteger recoveredOrCompleted = new AtomicInteger();
        final AtomicInteger databasesLost = new AtomicInteger();
        final AtomicInteger leftBehind = new AtomicInteger();

        /** Arms the fault after seeding, runs the execution and counts it with the faults that reached the step, which must be some. */
        ExecutionResult run(StepFault fault, LocalWorld world, String execution) {
            fault.arm();
            runs.incrementAndGet();
            ExecutionResult result = fault.run(world, execution);
            int injected = fault.injected();
            faults.addAndGet(injected);
            assertThat(injected).as("the fault reached the step").isPositive();
            return result;
        }

        /** Counts a run that lost the old data or left something behind; the suite then asserts neither happened. */
        void tally(boolean lost, boolean left) {
            if (lost) {
                databasesLost.incrementAndGet();
            }
            if (left) {
                leftBehind.incrementAndGet();
            }
        }

        void print(String suite) {
            System.out.printf("%s figures: runs=%d faults-injected=%d recovered-or-completed=%d databases-lost=%d left-behind=%d%n",
                    suite, runs.get(), faults.get(), recoveredOrCompleted.get(), databasesLost.get(), leftBehind.get());
        }
    }
}
