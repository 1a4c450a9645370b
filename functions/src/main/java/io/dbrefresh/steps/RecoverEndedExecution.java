package io.dbrefresh.steps;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.refreshfile.Json;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Started by the EventBridge rule on the refresh state machine's executions that end FAILED,
 * TIMED_OUT or ABORTED: reads what the execution did from its history and runs the recovery
 * the state machine could not reach (see {@link EndedExecutionRecovery}). An execution whose
 * own recovery path ran, or that never took the lock, is left as it is.
 */
public class RecoverEndedExecution extends StepHandler<RecoverEndedExecution.StatusChange, EndedExecutionRecovery.Outcome> {

    /** The EventBridge event "Step Functions Execution Status Change"; only its detail is read. */
    public record StatusChange(Detail detail) {

        /**
         * @param startDate epoch milliseconds, as EventBridge sends it
         * @param input     the execution's input (the refresh file), as EventBridge sends it; not read: the plan
         *                  and results come from the history
         */
        public record Detail(String executionArn, String name, String status, Long startDate, String error, String cause,
                             String input) {
        }
    }

    private final SfnClient sfn;
    private final EndedExecutionRecovery recovery;

    public RecoverEndedExecution() {
        this(StepEnvironment.fromEnvironment());
    }

    public RecoverEndedExecution(StepEnvironment env) {
        this(env.aws().sfn(), new EndedExecutionRecovery(env));
    }

    RecoverEndedExecution(SfnClient sfn, EndedExecutionRecovery recovery) {
        super(StatusChange.class);
        this.sfn = sfn;
        this.recovery = recovery;
    }

    @Override
    protected EndedExecutionRecovery.Outcome handle(StatusChange event) {
        StatusChange.Detail d = event.detail();
        Instant started = d.startDate() == null ? null : Instant.ofEpochMilli(d.startDate());
        List<ExecutionTrail.EnteredState> entered = new ArrayList<>();
        for (HistoryEvent e : sfn.getExecutionHistoryPaginator(b -> b.executionArn(d.executionArn()).includeExecutionData(true))
                .events()) {
            // only the *StateEntered events carry these details
            if (e.stateEnteredEventDetails() != null) {
                entered.add(new ExecutionTrail.EnteredState(e.stateEnteredEventDetails().name(), e.stateEnteredEventDetails().input()));
            }
            if (e.lambdaFunctionScheduledEventDetails() != null) {
                started = taskStartTime(e.lambdaFunctionScheduledEventDetails().input(), started);
            }
        }
        return recovery.recover(new ExecutionTrail(new ExecutionRef(d.executionArn(), d.name(), started), d.status(), d.error(),
                d.cause(), entered));
    }

    /**
     * {@code $$.Execution.StartTime} as a Task got it: the key of the history row the run wrote
     * when it took the lock, which its recovery rewrites in place.
     */
    private static Instant taskStartTime(String taskInput, Instant otherwise) {
        try {
            JsonNode start = Json.MAPPER.readTree(taskInput).path("execution").path("startTime");
            return start.isTextual() ? Instant.parse(start.asText()) : otherwise;
        } catch (IOException | RuntimeException e) {
            return otherwise;
        }
    }
}
