package io.dbrefresh.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The per-target lock against moto's DynamoDB: conditional writes, expiry, takeover, release. */
class TargetLockIT {

    private static final String TABLE = "lock-it";
    private static final String FIRST = "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:first";
    private static final String SECOND = "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:second";
    private static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");
    private static final Duration LIFETIME = Duration.ofHours(49);

    private DynamoDbClient dynamoDb;
    private final Map<String, String> statuses = new ConcurrentHashMap<>();

    @BeforeEach
    void emptyTable() {
        Emulators.reset();
        dynamoDb = Emulators.clients().dynamoDb();
        new HistoryTable(dynamoDb).create(TABLE);
    }

    private TargetLock lockAt(Instant now) {
        return lockAt(now, dynamoDb);
    }

    private TargetLock lockAt(Instant now, DynamoDbClient client) {
        return new TargetLock(client, arn -> Optional.ofNullable(statuses.get(arn)), Clock.fixed(now, ZoneOffset.UTC), LIFETIME);
    }

    /**
     * A client whose requests reach moto one at a time. DynamoDB checks a condition and writes
     * the item as one atomic operation; moto's threaded server checks and writes without a lock,
     * so two conditional puts that arrive together can both pass (an emulator gap, not DynamoDB's
     * behaviour). The callers still race each other through every step of the lock: only
     * each single request is made whole, as DynamoDB makes it.
     */
    private static DynamoDbClient oneRequestAtATime() {
        SdkHttpClient http = UrlConnectionHttpClient.builder().build();
        Object wire = new Object();
        SdkHttpClient serial = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                ExecutableHttpRequest prepared = http.prepareRequest(request);
                return new ExecutableHttpRequest() {
                    @Override
                    public HttpExecuteResponse call() throws IOException {
                        synchronized (wire) {
                            HttpExecuteResponse response = prepared.call();
                            byte[] body = response.responseBody().isPresent()
                                    ? response.responseBody().get().readAllBytes() : null;
                            return HttpExecuteResponse.builder().response(response.httpResponse())
                                    .responseBody(body == null ? null
                                            : AbortableInputStream.create(new ByteArrayInputStream(body)))
                                    .build();
                        }
                    }

                    @Override
                    public void abort() {
                        prepared.abort();
                    }
                };
            }

            @Override
            public void close() {
                http.close();
            }
        };
        return DynamoDbClient.builder().httpClient(serial).region(Emulators.REGION)
                .endpointOverride(Emulators.endpoint(DynamoDbClient.SERVICE_NAME))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
    }

    @Test
    void aSecondExecutionIsRefusedWithTheHoldersName() {
        lockAt(NOW).acquire(TABLE, "shopqa", FIRST);
        statuses.put(FIRST, "RUNNING");

        assertThatThrownBy(() -> lockAt(NOW.plusSeconds(60)).acquire(TABLE, "shopqa", SECOND))
                .isInstanceOf(TargetLock.LockHeldException.class)
                .hasMessageContaining("target shopqa is being refreshed by execution " + FIRST)
                .hasMessageContaining("since 2026-03-01T02:00:00Z");
    }

    @Test
    void twoSpellingsOfOneTarget_takeOneLock_becauseRdsIdentifiersIgnoreCase() {
        lockAt(NOW).acquire(TABLE, "MySQLInstD", FIRST);
        statuses.put(FIRST, "RUNNING");

        assertThatThrownBy(() -> lockAt(NOW.plusSeconds(60)).acquire(TABLE, "mysqlinstd", SECOND))
                .isInstanceOf(TargetLock.LockHeldException.class)
                .hasMessageContaining("is being refreshed by execution " + FIRST);
        assertThat(lockAt(NOW).holder(TABLE, "MYSQLINSTD")).map(TargetLock.Holder::execution).contains(FIRST);
        assertThat(lockAt(NOW).release(TABLE, "mysqlInstD", FIRST)).isTrue();
        assertThat(lockAt(NOW).holder(TABLE, "MySQLInstD")).isEmpty();
    }

    @Test
    void anotherTargetIsNotHeldByTheFirstOnesLock() {
        lockAt(NOW).acquire(TABLE, "shopqa", FIRST);

        assertThat(lockAt(NOW).acquire(TABLE, "shopdev", SECOND).holder().execution()).isEqualTo(SECOND);
    }

    @Test
    void theHoldingExecutionTakesItAgainWhenItsTaskIsRetried() {
        lockAt(NOW).acquire(TABLE, "shopqa", FIRST);

        assertThat(lockAt(NOW.plusSeconds(5)).acquire(TABLE, "shopqa", FIRST).holder().execution()).isEqualTo(FIRST);
    }

    @Test
    void releaseByTheHolderFreesTheTargetAndByAnyoneElseDoesNothing() {
        TargetLock lock = lockAt(NOW);
        lock.acquire(TABLE, "shopqa", FIRST);

        assertThat(lock.release(TABLE, "shopqa", SECOND)).isFalse();
        assertThat(lock.holder(TABLE, "shopqa")).map(TargetLock.Holder::execution).contains(FIRST);
        assertThat(lock.release(TABLE, "shopqa", FIRST)).isTrue();
        assertThat(lock.holder(TABLE, "shopqa")).isEmpty();
        assertThat(lock.acquire(TABLE, "shopqa", SECOND).holder().execution()).isEqualTo(SECOND);
    }

    @Test
    void theLockCarriesTheTtlAttributeAtItsLifetime() {
        lockAt(NOW).acquire(TABLE, "shopqa", FIRST);

        assertThat(lockAt(NOW).holder(TABLE, "shopqa")).get()
                .satisfies(h -> assertThat(h.expiresAt()).isEqualTo(NOW.plus(LIFETIME)));
        assertThat(dynamoDb.describeTimeToLive(b -> b.tableName(TABLE)).timeToLiveDescription().attributeName())
                .isEqualTo(HistoryIndexes.TTL_ATTRIBUTE);
    }

    @Test
    void anExpiredLockIsTakenOverEvenBeforeDynamoDbDeletesIt() {
        lockAt(NOW).acquire(TABLE, "shopqa", FIRST);
        statuses.put(FIRST, "RUNNING");

        TargetLock.Acquired taken = lockAt(NOW.plus(LIFETIME).plusSeconds(1)).acquire(TABLE, "shopqa", SECOND);

        assertThat(taken.holder().execution()).isEqualTo(SECOND);
    }

    @Test
    void aLockWhoseHolderWasAbortedIsTakenOverAtOnce() {
        lockAt(NOW).acquire(TABLE, "shopqa", FIRST);
        statuses.put(FIRST, "ABORTED");

        TargetLock.Acquired taken = lockAt(NOW.plusSeconds(60)).acquire(TABLE, "shopqa", SECOND);

        assertThat(taken.holder().execution()).isEqualTo(SECOND);
        assertThat(taken.previous().execution()).isEqualTo(FIRST);
    }

    @Test
    void aHolderStepFunctionsCannotFindKeepsItsLockUntilItExpires() {
        lockAt(NOW).acquire(TABLE, "shopqa", FIRST);

        assertThatThrownBy(() -> lockAt(NOW.plus(LIFETIME).minusSeconds(1)).acquire(TABLE, "shopqa", SECOND))
                .isInstanceOf(TargetLock.LockHeldException.class);
    }

    @Test
    void ofEightExecutionsStartedTogetherExactlyOneTakesTheTarget() throws Exception {
        DynamoDbClient serial = oneRequestAtATime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String execution = FIRST + "-" + i;
            outcomes.add(pool.submit(() -> {
                go.await();
                try {
                    lockAt(NOW, serial).acquire(TABLE, "shopqa", execution);
                    return true;
                } catch (TargetLock.LockHeldException e) {
                    return false;
                }
            }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> f : outcomes) {
            winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        serial.close();

        assertThat(winners).isEqualTo(1);
    }

    @Test
    void clearRemovesALockWhoeverHoldsIt() {
        lockAt(NOW).acquire(TABLE, "shopqa", FIRST);

        assertThat(lockAt(NOW).clear(TABLE, "shopqa")).map(TargetLock.Holder::execution).contains(FIRST);
        assertThat(lockAt(NOW).holder(TABLE, "shopqa")).isEmpty();
    }
}
