package io.dbrefresh.steps;

import java.util.EnumSet;
import java.util.Set;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.refreshfile.StepId;

/**
 * One Lambda function of the state machine: its name, the placeholder the definition uses
 * for its ARN, its handler class, its sizing and what it may do. Declared once in
 * {@link StepRegistry}; the CDK app, the local engine, the state machine generator and the
 * tests all read it from there.
 *
 * @param step   the refresh step it starts, or null for the shared tasks (validate, check, recover)
 * @param grants what it may do beyond writing its logs and traces
 */
public record StepFunction(String name, String handlerClass, StepId step, int memoryMb, int timeoutSeconds,
                           Set<Capability> grants) {

    public StepFunction {
        grants = grants.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(grants));
    }

    /** A function named after its handler class. */
    static StepFunction of(Class<? extends StepHandler<?, ?>> handler, StepId step, int memoryMb, int timeoutSeconds,
                           Capability... grants) {
        return named(handler.getSimpleName(), handler, step, memoryMb, timeoutSeconds, grants);
    }

    static StepFunction named(String name, Class<? extends StepHandler<?, ?>> handler, StepId step, int memoryMb,
                              int timeoutSeconds, Capability... grants) {
        return new StepFunction(name, handler.getName(), step, memoryMb, timeoutSeconds, Set.of(grants));
    }

    /** The ASL placeholder for this function's ARN, e.g. {@code ${PerformRestoreFunctionArn}}. */
    public String placeholder() {
        return name + "FunctionArn";
    }

    /** The Lambda handler string. */
    public String lambdaHandler() {
        return handlerClass + "::handleRequest";
    }

    /**
     * A handler built for {@code env} through its public {@code (StepEnvironment)} constructor,
     * the one a local run and the end-to-end tests use.
     */
    public StepHandler<?, ?> instantiate(StepEnvironment env) {
        try {
            return (StepHandler<?, ?>) Class.forName(handlerClass).getConstructor(StepEnvironment.class).newInstance(env);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("step function " + name + ": cannot build " + handlerClass, e);
        }
    }
}
