package io.dbrefresh.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.local.MotoServer;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * The emulator harness shared by integration and end-to-end tests: one moto server per
 * test JVM, started on first use on a free port, stopped when the JVM exits. Call
 * {@link #reset()} before each test.
 *
 * <p>With {@code DBREFRESH_EMULATOR=localstack} (see {@link Emulator}) the services
 * LocalStack's free edition has (DynamoDB, SNS, SQS, S3, Secrets Manager, SSM) go to one
 * LocalStack container per JVM instead, started through Testcontainers (needs Docker); RDS,
 * and EC2 for its subnet groups, stay on moto, which is still started.
 */
public final class Emulators {

    public static final Region REGION = Region.US_EAST_1;

    /**
     * LocalStack takes a 12-digit access key as the account id: the same account as moto's,
     * so ARNs built from one emulator's answers are valid on the other.
     */
    static final String LOCALSTACK_ACCESS_KEY = MotoServer.ACCOUNT_ID;

    private static final Emulator SELECTED = Emulator.selected();

    private static MotoServer moto;
    private static LocalStackEmulator localStack;

    private Emulators() {
    }

    /** The emulator the settings of this JVM chose. */
    public static Emulator selected() {
        return SELECTED;
    }

    /** moto's endpoint: RDS (and every service when moto alone is selected). */
    public static synchronized URI endpoint() {
        if (moto == null) {
            moto = MotoServer.start();
            MotoServer started = moto;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return moto.endpoint();
    }

    /** The endpoint serving {@code serviceName} (the SDK's {@code XxxClient.SERVICE_NAME}). */
    public static URI endpoint(String serviceName) {
        return SELECTED.serving(serviceName) == Emulator.LOCALSTACK ? localStackEndpoint() : endpoint();
    }

    private static synchronized URI localStackEndpoint() {
        if (localStack == null) {
            localStack = LocalStackEmulator.start();
            LocalStackEmulator started = localStack;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return localStack.endpoint();
    }

    public static void reset() {
        endpoint();
        moto.reset();
        if (SELECTED == Emulator.LOCALSTACK) {
            localStackEndpoint();
            localStack.reset();
        }
    }

    public static AwsClients clients() {
        return clients(null);
    }

    /** Clients whose every call passes through {@code interceptor} (status sequences, faults). */
    public static AwsClients clients(ExecutionInterceptor interceptor) {
        if (SELECTED == Emulator.MOTO) {
            return AwsClients.forEndpoint(endpoint(), REGION, "testing", "testing", interceptor);
        }
        return AwsClients.forEndpoints(endpoint(), routes(SELECTED, localStackEndpoint()), REGION,
                LOCALSTACK_ACCESS_KEY, "testing", interceptor);
    }

    /** The services that do not go to moto, and where they go instead. */
    static Map<String, URI> routes(Emulator selected, URI localStack) {
        Map<String, URI> routes = new HashMap<>();
        for (String service : Emulator.LOCALSTACK_SERVICES) {
            if (selected.serving(service) == Emulator.LOCALSTACK) {
                routes.put(service, localStack);
            }
        }
        return routes;
    }
}
