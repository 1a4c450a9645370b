package io.dbrefresh.steps;

import java.util.function.BiFunction;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/**
 * A step that starts an RDS operation: the handler names the operation, the plan picks the
 * variant ({@link DatabaseServices}), so no handler asks which service it serves.
 */
abstract class DatabaseStep extends StepHandler<StepInput, StepResult> {

    /** What a step starts, given the variants of both services. */
    @FunctionalInterface
    interface Operation {
        StepResult start(DatabaseServices services, StepInput input);
    }

    private final DatabaseServices services;
    private final Operation operation;

    DatabaseStep(StepEnvironment env, Operation operation) {
        super(StepInput.class);
        this.services = DatabaseServices.over(env);
        this.operation = operation;
    }

    /** A step both services have: the plan's service picks the variant. */
    static Operation shared(BiFunction<DatabaseSteps, StepInput, StepResult> start) {
        return (services, input) -> start.apply(services.forPlan(input.plan()), input);
    }

    /** A step only an Aurora refresh has (the state machine skips it for an instance). */
    static Operation cluster(BiFunction<ClusterSteps, StepInput, StepResult> start) {
        return (services, input) -> start.apply(services.clusters(), input);
    }

    @Override
    protected final StepResult handle(StepInput input) {
        return operation.start(services, input);
    }
}
