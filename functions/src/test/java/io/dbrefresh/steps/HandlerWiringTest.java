package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.StepEnvironment;
import software.amazon.awssdk.regions.Region;

/** Every function of the registry: its handler exists, builds the ways Lambda and the local engine build it, and may do something. */
class HandlerWiringTest {

    /** Clients for an endpoint nothing listens on: building handlers must not call AWS. */
    static StepEnvironment offlineEnvironment() {
        return new StepEnvironment(AwsClients.forEndpoint(URI.create("http://127.0.0.1:9"), Region.US_EAST_1, "testing", "testing", null),
                Clock.systemUTC(), 0, null, null);
    }

    @ParameterizedTest
    @MethodSource("functions")
    void registryFunction_buildsItsHandlerForAnEnvironment(StepFunction function) {
        StepHandler<?, ?> handler = function.instantiate(offlineEnvironment());

        assertThat(handler.getClass().getName()).isEqualTo(function.handlerClass());
    }

    @ParameterizedTest
    @MethodSource("functions")
    void handler_hasThePublicNoArgumentConstructorLambdaNeeds(StepFunction function) throws Exception {
        Class<?> type = Class.forName(function.handlerClass());

        assertThat(List.of(type.getConstructors())).anyMatch(c -> c.getParameterCount() == 0);
    }

    @ParameterizedTest
    @MethodSource("functions")
    void registryFunction_mayDoWhatItsStepNeeds_beyondLogs(StepFunction function) {
        assertThat(function.grants()).as(function.name() + " would deploy with logs and traces only").isNotEmpty();
        assertThat(function.memoryMb()).isPositive();
        assertThat(function.timeoutSeconds()).isPositive();
    }

    @Test
    void registryFunctionNames_areUnique() {
        assertThat(StepRegistry.all()).extracting(StepFunction::name).doesNotHaveDuplicates();
    }

    static List<StepFunction> functions() {
        return StepRegistry.all();
    }
}
