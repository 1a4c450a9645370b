package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.StepEnvironment;
import software.amazon.awssdk.regions.Region;

/** The handler classes the registry names exist and build through the constructor the local engine uses. */
class HandlerWiringTest {

    /** Clients for an endpoint nothing listens on: building handlers must not call AWS. */
    static StepEnvironment offlineEnvironment() {
        return new StepEnvironment(AwsClients.forEndpoint(URI.create("http://127.0.0.1:9"), Region.US_EAST_1, "testing", "testing", null),
                Clock.systemUTC(), 0, null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DeleteReplicas", "StopOldDatabase", "PerformRestore", "DeleteOldDatabase", "RenameDatabase",
            "FixTags", "CreateReadReplicas", "CheckStep", "CreateInstance", "DeleteOldCluster", "RenameCluster", "Recover"})
    void registryFunction_buildsItsHandlerForAnEnvironment(String name) {
        StepFunction function = StepRegistry.byName(name).orElseThrow();

        StepHandler<?, ?> handler = function.instantiate(offlineEnvironment());

        assertThat(handler.getClass().getName()).isEqualTo(function.handlerClass());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DeleteReplicas", "StopOldDatabase", "PerformRestore", "DeleteOldDatabase", "RenameDatabase",
            "FixTags", "CreateReadReplicas", "CheckStep", "CreateInstance", "DeleteOldCluster", "RenameCluster", "Recover"})
    void handler_hasThePublicNoArgumentConstructorLambdaNeeds(String name) throws Exception {
        Class<?> type = Class.forName(StepRegistry.byName(name).orElseThrow().handlerClass());

        assertThat(List.of(type.getConstructors())).anyMatch(c -> c.getParameterCount() == 0);
    }
}
