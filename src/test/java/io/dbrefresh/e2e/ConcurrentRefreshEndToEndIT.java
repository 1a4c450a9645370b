package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.dbrefresh.local.ExecutionResult;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.rds.model.RdsRequest;

/**
 * Two local refreshes of one target started together: exactly one proceeds, the other is
 * refused at acquire-lock. The winner's RDS calls are held until the loser has ended, so
 * the winner cannot finish (and release) before the loser asks for the lock.
 */
class ConcurrentRefreshEndToEndIT {

    @Test
    void ofTwoRefreshesOfOneTargetStartedTogetherExactlyOneProceeds() throws Exception {
        HoldRds hold = new HoldRds();
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", hold)) {
            hold.armed.set(true);
            // a thread each: the common pool has a single worker on a two-core machine, which would run them in turn
            ExecutorService two = Executors.newFixedThreadPool(2);
            CompletableFuture<ExecutionResult> a = CompletableFuture.supplyAsync(() -> world.run("e2e-concurrent-a"), two);
            CompletableFuture<ExecutionResult> b = CompletableFuture.supplyAsync(() -> world.run("e2e-concurrent-b"), two);

            CompletableFuture.anyOf(a, b).get(120, TimeUnit.SECONDS);
            hold.release.countDown();
            List<ExecutionResult> results = List.of(a.get(300, TimeUnit.SECONDS), b.get(300, TimeUnit.SECONDS));
            two.shutdown();

            assertThat(results).extracting(ExecutionResult::status).containsExactlyInAnyOrder("SUCCEEDED", "FAILED");
            ExecutionResult refused = results.stream().filter(r -> "FAILED".equals(r.status())).findFirst().orElseThrow();
            assertThat(refused.error()).isEqualTo("io.dbrefresh.execution.TargetLockedException");
            assertThat(refused.cause()).contains("target mysqlinstd is being refreshed by execution");
            assertThat(world.historyRows()).singleElement()
                    .satisfies(r -> assertThat(r.get("status").s()).isEqualTo("SUCCEEDED"));
        }
    }

    /** Holds every RDS call, once armed, until released (or a minute has passed). */
    static final class HoldRds implements ExecutionInterceptor {
        final AtomicBoolean armed = new AtomicBoolean();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (armed.get() && context.request() instanceof RdsRequest) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
