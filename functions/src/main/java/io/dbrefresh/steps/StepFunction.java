package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.refreshfile.StepId;

/**
 * One Lambda function of the state machine: its name, the placeholder the definition uses
 * for its ARN, its handler class, and its sizing. Declared once in {@link StepRegistry};
 * the CDK app, the local engine and the tests all read it from there.
 *
 * @param step the refresh step it starts, or null for the shared tasks (validate, check, recover)
 */
public record StepFunction(String name, String handlerClass, StepId step, int memoryMb, int timeoutSeconds) {

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
