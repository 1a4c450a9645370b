package io.dbrefresh.local;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.fleet.AlignedFleet;
import io.dbrefresh.fleet.AlignedMember;
import io.dbrefresh.fleet.Fleet;
import io.dbrefresh.fleet.FleetAlignment;
import io.dbrefresh.fleet.FleetMember;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.notify.RefreshNotifier;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.scripts.SqlDialect;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * A whole fleet on this machine: one moto and one embedded server per engine family for the
 * whole run, the account seeded with what every refresh file expects (what files share, such
 * as a source, once), the common point in time chosen once when the fleet is aligned, then
 * every refresh through the real state machine, up to the fleet's concurrency at a time, wave
 * by wave. A failed refresh is recovered by its own execution and does not stop the others;
 * once the failures pass the fleet's tolerance, no further refresh is started.
 */
public final class LocalFleet {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final Path home;

    public LocalFleet(PrintWriter out, Path home) {
        this.out = out;
        this.home = home;
    }

    /**
     * How a local fleet run is set up beyond the fleet file (tests).
     *
     * @param interceptor sees every AWS call of the run (faults injected on purpose); may be null
     * @param beforeRun   sees the seeded account and its data before the first refresh starts; may be null
     * @param afterRun    sees them after the last refresh ended, before they stop; may be null
     * @param overrides   shortened waits or Retry intervals
     */
    public record Options(ExecutionInterceptor interceptor, Inspect beforeRun, Inspect afterRun, TimingOverrides overrides) {
        public static Options defaults() {
            return new Options(null, null, null, TimingOverrides.NONE);
        }
    }

    /** Looks at the emulated account and the data behind it (one per engine family of the fleet). */
    @FunctionalInterface
    public interface Inspect {
        void inspect(AwsClients aws, List<EmulatedData> data) throws Exception;
    }

    /** How one refresh of the fleet ended. */
    public enum Outcome {
        SUCCEEDED, FAILED, NOT_STARTED
    }

    /**
     * One refresh's result.
     *
     * @param alignedTo  the time its copy's data is of, from its history row (null when it has none)
     * @param took       from its start to its end
     * @param detail     why it failed or was not started; null when it succeeded
     */
    public record TargetResult(FleetMember member, Outcome outcome, String execution, Instant alignedTo, Duration took,
                               String detail) {
        public String target() {
            return member.target();
        }
    }

    /**
     * How the fleet ended: SUCCEEDED when its failures stayed within the tolerance, else FAILED.
     *
     * @param commonTime the time every refresh was aligned to (null: not aligned)
     */
    public record Summary(String fleet, String status, Instant commonTime, List<TargetResult> results, int failuresAllowed,
                          Duration took) {
        public boolean succeeded() {
            return RefreshRecord.SUCCEEDED.equals(status);
        }

        public long count(Outcome outcome) {
            return results.stream().filter(r -> r.outcome() == outcome).count();
        }

        public TargetResult of(String target) {
            return results.stream().filter(r -> r.target().equals(target)).findFirst().orElseThrow();
        }
    }

    public Summary run(Fleet fleet, Options options) {
        Map<SqlDialect, List<FleetMember>> byFamily = new EnumMap<>(SqlDialect.class);
        for (FleetMember m : fleet.members()) {
            LocalRefresh.refuseOtherAccounts(m.plan());
            byFamily.computeIfAbsent(LocalScripts.dialect(m.plan()), d -> new ArrayList<>()).add(m);
        }
        Map<String, LocalScripts> scripts = new LinkedHashMap<>();
        Map<SqlDialect, EmulatedData.SourceLoader> loaders = new EnumMap<>(SqlDialect.class);
        for (Map.Entry<SqlDialect, List<FleetMember>> family : byFamily.entrySet()) {
            if (LocalDatabases.serves(family.getKey())) {
                loaders.put(family.getKey(), LocalScripts.sourceLoader(home, null, family.getKey()));
                for (FleetMember m : family.getValue()) {
                    scripts.put(m.target(), LocalScripts.check(m.plan(), home, null, family.getKey()));
                }
            }
        }
        Map<SqlDialect, CompletableFuture<LocalDatabases>> starting = new EnumMap<>(SqlDialect.class);
        // a thread each: the common pool has a single worker on a two-core machine
        ExecutorService starters = Executors.newFixedThreadPool(Math.max(1, loaders.size()));
        loaders.keySet().forEach(d -> starting.put(d, CompletableFuture.supplyAsync(() -> LocalDatabases.start(d), starters)));
        starters.shutdown();
        List<LocalDatabases> servers = new ArrayList<>();
        LocalEndpoints endpoints = new LocalEndpoints();
        try (MotoServer moto = MotoServer.start()) {
            starting.values().forEach(f -> servers.add(f.join()));
            // the handlers' and the alignment's calls go through the caller's interceptor; the run's own seeding and
            // bookkeeping (the data kept in line with the account before each step) do not
            AwsClients aws = AwsClients.forEndpoint(moto.endpoint(), Region.of(LocalExecution.REGION), "testing", "testing",
                    options.interceptor());
            AwsClients own = AwsClients.forEndpoint(moto.endpoint(), Region.of(LocalExecution.REGION), "testing", "testing", null);
            out.println("AWS emulated by moto at " + moto.endpoint() + " (account " + LocalExecution.ACCOUNT + ", "
                    + LocalExecution.REGION + ")");
            servers.forEach(s -> out.println("Databases on an embedded " + s.describe()));
            try (EmulatedAccount account = new EmulatedAccount(own)) {
                for (FleetMember m : fleet.members()) {
                    account.seed(m.plan(), LocalRefresh.LOCAL_HISTORY_TABLE, null).forEach(l -> out.println("  seeded " + l));
                    LocalScripts s = scripts.get(m.target());
                    if (s != null) {
                        s.upload(own.s3()).forEach(l -> out.println("  seeded " + l));
                    }
                }
                List<EmulatedData> data = new ArrayList<>();
                for (LocalDatabases server : servers) {
                    SqlDialect dialect = server.dialect();
                    List<FleetMember> family = byFamily.get(dialect);
                    EmulatedData d = new EmulatedData(server, own.rds(), family.get(0).plan().source(), endpoints)
                            .onlyEngines(engine -> sameFamily(engine, dialect));
                    family.forEach(m -> d.alsoFrom(m.plan().source(), m.plan().restore().temp(), m.target()));
                    d.seed(loaders.get(dialect)).forEach(l -> out.println("  seeded " + l));
                    data.add(d);
                }
                if (options.beforeRun() != null) {
                    options.beforeRun().inspect(aws, data);
                }
                AlignedFleet prepared = new FleetAlignment(aws.rds(), Clock.systemUTC()).prepare(fleet);
                return runAll(fleet, prepared, endpoints.environment(
                        new StepEnvironment(aws, Clock.systemUTC(), 0, LocalRefresh.LOCAL_HISTORY_TABLE, null)), data, options);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                endpoints.clear();
            }
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains("moto")) {
                throw new LocalRefresh.LocalRunException("local run: " + e.getMessage().strip() + System.lineSeparator()
                        + "dbrefresh: fix: install moto (pipx install 'moto[server]'), or set DBREFRESH_MOTO to a command that starts moto_server");
            }
            throw e;
        } finally {
            for (CompletableFuture<LocalDatabases> f : starting.values()) {
                try {
                    f.join().close();
                } catch (RuntimeException alreadyReported) {
                    // a server that did not start has nothing to stop; its failure was thrown above
                }
            }
        }
    }

    private Summary runAll(Fleet fleet, AlignedFleet prepared, StepEnvironment env, List<EmulatedData> data, Options options)
            throws Exception {
        LocalEngine engine = new LocalEngine();
        engine.directory().ensureInstalled();
        AwsClients aws = env.aws();
        Runnable syncAll = () -> data.forEach(EmulatedData::sync);
        int allowed = fleet.failuresAllowed();
        out.println();
        out.println("Fleet " + fleet.name() + ": " + fleet.members().size() + " refreshes, at most " + fleet.maxConcurrency()
                + " at a time, " + allowed + " failure" + (allowed == 1 ? "" : "s") + " allowed");
        if (prepared.commonTime() != null) {
            out.println("aligned to " + prepared.commonTime() + ": every refresh restores to this point in time");
        }
        out.flush();
        Instant t0 = Instant.now();
        String stamp = STAMP.format(t0);
        AtomicInteger failures = new AtomicInteger();
        Map<String, TargetResult> results = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(fleet.maxConcurrency());
        try {
            List<List<FleetMember>> waves = fleet.waves();
            for (int w = 0; w < waves.size(); w++) {
                if (waves.size() > 1) {
                    say("wave " + (w + 1) + " of " + waves.size() + ": " + waves.get(w).size() + " refreshes");
                }
                List<Future<TargetResult>> running = new ArrayList<>();
                for (FleetMember m : waves.get(w)) {
                    AlignedMember aligned = prepared.member(m.target());
                    running.add(pool.submit(() -> runOne(aligned, stamp, engine, env, syncAll, failures, allowed, aws, options)));
                }
                for (Future<TargetResult> f : running) {
                    TargetResult r = f.get();
                    results.put(r.target(), r);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        syncAll.run();
        List<TargetResult> ordered = fleet.members().stream().map(m -> results.get(m.target())).toList();
        String status = failures.get() + (int) ordered.stream().filter(r -> r.outcome() == Outcome.NOT_STARTED).count() > allowed
                ? RefreshRecord.FAILED : RefreshRecord.SUCCEEDED;
        Summary summary = new Summary(fleet.name(), status, prepared.commonTime(), ordered, allowed, Duration.between(t0, Instant.now()));
        printSummary(summary);
        if (options.afterRun() != null) {
            options.afterRun().inspect(aws, data);
        }
        out.flush();
        return summary;
    }

    private TargetResult runOne(AlignedMember aligned, String stamp, LocalEngine engine, StepEnvironment env, Runnable syncAll,
                                AtomicInteger failures, int allowed, AwsClients aws, Options options) {
        FleetMember m = aligned.member();
        String target = m.target();
        if (failures.get() > allowed) {
            say(String.format("%-14s not started: the fleet already has %d failures, more than its tolerance of %d", target,
                    failures.get(), allowed));
            return new TargetResult(m, Outcome.NOT_STARTED, null, null, Duration.ZERO,
                    "not started: more failures than the fleet's tolerance (" + allowed + ")");
        }
        String execution = executionName(stamp, target);
        String input = aligned.json();
        if (!LocalDatabases.serves(LocalScripts.dialect(aligned.plan())) && aligned.plan().runs(StepId.RUN_SCRIPTS)) {
            input = LocalRefresh.withoutScripts(input);
        }
        say(String.format("%-14s started (%s, %s), execution %s", target, aligned.plan().restore().restoreType().json(),
                aligned.plan().service().json(), execution));
        Instant t0 = Instant.now();
        ExecutionResult result;
        try {
            result = new LocalExecution(engine, env, home, null).beforeEachTask(syncAll)
                    .run(input, execution, new TargetProgress(target), options.overrides());
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            say(String.format("%-14s FAILED: %s", target, e.getMessage()));
            return new TargetResult(m, Outcome.FAILED, execution, null, Duration.between(t0, Instant.now()), e.getMessage());
        }
        Duration took = Duration.between(t0, Instant.now());
        RefreshRecord row = lastRow(aws, aligned.plan());
        Instant alignedTo = row == null ? null : row.alignedTo();
        if (result.succeeded()) {
            say(String.format("%-14s SUCCEEDED in %s, data aligned to %s", target, RefreshNotifier.duration(took),
                    alignedTo == null ? "-" : alignedTo));
            return new TargetResult(m, Outcome.SUCCEEDED, execution, alignedTo, took, null);
        }
        failures.incrementAndGet();
        String detail = (row != null && row.failedStep() != null ? "at " + row.failedStep() + ": " : "") + result.error() + ": "
                + io.dbrefresh.steps.LambdaErrors.message(result.cause());
        say(String.format("%-14s FAILED in %s %s", target, RefreshNotifier.duration(took), detail));
        return new TargetResult(m, Outcome.FAILED, execution, alignedTo, took, detail);
    }

    private static RefreshRecord lastRow(AwsClients aws, RefreshPlan plan) {
        String table = plan.tableName() != null ? plan.tableName() : LocalRefresh.LOCAL_HISTORY_TABLE;
        List<RefreshRecord> rows = new HistoryTable(aws.dynamoDb()).byDatabase(table, plan.target(), null, 1);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Unique per refresh of the run, within Step Functions' 80 characters. */
    static String executionName(String stamp, String target) {
        String name = "fleet-" + stamp + "-" + target.replaceAll("[^A-Za-z0-9_-]", "-");
        return name.length() > 80 ? name.substring(0, 80) : name;
    }

    private static boolean sameFamily(String engine, SqlDialect dialect) {
        try {
            return SqlDialect.forEngine(engine) == dialect;
        } catch (RuntimeException unknown) {
            return false;
        }
    }

    private void printSummary(Summary s) {
        out.println();
        out.println("Fleet summary: " + s.fleet() + " " + s.status() + " in " + RefreshNotifier.duration(s.took()) + " ("
                + s.count(Outcome.SUCCEEDED) + " succeeded, " + s.count(Outcome.FAILED) + " failed, "
                + s.count(Outcome.NOT_STARTED) + " not started; " + s.failuresAllowed() + " failure"
                + (s.failuresAllowed() == 1 ? "" : "s") + " allowed)");
        if (s.commonTime() != null) {
            out.println("aligned to " + s.commonTime());
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TARGET", "APPLICATION", "ENVIRONMENT", "RESULT", "ALIGNED TO", "DURATION", "DETAIL"});
        for (TargetResult r : s.results()) {
            RefreshPlan plan = r.member().plan();
            rows.add(new String[] {r.target(), nz(plan.application()), nz(plan.environment()), r.outcome().name(),
                    r.alignedTo() == null ? "-" : r.alignedTo().toString(), RefreshNotifier.duration(r.took()),
                    r.detail() == null ? "" : r.detail()});
        }
        int[] widths = new int[rows.get(0).length - 1];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < widths.length; i++) {
                line.append(String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println((line + row[row.length - 1]).stripTrailing());
        }
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }

    private void say(String line) {
        synchronized (out) {
            out.println("  " + line);
            out.flush();
        }
    }

    /** One line per step a refresh enters, prefixed with its target: the fleet's progress, interleaved. */
    private final class TargetProgress implements ExecutionListener {
        private final String target;

        TargetProgress(String target) {
            this.target = target;
        }

        @Override
        public void onEvent(ExecutionEvent e) {
            switch (e.type()) {
                case "StateEntered" -> {
                    if ("Task".equals(e.stateType()) && e.state() != null && !e.state().endsWith(": check")) {
                        say(String.format("%-14s %s", target, e.state()));
                    }
                }
                case "StateRetried" -> say(String.format("%-14s ! %s: retrying after %s", target, e.state(), e.error()));
                case "StateCaught" -> say(String.format("%-14s x %s: %s", target, e.state(), e.error()));
                default -> {
                }
            }
        }
    }
}
