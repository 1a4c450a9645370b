package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.crac.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.aws.AwsService;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Every function of the registry primes itself before a SnapStart snapshot, and what it
 * leaves in the snapshot is loaded classes only: no connection opened, no credential asked for.
 */
class PrimingTest {

    /** Counts every time a client asks for credentials: a primed snapshot must hold none. */
    static final class CountingCredentials implements AwsCredentialsProvider {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public AwsCredentials resolveCredentials() {
            asked.incrementAndGet();
            return AwsBasicCredentials.create("testing", "testing");
        }
    }

    @ParameterizedTest
    @MethodSource("functions")
    void beforeCheckpoint_primesJsonAndEveryServiceOfTheFunction_withoutConnectionsOrCredentials(StepFunction function)
            throws IOException {
        CountingCredentials credentials = new CountingCredentials();
        try (ServerSocket endpoint = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // the handler's own clients point here: a priming that used them would connect
            StepEnvironment env = new StepEnvironment(AwsClients.forEndpoint(
                    URI.create("http://127.0.0.1:" + endpoint.getLocalPort()), Region.US_EAST_1, credentials),
                    Clock.systemUTC(), 0, null, null);
            StepHandler<?, ?> handler = function.instantiate(env);
            long socketsBefore = openSockets();

            handler.beforeCheckpoint(null);

            Priming.Primed primed = handler.primed();
            assertThat(handler).isInstanceOf(Resource.class);
            assertThat(primed.failures()).as(function.name()).isEmpty();
            assertThat(primed.jsonChars()).as("the input's JSON round trip").isGreaterThan(500);
            assertThat(primed.services()).as(function.name()).isEqualTo(servicesGranted(function)).isNotEmpty();
            assertThat(primed.offlineRequests()).isEqualTo(primed.services().size());
            assertThat(credentials.asked).as("credentials asked for").hasValue(0);
            assertThat(accepted(endpoint)).as("a connection reached the handler's endpoint").isFalse();
            assertThat(openSockets()).as("open sockets of this JVM").isEqualTo(socketsBefore);
        }
    }

    @ParameterizedTest
    @MethodSource("functions")
    void afterRestore_needsNothingBack(StepFunction function) {
        StepHandler<?, ?> handler = function.instantiate(HandlerWiringTest.offlineEnvironment());

        handler.afterRestore(null);

        assertThat(handler.primed()).isNull();
    }

    @Test
    void services_areReadFromTheGrants_checkReadsRdsSecretsScriptsAndCommands_sendMsgAlsoMailsThroughSes() {
        assertThat(Priming.services(CheckStep.class)).containsExactlyInAnyOrder(
                AwsService.RDS, AwsService.SECRETS_MANAGER, AwsService.S3, AwsService.SSM);
        assertThat(Priming.services(SendMsg.class)).containsExactlyInAnyOrder(AwsService.RDS, AwsService.SNS, AwsService.SES);
        assertThat(Priming.services(RunScripts.class)).containsExactlyInAnyOrder(
                AwsService.RDS, AwsService.S3, AwsService.SSM, AwsService.LAMBDA);
    }

    @Test
    void input_ofATypeWithoutAPrimingInput_isRefused() {
        assertThatThrownBy(() -> Priming.input(String.class)).hasMessageContaining("no priming input");
    }

    @Test
    void input_ofAStep_isTheMainJobPlannedByTheValidator() throws IOException {
        String json = Priming.input(StepInput.class);

        assertThat(json).contains("\"mysqlinstd\"").contains("\"performRestore\"");
    }

    private static Set<AwsService> servicesGranted(StepFunction function) {
        Set<AwsService> services = EnumSet.noneOf(AwsService.class);
        function.grants().stream().flatMap(c -> c.services().stream()).forEach(services::add);
        return services;
    }

    /** True when a connection waits on {@code endpoint} (the kernel completes it even unaccepted). */
    private static boolean accepted(ServerSocket endpoint) throws IOException {
        endpoint.setSoTimeout(50);
        try {
            endpoint.accept().close();
            return true;
        } catch (SocketTimeoutException none) {
            return false;
        }
    }

    private static long openSockets() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    static List<StepFunction> functions() {
        return StepRegistry.all();
    }
}
