package io.dbrefresh.testing;

import java.net.URI;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.local.MotoServer;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * The emulator harness shared by integration and end-to-end tests: one moto server per
 * test JVM, started on first use on a free port, stopped when the JVM exits. Call
 * {@link #reset()} before each test.
 */
public final class Emulators {

    public static final Region REGION = Region.US_EAST_1;

    private static MotoServer moto;

    private Emulators() {
    }

    public static synchronized URI endpoint() {
        if (moto == null) {
            moto = MotoServer.start();
            MotoServer started = moto;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return moto.endpoint();
    }

    public static void reset() {
        endpoint();
        moto.reset();
    }

    public static AwsClients clients() {
        return clients(null);
    }

    /** Clients whose every call passes through {@code interceptor} (status sequences, faults). */
    public static AwsClients clients(ExecutionInterceptor interceptor) {
        return AwsClients.forEndpoint(endpoint(), REGION, "testing", "testing", interceptor);
    }
}
