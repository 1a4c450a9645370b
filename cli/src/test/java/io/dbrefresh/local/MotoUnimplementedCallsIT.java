package io.dbrefresh.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.concurrent.atomic.AtomicInteger;

import io.dbrefresh.aws.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/** moto's 500 page for a call it does not have, given as 501 and not retried, against a real moto. */
class MotoUnimplementedCallsIT {

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    /** Counts the requests sent: one per attempt, retries included. */
    private static final class Attempts implements ExecutionInterceptor {
        final AtomicInteger sent = new AtomicInteger();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            sent.incrementAndGet();
        }
    }

    private static AwsClients clients(MotoUnimplementedCalls motoCalls, Attempts attempts) {
        return motoCalls == null ? AwsClients.forEndpoint(moto.endpoint(), Region.US_EAST_1, "testing", "testing", attempts)
                : AwsClients.forEndpoint(moto.endpoint(), Region.US_EAST_1, "testing", "testing", motoCalls).intercepting(attempts);
    }

    @Test
    void aCallMotoDoesNotHave_isAnsweredOnceAs501_withNoErrorCode_asPreflightReadsAnUnofferedCall() {
        Attempts attempts = new Attempts();
        AwsClients aws = clients(new MotoUnimplementedCalls(), attempts);

        AwsServiceException failure = catchThrowableOfType(AwsServiceException.class,
                () -> aws.rds().describeAccountAttributes(b -> { }));

        assertThat(attempts.sent).hasValue(1);
        assertThat(failure.statusCode()).isEqualTo(501);
        assertThat(failure.awsErrorDetails().errorCode()).isNullOrEmpty();
    }

    @Test
    void withoutIt_theSdkRetriesMotosFinalAnswer() {
        Attempts attempts = new Attempts();
        AwsClients aws = clients(null, attempts);

        AwsServiceException failure = catchThrowableOfType(AwsServiceException.class,
                () -> aws.rds().describeDBEngineVersions(b -> b.engine("mysql")));

        assertThat(attempts.sent.get()).isGreaterThan(1);
        assertThat(failure.statusCode()).isEqualTo(500);
    }

    @Test
    void aCallMotoHas_passesAsItCame() {
        Attempts attempts = new Attempts();
        AwsClients aws = clients(new MotoUnimplementedCalls(), attempts);

        assertThat(aws.rds().describeDBInstances().dbInstances()).isEmpty();
        assertThat(attempts.sent).hasValue(1);
    }
}
