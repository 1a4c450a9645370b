package io.dbrefresh.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dbrefresh.fleet.Fleet;
import io.dbrefresh.fleet.FleetFiles;
import io.dbrefresh.fleet.FleetResult;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.rds.model.RdsRequest;

/**
 * A local fleet of {@code bench.targets} refreshes (default 20: half RDS for MySQL copies of
 * one instance, half Aurora MySQL copies of one cluster, small embedded databases) run at
 * concurrency 1 and at {@code bench.concurrency} (default 10), each in its own emulated
 * account: wall time per target, the ratio of the two, RDS API calls per refresh (the handlers'
 * and the alignment's, not the local engine's own bookkeeping), and the peak memory of the local
 * engine (this JVM and every process it started: the node runners, moto, the database server),
 * sampled every 200 ms from /proc. Run with
 * {@code mvn -q -pl cli -am -Pbench test -Dtest=FleetBench -Dsurefire.failIfNoSpecifiedTests=false};
 * writes {@code cli/target/bench/fleet.md}.
 */
class FleetBench {

    @TempDir
    Path dir;

    @Test
    void fleetAtConcurrencyOneAndTen() throws Exception {
        int targets = Integer.getInteger("bench.targets", 20);
        int concurrency = Integer.getInteger("bench.concurrency", 10);
        Path home = EngineDirectory.findHome();
        writeFleet(home, targets);
        List<String> rows = new ArrayList<>();
        rows.add("| concurrency | refreshes | succeeded | wall time | per target | RDS API calls per refresh | peak memory, all processes (MiB) | of which node runners (MiB) |");
        rows.add("| --- | --- | --- | --- | --- | --- | --- | --- |");
        double[] perTarget = new double[2];
        int i = 0;
        for (int c : new int[] {1, concurrency}) {
            Path fleetFile = dir.resolve("fleet-" + c + ".json");
            Files.writeString(fleetFile, "{\"name\": \"bench-" + c + "\", \"folder\": \".\", \"maxconcurrency\": " + c
                    + ", \"tolerance\": \"100%\", \"align\": true}");
            FleetResult read = FleetFiles.read(fleetFile);
            if (!read.valid()) {
                throw new IllegalStateException(read.errors().toString());
            }
            Fleet fleet = read.fleet();
            CountRds rds = new CountRds();
            Memory memory = new Memory();
            StringWriter out = new StringWriter();
            LocalFleet.Summary summary;
            memory.start();
            try {
                summary = new LocalFleet(new PrintWriter(out, true), home)
                        .run(fleet, new LocalFleet.Options(rds, null, null, TimingOverrides.NONE));
            } finally {
                memory.stop();
            }
            double seconds = summary.took().toMillis() / 1000.0;
            perTarget[i++] = seconds / targets;
            rows.add(String.format(Locale.ROOT, "| %d | %d | %d | %.0f s | %.1f s | %.0f | %d | %d |", c, targets,
                    summary.count(LocalFleet.Outcome.SUCCEEDED), seconds, seconds / targets, (double) rds.calls.get() / targets,
                    memory.peakTotal.get() / 1024, memory.peakNode.get() / 1024));
            System.out.println(out.toString().lines().filter(l -> l.startsWith("Fleet summary")).findFirst().orElse(""));
        }
        rows.add("");
        rows.add(String.format(Locale.ROOT, "wall time per target, concurrency 1 / concurrency %d: %.2f", concurrency,
                perTarget[0] / perTarget[1]));
        Path report = Path.of("target", "bench", "fleet.md");
        Files.createDirectories(report.getParent());
        Files.write(report, rows);
        rows.forEach(System.out::println);
    }

    /** Copies of two examples under new names: {@code n} targets, half RDS, half Aurora. */
    private void writeFleet(Path home, int n) throws IOException {
        String rds = Files.readString(home.resolve("refresh-files/rds-latestpoint.json"));
        String aurora = Files.readString(home.resolve("refresh-files/aurora-latestpoint.json"));
        for (int k = 1; k <= n; k++) {
            String id = String.format(Locale.ROOT, "%02d", k);
            String file = k % 2 == 1
                    ? rds.replace("mysqlinstd", "mysqlb" + id)
                    : aurora.replace("aumysclud", "aucb" + id).replace("aumysinstd", "auib" + id);
            Files.writeString(dir.resolve("target-" + id + ".json"), file.replace("\"./schema/", "\"" + home.resolve("refresh-files/schema") + "/"));
        }
    }

    /** Counts the RDS calls of the run's handlers and of the alignment. */
    static final class CountRds implements ExecutionInterceptor {
        final AtomicLong calls = new AtomicLong();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof RdsRequest) {
                calls.incrementAndGet();
            }
        }
    }

    /** Samples the resident memory of this JVM and every process below it. */
    static final class Memory {
        final AtomicLong peakTotal = new AtomicLong();
        final AtomicLong peakNode = new AtomicLong();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

        void start() {
            sampler.scheduleAtFixedRate(this::sample, 0, 200, TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }

        private void sample() {
            long total = rssKib(ProcessHandle.current().pid());
            long node = 0;
            for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
                long kib = rssKib(p.pid());
                total += kib;
                if (p.info().command().orElse("").contains("node")) {
                    node += kib;
                }
            }
            peakTotal.accumulateAndGet(total, Math::max);
            peakNode.accumulateAndGet(node, Math::max);
        }

        private static long rssKib(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process ended between listing and reading
            }
            return 0;
        }
    }
}
