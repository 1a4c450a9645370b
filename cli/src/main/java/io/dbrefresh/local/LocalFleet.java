package io.dbrefresh.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.fleet.Fleet;
import io.dbrefresh.fleet.FleetExecutionInput;
import io.dbrefresh.fleet.FleetMember;
import io.dbrefresh.fleet.StoredRefreshFiles;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.notify.RefreshNotifier;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.scripts.SqlDialect;
import io.dbrefresh.steps.LambdaErrors;
import io.dbrefresh.steps.StepRegistry;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A whole fleet on this machine: one moto and one embedded server per engine family for the
 * whole run, the account seeded with what every refresh file expects (what files share, such
 * as a source, once), then the fleet state machine the CDK app deploys ({@value #FLEET_DEFINITION})
 * in the local engine: its first step chooses the common point in time when the fleet is
 * aligned, then every refresh runs through the real refresh state machine as a child execution,
 * up to the fleet's concurrency at a time, wave by wave. A failed refresh is recovered by its own
 * execution and does not stop the others; once the failures pass the fleet's tolerance at the
 * end of a wave, no later wave starts; the fleet records one history row and sends one message.
 */
public final class LocalFleet {

    /** The fleet state machine's definition, generated from the CDK app's FleetDefinition (a test keeps it equal). */
    /** The fleet definition's states this run reports on. */
    private static final String ALIGN = "align-fleet";
    private static final String TAKE_WAVE = "take-wave";
    private static final String NOT_STARTED = "not-started";

    public static final String FLEET_DEFINITION = "statemachine/fleet.asl.json";
    /** The topic standing in for the deployment's, where the fleet's one message is published. */
    public static final String TOPIC_NAME = "dbrefresh-notifications";
    /** The bucket standing in for the deployment's, where a large fleet's refresh files are stored. */
    public static final String FLEET_FILES_BUCKET = "dbrefresh-fleet-files";
    public static final String REFRESH_STATE_MACHINE_ARN = "arn:aws:states:" + LocalExecution.REGION + ":" + LocalExecution.ACCOUNT
            + ":stateMachine:dbrefresh-refresh";
    static final String FLEET_EXECUTION_ARN_PREFIX = "arn:aws:states:" + LocalExecution.REGION + ":" + LocalExecution.ACCOUNT
            + ":execution:dbrefresh-fleet:";
    /** How the fleet state machine ends when more refreshes failed than the fleet tolerates. */
    static final String TOLERANCE_EXCEEDED = "FleetToleranceExceeded";
    /** Waves run one after another: the fleet may run much longer than one refresh. */
    private static final Duration FLEET_RUN_TIMEOUT = Duration.ofHours(24);

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
     * @param storeFiles  store the refresh files in the emulated S3 and give the fleet their keys, as start --fleet does
     *                    for a fleet too large for one execution's state, whatever this fleet's size
     */
    public record Options(ExecutionInterceptor interceptor, Inspect beforeRun, Inspect afterRun, TimingOverrides overrides,
                          boolean storeFiles) {
        public Options(ExecutionInterceptor interceptor, Inspect beforeRun, Inspect afterRun, TimingOverrides overrides) {
            this(interceptor, beforeRun, afterRun, overrides, false);
        }

        public static Options defaults() {
            return new Options(null, null, null, TimingOverrides.NONE);
        }

        /** The same, with the refresh files stored in S3 as for a fleet too large for one execution's state, whatever its size. */
        public Options storingFiles() {
            return new Options(interceptor, beforeRun, afterRun, overrides, true);
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
            if (m.plan().restore() != null && m.plan().restore().crossAccount()) {
                // a single run seeds the source's account (EmulatedSourceAccount); a fleet's seeding has no second account yet
                throw new LocalRefresh.LocalRunException("local run: " + m.plan().target() + "'s source is in account "
                        + m.plan().restore().sourceAccount().accountId() + " (restore.sourceaccount): run that file alone with"
                        + " run --local, which emulates both accounts; a fleet run emulates one");
            }
            byFamily.computeIfAbsent(EmulatedEngine.family(m.plan()), d -> new ArrayList<>()).add(m);
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
        try (EmulatedWorld world = EmulatedWorld.start(loaders.keySet(), options.interceptor())) {
            // the handlers' and the alignment's calls go through the caller's interceptor; the world's own seeding and
            // bookkeeping (the data kept in line with the account before each step) do not
            AwsClients aws = world.aws();
            out.println("AWS emulated by moto at " + world.endpoint() + " (account " + LocalExecution.ACCOUNT + ", "
                    + LocalExecution.REGION + ")");
            world.servers().forEach(s -> out.println("Databases on an embedded " + s.describe()));
            out.println(LocalDatabases.WITHOUT_TLS);
            for (FleetMember m : fleet.members()) {
                world.seed(m.plan(), null).forEach(l -> out.println("  seeded " + l));
                LocalScripts s = scripts.get(m.target());
                if (s != null) {
                    world.upload(s).forEach(l -> out.println("  seeded " + l));
                }
            }
            // the deployment's topic, where the fleet's one message goes
            String topicArn = world.topic(TOPIC_NAME);
            out.println("  seeded topic " + topicArn + " (the fleet's message)");
            List<EmulatedData> data = new ArrayList<>();
            for (LocalDatabases server : world.servers()) {
                SqlDialect dialect = server.dialect();
                List<FleetMember> family = byFamily.get(dialect);
                EmulatedData d = world.data(dialect, family.get(0).plan().source())
                        .onlyEngines(engine -> sameFamily(engine, dialect));
                family.forEach(m -> d.alsoFrom(m.plan().source(), m.plan().restore().temp(), m.target()));
                d.seed(loaders.get(dialect)).forEach(l -> out.println("  seeded " + l));
                data.add(d);
            }
            if (options.beforeRun() != null) {
                options.beforeRun().inspect(aws, data);
            }
            return runAll(fleet, world, data, topicArn, options);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Summary runAll(Fleet fleet, EmulatedWorld world, List<EmulatedData> data, String topicArn, Options options)
            throws Exception {
        AwsClients aws = world.aws();
        LocalEngine fleetEngine = new LocalEngine(world.engine().directory(), FLEET_RUN_TIMEOUT);
        StepEnvironment env = world.environment();
        int allowed = fleet.failuresAllowed();
        out.println();
        out.println("Fleet " + fleet.name() + ": " + fleet.members().size() + " refreshes, at most " + fleet.maxConcurrency()
                + " at a time, " + allowed + " failure" + (allowed == 1 ? "" : "s") + " allowed");
        if (fleet.alignment().aligned()) {
            out.println("aligned: " + fleet.alignment().describe() + " (the fleet state machine's first step chooses it)");
        }
        out.flush();
        Instant t0 = Instant.now();
        String stamp = STAMP.format(t0);
        String execution = "fleet-" + stamp;
        out.println("fleet execution " + execution + " of the fleet state machine (" + FLEET_DEFINITION + ")");
        Map<String, TargetResult> results = new ConcurrentHashMap<>();
        Children children = new Children(fleet, stamp, world, env, options, results);
        FleetTasks fleetTasks = new FleetTasks(REFRESH_STATE_MACHINE_ARN, children::run, aws.dynamoDb(), aws.sns(), env);
        AtomicReference<Instant> commonTime = new AtomicReference<>();
        TaskInvoker tasks = (state, resource, input) -> {
            String answer = fleetTasks.invoke(state, resource, input);
            if (ALIGN.equals(state)) {
                String chosen = Json.MAPPER.readTree(answer).path("fleet").path("commonTime").asText(null);
                if (chosen != null) {
                    commonTime.set(Instant.parse(chosen));
                    say("aligned to " + chosen + ": every refresh restores to this point in time");
                }
            }
            return answer;
        };
        ObjectNode input = input(fleet);
        if (options.storeFiles() || FleetExecutionInput.tooLarge(input).isPresent()) {
            input = store(fleet, input, aws, execution);
        }
        ExecutionResult run = fleetEngine.run(definition(topicArn), input.toString(), execution,
                FLEET_EXECUTION_ARN_PREFIX + execution, tasks, new WaveProgress(fleet.waves().size(), allowed), TimingOverrides.NONE);
        world.sync();
        boolean beyondTolerance = TOLERANCE_EXCEEDED.equals(run.error());
        if (!run.succeeded() && !beyondTolerance) {
            say("the fleet execution ended " + run.status() + ": " + run.error() + ": " + LambdaErrors.message(run.cause()));
        }
        String notStarted = beyondTolerance ? "not started: more failures than the fleet's tolerance (" + allowed + ") before its wave"
                : "not started: the fleet ended " + run.status() + " (" + run.error() + ": " + LambdaErrors.message(run.cause()) + ")";
        List<TargetResult> ordered = fleet.members().stream().map(m -> results.getOrDefault(m.target(),
                new TargetResult(m, Outcome.NOT_STARTED, null, null, Duration.ZERO, notStarted))).toList();
        String status = run.succeeded() ? RefreshRecord.SUCCEEDED : RefreshRecord.FAILED;
        Summary summary = new Summary(fleet.name(), status, commonTime.get(), ordered, allowed, Duration.between(t0, Instant.now()));
        printSummary(summary);
        if (options.afterRun() != null) {
            options.afterRun().inspect(aws, data);
        }
        out.flush();
        return summary;
    }

    /** The fleet state machine's input, as {@code start --fleet} gives it on AWS, minus scripts no local server can run. */
    private static ObjectNode input(Fleet fleet) throws IOException {
        ObjectNode input = FleetExecutionInput.of(fleet);
        for (JsonNode wave : input.path("waves")) {
            for (JsonNode item : wave) {
                FleetMember m = member(fleet, item.path("target").asText());
                if (!LocalDatabases.serves(EmulatedEngine.family(m.plan())) && m.plan().runs(StepId.RUN_SCRIPTS)) {
                    ((ObjectNode) item).set("input", Json.MAPPER.readTree(LocalRefresh.withoutScripts(m.json())));
                }
            }
        }
        return input;
    }

    /**
     * The input of a fleet too large for one execution's state, as start --fleet gives it on AWS: each refresh file
     * (as {@code inline} holds it) stored in the emulated account's bucket, the input naming its key.
     */
    private ObjectNode store(Fleet fleet, ObjectNode inline, AwsClients aws, String execution) {
        aws.s3().createBucket(b -> b.bucket(FLEET_FILES_BUCKET));
        FleetExecutionInput.Stored stored = FleetExecutionInput.stored(fleet, FLEET_FILES_BUCKET, execution);
        StoredRefreshFiles files = new StoredRefreshFiles(aws.s3());
        for (JsonNode wave : inline.path("waves")) {
            for (JsonNode item : wave) {
                files.put(FLEET_FILES_BUCKET, StoredRefreshFiles.key(execution, item.path("target").asText()),
                        item.path("input").toString());
            }
        }
        out.println("stored " + stored.files().size() + " refresh files in s3://" + FLEET_FILES_BUCKET + "/"
                + StoredRefreshFiles.PREFIX + execution + "/ (the fleet's input names their keys)");
        out.flush();
        return stored.input();
    }

    private static FleetMember member(Fleet fleet, String target) {
        return fleet.members().stream().filter(m -> m.target().equals(target)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the fleet state machine started a refresh of " + target
                        + ", no target of the fleet"));
    }

    /** The committed fleet definition, which the CDK app deploys, with the emulated account's ARNs and names. */
    private String definition(String topicArn) throws IOException {
        return Definitions.substitute(Files.readString(home.resolve(FLEET_DEFINITION)), Map.of(
                "RefreshStateMachineArn", REFRESH_STATE_MACHINE_ARN,
                StepRegistry.ALIGN_FLEET.placeholder(), LocalExecution.functionArn(StepRegistry.ALIGN_FLEET),
                "HistoryTableName", LocalRefresh.LOCAL_HISTORY_TABLE,
                "TopicArn", topicArn));
    }

    /** The fleet's child executions: each refresh file through the refresh state machine, its result kept for the summary. */
    private final class Children {
        private final Fleet fleet;
        private final String stamp;
        private final EmulatedWorld world;
        private final StepEnvironment env;
        private final Options options;
        private final Map<String, TargetResult> results;

        Children(Fleet fleet, String stamp, EmulatedWorld world, StepEnvironment env, Options options,
                 Map<String, TargetResult> results) {
            this.fleet = fleet;
            this.stamp = stamp;
            this.world = world;
            this.env = env;
            this.options = options;
            this.results = results;
        }

        FleetTasks.Child run(String input) {
            // the file as the fleet state machine gives it: aligned by its first step when the fleet is
            RefreshPlan plan = RefreshFiles.read(input).plan();
            if (plan == null) {
                throw new IllegalStateException("the fleet state machine started a refresh of an invalid file: " + input);
            }
            FleetMember m = member(fleet, plan.target());
            String target = m.target();
            String execution = executionName(stamp, target);
            say(String.format("%-14s started (%s, %s), execution %s", target, plan.restore().restoreType().json(),
                    plan.service().json(), execution));
            Instant t0 = Instant.now();
            ExecutionResult result;
            try {
                result = world.execution(home, env, null)
                        .run(input, execution, new TargetProgress(target), options.overrides());
            } catch (RuntimeException e) {
                say(String.format("%-14s FAILED: %s", target, e.getMessage()));
                results.put(target, new TargetResult(m, Outcome.FAILED, execution, null, Duration.between(t0, Instant.now()),
                        e.getMessage()));
                return new FleetTasks.Child(LocalExecution.executionArn(execution), execution, "FAILED", t0, Instant.now(), null,
                        "LocalEngine.Failure", String.valueOf(e.getMessage()));
            }
            Instant stopped = Instant.now();
            Duration took = Duration.between(t0, stopped);
            RefreshRecord row = lastRow(world.aws(), plan);
            Instant alignedTo = row == null ? null : row.alignedTo();
            if (result.succeeded()) {
                say(String.format("%-14s SUCCEEDED in %s, data aligned to %s", target, RefreshNotifier.duration(took),
                        alignedTo == null ? "-" : alignedTo));
                results.put(target, new TargetResult(m, Outcome.SUCCEEDED, execution, alignedTo, took, null));
            } else {
                String detail = (row != null && row.failedStep() != null ? "at " + row.failedStep() + ": " : "") + result.error()
                        + ": " + LambdaErrors.message(result.cause());
                say(String.format("%-14s FAILED in %s %s", target, RefreshNotifier.duration(took), detail));
                results.put(target, new TargetResult(m, Outcome.FAILED, execution, alignedTo, took, detail));
            }
            return new FleetTasks.Child(LocalExecution.executionArn(execution), execution, result.status(), t0, stopped,
                    result.output(), result.error(), result.cause());
        }
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

    /** A line when each wave starts, and when the tolerance stops the later ones. */
    private final class WaveProgress implements ExecutionListener {
        private final int waves;
        private final int allowed;

        WaveProgress(int waves, int allowed) {
            this.waves = waves;
            this.allowed = allowed;
        }

        @Override
        public void onEvent(ExecutionEvent e) {
            if (!"StateEntered".equals(e.type()) || e.state() == null) {
                return;
            }
            if (e.state().equals(TAKE_WAVE) && waves > 1 && e.input() != null) {
                try {
                    JsonNode state = Json.MAPPER.readTree(e.input());
                    int wave = state.path("wave").asInt();
                    say("wave " + (wave + 1) + " of " + waves + ": " + state.path("waves").path(wave).size() + " refreshes");
                } catch (IOException unreadable) {
                    say("next wave");
                }
            } else if (e.state().equals(NOT_STARTED)) {
                say("more failures than the fleet's tolerance (" + allowed + "): the later waves are not started");
            }
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
