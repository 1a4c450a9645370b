package io.dbrefresh.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.scripts.SqlDialect;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * The emulated world a local run stands in, the one way every local caller builds it
 * ({@code run --local} and its {@code --account} and {@code --fleet} forms, the console, the
 * end-to-end tests, the benchmarks): start moto and an embedded database server per engine
 * family, seed the emulated account from a refresh plan (what the file expects) or from an
 * account description file (what exists), back each emulated database by a real one, run
 * executions of the real state machine in it, stop.
 *
 * <p>It prints nothing. Seeding returns what it created, one line each; an execution streams its
 * events to the caller's {@link ExecutionListener}. The CLI's printer ({@link ProgressPrinter})
 * is one listener, a test's recorder another.
 */
public final class EmulatedWorld implements AutoCloseable {

    /** The history table a local run uses when the refresh file names none. */
    public static final String HISTORY_TABLE = HistoryTable.DEFAULT_NAME;

    private final MotoServer moto;
    private final List<LocalDatabases> servers;
    private AwsClients aws;
    private final AwsClients own;
    /** The source's account of a refresh across accounts, on the same moto server; null otherwise. */
    private EmulatedSourceAccount sourceAccount;
    private final String historyTable;
    private final EmulatedAccount account;
    private final LocalEndpoints endpoints = new LocalEndpoints();
    private final List<EmulatedData> data = new ArrayList<>();
    private LocalEngine engine;

    private EmulatedWorld(MotoServer moto, List<LocalDatabases> servers, AwsClients aws, AwsClients own, String historyTable) {
        this.moto = moto;
        this.servers = servers;
        this.aws = aws;
        this.own = own;
        this.historyTable = historyTable;
        this.account = new EmulatedAccount(own);
    }

    /**
     * Starts moto on a free port and one embedded server for each engine family of
     * {@code families} that has one (MariaDB, PostgreSQL), side by side.
     *
     * @param interceptor sees every AWS call the handlers make (faults injected on purpose); the
     *                    world's own seeding and bookkeeping go around it. May be null.
     */
    public static EmulatedWorld start(Collection<SqlDialect> families, ExecutionInterceptor interceptor) {
        Map<SqlDialect, CompletableFuture<LocalDatabases>> starting = new LinkedHashMap<>();
        List<SqlDialect> served = families.stream().distinct().filter(LocalDatabases::serves).toList();
        if (!served.isEmpty()) {
            // a thread each: the common pool has a single worker on a two-core machine
            ExecutorService starters = Executors.newFixedThreadPool(served.size());
            served.forEach(d -> starting.put(d, LocalDatabases.starting(d, starters)));
            starters.shutdown();
        }
        MotoServer moto = startMoto(starting.values());
        List<LocalDatabases> servers = new ArrayList<>();
        // built once: the warm-up's first calls load the classes and connections the seeding then uses
        AwsClients own = clients(moto.endpoint(), null);
        try {
            if (!starting.isEmpty()) {
                warmWhile(own, starting.values());
            }
            for (CompletableFuture<LocalDatabases> f : starting.values()) {
                servers.add(f.join());
            }
        } catch (RuntimeException e) {
            stopAll(starting.values());
            moto.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException r ? r : e;
        }
        return new EmulatedWorld(moto, servers, interceptor == null ? own : clients(moto.endpoint(), interceptor), own,
                HISTORY_TABLE);
    }

    /**
     * A world in an emulator the caller runs and resets (the tests' shared moto), without
     * database servers: {@code aws} serves the handlers and the seeding alike.
     */
    public static EmulatedWorld over(AwsClients aws, String historyTable) {
        return new EmulatedWorld(null, List.of(), aws, aws, historyTable);
    }

    /**
     * A refresh across accounts ({@code restore.sourceaccount}): the plan's source account joins
     * this world on the same moto server, seeded with what its source-account stack holds (the
     * sharing key); the plan's source and its snapshots are seeded there, its databases backed
     * too, and the handlers' clients go through the workaround of the emulator's gap with shared
     * snapshots ({@link SharedSnapshotMirror}), which tells {@code gap} each time it stands in.
     * Call before seeding, before any data and execution. Returns one line per thing created;
     * none when the plan's source is in this account.
     */
    public synchronized List<String> withSourceAccountOf(RefreshPlan plan, java.util.function.Consumer<String> gap) {
        if (moto == null) {
            throw new IllegalStateException("a world over the caller's emulator has no second account");
        }
        sourceAccount = EmulatedSourceAccount.of(plan, moto.endpoint(), Region.of(LocalExecution.REGION));
        if (sourceAccount == null) {
            return List.of();
        }
        aws = sourceAccount.targetClients(moto.endpoint(), Region.of(LocalExecution.REGION), gap);
        account.withSourceIn(sourceAccount);
        return sourceAccount.seedSharingKey();
    }

    /** The source's account of a refresh across accounts; null when the source is in this world's own. */
    public EmulatedSourceAccount sourceAccount() {
        return sourceAccount;
    }

    /** moto's endpoint; null in a world over the caller's emulator. */
    public URI endpoint() {
        return moto == null ? null : moto.endpoint();
    }

    /** The embedded database servers, one per engine family asked for that has one. */
    public List<LocalDatabases> servers() {
        return servers;
    }

    /** The clients the handlers use (through the caller's interceptor, if any). */
    public AwsClients aws() {
        return aws;
    }

    /** The emulated account: what was seeded, the notifications published so far. */
    public EmulatedAccount account() {
        return account;
    }

    /**
     * Seeds the account with what {@code plan} expects or, when {@code described} is given, with
     * what that account description holds (and the groups, history table and topic the plan
     * names around it); returns one line per thing created.
     */
    public List<String> seed(RefreshPlan plan, AccountDescription described) {
        return account.seed(plan, historyTable, described);
    }

    /** Puts the scripts of a refresh file into the emulated bucket; returns one line per object. */
    public List<String> upload(LocalScripts scripts) {
        return scripts.upload(own.s3());
    }

    /** Creates an SNS topic (the deployment's, where a fleet's one message goes); returns its ARN. */
    public String topic(String name) {
        return own.sns().createTopic(b -> b.name(name)).topicArn();
    }

    /**
     * The data behind the emulated databases of one engine family, on that family's server, kept
     * in line with the account before every Task of every execution in this world. The caller
     * names what it backs ({@link EmulatedData#finalName}, {@link EmulatedData#alsoFrom}) and seeds it.
     */
    public EmulatedData data(SqlDialect family, String source) {
        LocalDatabases server = servers.stream().filter(s -> s.dialect() == family).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no embedded server of " + family + " in this world"));
        EmulatedData d = new EmulatedData(server, own.rds(), io.dbrefresh.refreshfile.RdsArn.nameOf(source), endpoints);
        if (sourceAccount != null) {
            d.withSourceAccount(sourceAccount.rds());
        }
        synchronized (data) {
            data.add(d);
        }
        return d;
    }

    /** Brings every database in line with the emulated account (what each Task sees first). */
    public void sync() {
        List<EmulatedData> all;
        synchronized (data) {
            all = List.copyOf(data);
        }
        all.forEach(EmulatedData::sync);
    }

    /** What the handlers get: the world's clients, no waits between checks, its databases and an in-process script runner. */
    public StepEnvironment environment() {
        return environment(0);
    }

    /** As {@link #environment()}, with {@code waitSeconds} between checks. */
    public StepEnvironment environment(int waitSeconds) {
        return endpoints.environment(new StepEnvironment(aws, Clock.systemUTC(), waitSeconds, historyTable, null));
    }

    /** The local engine with its npm packages installed: set-up, done before an execution's name and clock start. */
    public synchronized LocalEngine engine() {
        if (engine == null) {
            engine = new LocalEngine();
            engine.directory().ensureInstalled();
        }
        return engine;
    }

    /**
     * One execution of the refresh state machine in this world; {@code observer} (may be null) sees
     * every Task's input and answer. Run it with the listener that should see its events.
     */
    public LocalExecution execution(Path home, LocalExecution.TaskObserver observer) {
        return execution(home, environment(), observer);
    }

    /** As {@link #execution(Path, LocalExecution.TaskObserver)}, with the handlers' surroundings given. */
    public LocalExecution execution(Path home, StepEnvironment env, LocalExecution.TaskObserver observer) {
        return new LocalExecution(engine(), env, home, observer).beforeEachTask(this::sync);
    }

    /** Stops everything this world started; a world over the caller's emulator leaves it running. */
    @Override
    public void close() {
        try {
            account.close();
        } finally {
            endpoints.clear();
            synchronized (this) {
                if (engine != null) {
                    engine.dropPrestarted();
                }
            }
            try {
                for (int i = servers.size() - 1; i >= 0; i--) {
                    servers.get(i).close();
                }
            } finally {
                if (moto != null) {
                    moto.close();
                }
            }
        }
    }

    /** Clients of moto: its final answer to a call it does not have is not retried ({@link MotoUnimplementedCalls}). */
    private static AwsClients clients(URI endpoint, ExecutionInterceptor interceptor) {
        AwsClients clients = AwsClients.forEndpoint(endpoint, Region.of(LocalExecution.REGION), "testing", "testing",
                new MotoUnimplementedCalls());
        return interceptor == null ? clients : clients.intercepting(interceptor);
    }

    /** moto, or a message that says how to get it; the database servers already starting are stopped then. */
    private static MotoServer startMoto(Collection<CompletableFuture<LocalDatabases>> starting) {
        try {
            return MotoServer.start();
        } catch (IllegalStateException e) {
            // waited for, not left to the exit: a server killed while it starts can outlive this JVM
            try {
                stopAll(starting);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw new LocalRefresh.LocalRunException("local run: " + e.getMessage().strip() + System.lineSeparator()
                    + "dbrefresh: fix: install moto (pipx install 'moto[server]'), or set DBREFRESH_MOTO to a command that starts moto_server");
        }
    }

    private static void stopAll(Collection<CompletableFuture<LocalDatabases>> starting) {
        for (CompletableFuture<LocalDatabases> f : starting) {
            try {
                f.join().close();
            } catch (RuntimeException didNotStart) {
                // a server that did not start has nothing to stop; its failure is the caller's to report
            }
        }
    }

    /**
     * Waits for the database servers while moto loads the services the seeding calls first: moto
     * builds a service's backend on its first request (about 3 s for RDS, measured) and the SDK
     * loads a client's classes on its first call. Both now happen beside the servers' start
     * instead of after it. A failed warm-up call changes nothing: seeding makes the same calls.
     * In the order that meets a moto warmed by {@link MotoServer#prestart()} (RDS, DynamoDB,
     * Secrets Manager, SNS) on services it loaded already or is not loading: two first requests
     * to one service at once each build its backend, processor time moto's start waits for. Not
     * S3: only a run with scripts uses it, and its upload loads it then.
     */
    private static void warmWhile(AwsClients aws, Collection<CompletableFuture<LocalDatabases>> starting) {
        CompletableFuture<Void> warming = CompletableFuture.runAsync(() -> {
            List<Runnable> firstCalls = List.of(aws.rds()::describeDBInstances, aws.sns()::listTopics,
                    aws.secretsManager()::listSecrets, aws.dynamoDb()::listTables);
            for (Runnable call : firstCalls) {
                try {
                    call.run();
                } catch (SdkException ignored) {
                    // seeding makes its own calls and reports what fails
                }
            }
        });
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).exceptionally(failed -> null).join();
        StartupTimeline.mark("database servers started");
        warming.join();
        StartupTimeline.mark("moto warm-up calls done");
    }
}
