package io.dbrefresh.local;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.notify.RefreshNotifier;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RdsArn;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.scripts.SqlDialect;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A whole refresh on this machine: moto on a free port, the emulated account seeded with
 * what the refresh file expects, each emulated database backed by a real one on an embedded
 * server ("production" holds a dump or the sample), the real state machine in the local
 * engine, a summary with the scripts' report and what the copy's data looks like.
 */
public final class LocalRefresh {

    /** The history table a local run uses when the refresh file names none. */
    public static final String LOCAL_HISTORY_TABLE = EmulatedWorld.HISTORY_TABLE;

    private final PrintWriter out;
    private final Path home;

    public LocalRefresh(PrintWriter out, Path home) {
        this.out = out;
        this.home = home;
    }

    /** How the run ended, for the caller's exit code. */
    /** @param counts the state transitions and Lambda invocations the execution used */
    public record Summary(String status, Duration took, String error, String cause, ExecutionCounts counts) {

        public Summary(String status, Duration took, String error, String cause) {
            this(status, took, error, cause, null);
        }

        public boolean succeeded() {
            return "SUCCEEDED".equals(status);
        }
    }

    /**
     * How a local run is set up beyond the refresh file.
     *
     * @param sourceDump  a SQL dump to load into the source's database instead of the sample (null: the sample)
     * @param scriptsDir  where the runscripts keys are read from to fill the emulated bucket
     *                    (null: {@code sql-samples/<family>/})
     * @param keepRunning after the run, leave moto and the database server up until the user
     *                    presses Enter, so they can be inspected with any client
     * @param afterRun    sees the emulated account and its data after the run, before they stop (tests); may be null
     * @param account     an account description file to seed instead of what the refresh file expects, or null
     * @param duringRun   sees the emulated account and its data each time a Task's handler returned, before
     *                    the run goes on (tests: what the account looks like between steps); may be null
     */
    public record Options(Path sourceDump, Path scriptsDir, boolean keepRunning, AfterRun afterRun, Path account,
                          DuringRun duringRun) {

        /** @param account an account description file to seed instead of what the refresh file expects, or null */
        public Options(Path sourceDump, Path scriptsDir, boolean keepRunning, AfterRun afterRun, Path account) {
            this(sourceDump, scriptsDir, keepRunning, afterRun, account, null);
        }

        public Options(Path sourceDump, Path scriptsDir, boolean keepRunning, AfterRun afterRun) {
            this(sourceDump, scriptsDir, keepRunning, afterRun, null);
        }

        public static Options defaults() {
            return new Options(null, null, false, null);
        }
    }

    /** Looks at the account and its data between two steps of a run. */
    @FunctionalInterface
    public interface DuringRun {
        /**
         * @param state  the Task state whose handler just returned
         * @param output its answer (JSON), or the exception it threw
         */
        void onTask(String state, String output, AwsClients aws, EmulatedData data) throws Exception;
    }

    /** Looks at what a run left, while it is still up. */
    @FunctionalInterface
    public interface AfterRun {
        void inspect(String executionName, AwsClients aws, EmulatedData data) throws Exception;
    }

    /** A refresh file a local run cannot carry out, or a file it needs that is missing: said before anything starts. */
    public static final class LocalRunException extends RuntimeException {
        public LocalRunException(String message) {
            super(message);
        }
    }

    public Summary run(String refreshFileJson, RefreshPlan plan, boolean keepRunning) {
        return run(refreshFileJson, plan, new Options(null, null, keepRunning, null));
    }

    public Summary run(String refreshFileJson, RefreshPlan plan, Options options) {
        refuseOtherAccounts(plan);
        if (options.account() != null && plan.restore().crossAccount()) {
            throw new LocalRunException("local run: --account describes one account, and this refresh file's source is in account "
                    + plan.restore().sourceAccount().accountId() + " (restore.sourceaccount): run it without --account, and the"
                    + " run seeds both accounts");
        }
        AccountDescription described = options.account() == null ? null : AccountDescription.read(options.account());
        if (described != null) {
            described.refuseWhatItLacks(plan);
        }
        SqlDialect dialect = EmulatedEngine.family(plan);
        if (!LocalDatabases.serves(dialect)) {
            return runWithoutDatabases(refreshFileJson, plan, options, described);
        }
        LocalScripts scripts = LocalScripts.check(plan, home, options.scriptsDir(), dialect);
        EmulatedData.SourceLoader loader = LocalScripts.sourceLoader(home, options.sourceDump(), dialect);
        try (EmulatedWorld world = EmulatedWorld.start(List.of(dialect), null)) {
            // node and the engine's library load while the account and the databases are seeded
            StartupTimeline.mark("world up");
            world.engine().prestart();
            LocalDatabases databases = world.servers().get(0);
            printEmulated(world);
            world.withSourceAccountOf(plan, this::gap).forEach(this::seeded);
            out.println("Databases on an embedded " + databases.describe() + " (one database per emulated instance or cluster)");
            out.println(LocalDatabases.WITHOUT_TLS);
            AwsClients aws = world.aws();
            world.seed(plan, described).forEach(this::seeded);
            world.upload(scripts).forEach(this::seeded);
            EmulatedData data = world.data(dialect, plan.source()).finalName(plan.restore().temp(), plan.target());
            data.seed(loader).forEach(this::seeded);
            LocalExecution.TaskObserver during = options.duringRun() == null ? null : (state, function, input, output) -> {
                data.sync();
                try {
                    options.duringRun().onTask(state, output, aws, data);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            StartupTimeline.mark("seeding done");
            LocalExecution execution = world.execution(home, during);
            Instant t0 = Instant.now();
            String executionName = executionName(t0);
            printRefreshing(plan, executionName);
            ExecutionResult result = execution.run(refreshFileJson, executionName, new ProgressPrinter(out));
            Duration took = Duration.between(t0, Instant.now());
            StartupTimeline.mark("execution ended");
            world.sync();
            took = printSummary(result, plan, aws, world.account(), took);
            printSourceAccount(world.sourceAccount());
            scripts.printReport(aws.s3(), executionName, out);
            printData(plan, data);
            if (options.afterRun() != null) {
                options.afterRun().inspect(executionName, aws, data);
            }
            if (options.keepRunning()) {
                keepRunning(world.endpoint(), data);
            }
            out.flush();
            return new Summary(result.status(), took, result.error(), result.cause(), ExecutionCounts.of(result.events()));
        } catch (java.sql.SQLException e) {
            throw new LocalRunException("local run: cannot prepare the embedded databases: " + e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * SQL Server and Oracle: no embedded server of theirs exists, so moto emulates the RDS side
     * alone. Every step that talks to RDS, Secrets Manager, DynamoDB and SNS runs as with the
     * other engines; runscripts is turned off for this run (it would need a server to connect
     * to), and the run says so before it starts and in its summary.
     */
    private Summary runWithoutDatabases(String refreshFileJson, RefreshPlan plan, Options options, AccountDescription described) {
        if (options.sourceDump() != null || options.scriptsDir() != null) {
            throw new LocalRunException("local run: --source-dump and --scripts need a local database server, and none backs "
                    + EmulatedEngine.of(plan) + " here");
        }
        String engine = EmulatedEngine.of(plan);
        String note = noDatabaseNote(engine);
        try (EmulatedWorld world = EmulatedWorld.start(List.of(EmulatedEngine.family(plan)), null)) {
            world.engine().prestart();
            AwsClients aws = world.aws();
            printEmulated(world);
            world.withSourceAccountOf(plan, this::gap).forEach(this::seeded);
            out.println(note);
            String input = refreshFileJson;
            if (plan.runs(io.dbrefresh.refreshfile.StepId.RUN_SCRIPTS)) {
                input = withoutScripts(refreshFileJson);
                out.println("  runscripts is skipped in this run: its " + engine + " scripts have no database to run on"
                        + " (sql-samples/" + LocalScripts.samplesFolder(EmulatedEngine.family(plan)) + " holds the masking samples)");
            }
            world.seed(plan, described).forEach(this::seeded);
            LocalExecution execution = world.execution(home, null);
            Instant t0 = Instant.now();
            String executionName = executionName(t0);
            printRefreshing(plan, executionName);
            ExecutionResult result = execution.run(input, executionName, new ProgressPrinter(out));
            Duration took = printSummary(result, plan, aws, world.account(), Duration.between(t0, Instant.now()));
            printSourceAccount(world.sourceAccount());
            out.println("  data             none: " + note.strip());
            if (options.afterRun() != null) {
                options.afterRun().inspect(executionName, aws, null);
            }
            if (options.keepRunning()) {
                out.println();
                out.println("The emulated account stays up at " + world.endpoint() + " (credentials testing/testing, region "
                        + LocalExecution.REGION + "). Press Enter to stop it.");
                out.flush();
                System.in.read();
            }
            out.flush();
            return new Summary(result.status(), took, result.error(), result.cause(), ExecutionCounts.of(result.events()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void printEmulated(EmulatedWorld world) {
        out.println("AWS emulated by moto at " + world.endpoint() + " (account " + LocalExecution.ACCOUNT + ", "
                + LocalExecution.REGION + ")");
    }

    /** A line of the emulator gap's workaround, as it happens (a refresh across accounts). */
    private void gap(String line) {
        out.println("  . " + line);
        out.flush();
    }

    /** Across accounts: what the refresh left in the source account, or shared with this one (nothing, when all went well). */
    private void printSourceAccount(EmulatedSourceAccount sourceAccount) {
        if (sourceAccount == null) {
            return;
        }
        List<String> left = sourceAccount.leftBehind();
        row("source account", sourceAccount.accountId() + ": " + (left.isEmpty()
                ? "no snapshot copy left there, none shared with " + LocalExecution.ACCOUNT + ", no AWS RAM share" : "LEFT BEHIND: " + String.join("; ", left)));
    }

    private void seeded(String line) {
        out.println("  seeded " + line);
    }

    private void printRefreshing(RefreshPlan plan, String executionName) {
        out.println();
        out.println("Refreshing " + plan.target() + " from " + plan.source() + " ("
                + plan.restore().restoreType().json() + "), execution " + executionName);
    }

    /** What a local run of an engine without a local server says, before and after. */
    static String noDatabaseNote(String engine) {
        return "No local database server backs " + engine + ": moto emulates the RDS side only (restore, rename, tags,"
                + " replicas, passwords, history, notification); no data is copied and no SQL runs.";
    }

    /** The refresh file with runscripts turned off: what a local run without a database server executes. */
    static String withoutScripts(String refreshFileJson) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode root =
                    (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(refreshFileJson);
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("runscripts")).put("torun", false);
            return Json.MAPPER.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot rewrite the refresh file: " + e.getMessage(), e);
        }
    }

    /** Named after the moment the execution starts, as {@code dbrefresh start} names one on AWS. */
    private static String executionName(Instant start) {
        return "local-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(start);
    }

    /**
     * A local run emulates one region, and the accounts a file names: its own and, with
     * restore.sourceaccount, the source's. A source or snapshot named by the ARN of any other
     * account or region (a snapshot shared by production's account without sourceaccount) has
     * nothing to stand for it, so the run is refused before anything starts.
     */
    static void refuseOtherAccounts(RefreshPlan plan) {
        String sourceAccount = plan.restore() != null && plan.restore().crossAccount() ? plan.restore().sourceAccount().accountId() : null;
        for (String value : new String[] {plan.source(), plan.restore().snapshot()}) {
            RdsArn arn = RdsArn.parse(value);
            if (arn != null && ((!arn.account().equals(LocalExecution.ACCOUNT) && !arn.account().equals(sourceAccount))
                    || !arn.region().equals(LocalExecution.REGION))) {
                throw new LocalRunException("local run: " + value + " is in account " + arn.account() + ", region " + arn.region()
                        + "; a local run emulates one account (" + LocalExecution.ACCOUNT + ", " + LocalExecution.REGION
                        + ") and the source account restore.sourceaccount names, so a source or snapshot shared from another"
                        + " account or region cannot be emulated. Name the source account in restore.sourceaccount, or name the"
                        + " source and snapshot by name, to try the file locally.");
            }
        }
    }

    private void keepRunning(java.net.URI moto, EmulatedData data) {
        out.println();
        out.println("The emulated account stays up at " + moto + " (credentials testing/testing, region "
                + LocalExecution.REGION + "), e.g.:");
        out.println("  aws --endpoint-url " + moto + " rds describe-db-instances");
        LocalDatabases db = data.server();
        out.println("and the databases on the embedded " + db.describe() + " (any password), e.g.:");
        data.names().forEach((name, b) -> out.println("  " + name + ": " + (db.dialect() == SqlDialect.MYSQL
                ? "mariadb -h 127.0.0.1 -P " + db.port() + " -u root " + b.database()
                : "psql -h 127.0.0.1 -p " + db.port() + " -U postgres " + b.database())));
        out.println("Press Enter to stop them.");
        out.flush();
        try {
            System.in.read();
        } catch (java.io.IOException ignored) {
            // end of input: stop as asked
        }
    }

    /** For the source and the target, its database and how many real-looking e-mail addresses it holds. */
    private void printData(RefreshPlan plan, EmulatedData data) {
        out.println("  data (real-looking e-mail addresses, outside example.invalid):");
        Map<String, Long> sourceCensus = Map.of();
        for (String name : List.of(plan.source(), plan.target())) {
            Optional<EmulatedData.Backing> b = data.backing(name);
            if (b.isEmpty()) {
                out.printf("      %-14s no database (the instance or cluster does not exist)%n", name);
                continue;
            }
            try (java.sql.Connection c = data.server().connect(b.get().database())) {
                Map<String, Long> census = EmailCensus.realAddresses(c, data.server().dialect());
                if (name.equals(plan.source())) {
                    sourceCensus = census;
                }
                out.printf("      %-14s %-28s %d%s%n", name, b.get().database(), EmailCensus.total(census),
                        census.isEmpty() ? "" : "  " + census);
            } catch (java.sql.SQLException e) {
                out.printf("      %-14s %s: cannot read: %s%n", name, b.get().database(), e.getMessage());
            }
        }
        printSample(plan, data, sourceCensus);
        if (!plan.runs(io.dbrefresh.refreshfile.StepId.RUN_SCRIPTS)) {
            out.println("      (this file runs no scripts: the copy holds production's data as it is;"
                    + " refresh-files/rds-with-scripts.json masks it)");
        }
    }

    /** The first rows of production's first column holding addresses, beside the same rows of the copy. */
    private void printSample(RefreshPlan plan, EmulatedData data, Map<String, Long> sourceCensus) {
        Optional<EmulatedData.Backing> source = data.backing(plan.source());
        Optional<EmulatedData.Backing> target = data.backing(plan.target());
        if (sourceCensus.isEmpty() || source.isEmpty() || target.isEmpty()) {
            return;
        }
        String tableColumn = sourceCensus.keySet().iterator().next();
        int dot = tableColumn.lastIndexOf('.');
        String table = tableColumn.substring(0, dot);
        String column = tableColumn.substring(dot + 1);
        try (java.sql.Connection s = data.server().connect(source.get().database());
             java.sql.Connection t = data.server().connect(target.get().database())) {
            List<String> before = EmailCensus.firstValues(s, data.server().dialect(), table, column, 3);
            List<String> after = EmailCensus.firstValues(t, data.server().dialect(), table, column, 3);
            out.println("      " + tableColumn + ", first rows, " + plan.source() + " -> " + plan.target() + ":");
            for (int i = 0; i < before.size(); i++) {
                out.println("        " + before.get(i) + "  ->  " + (i < after.size() ? after.get(i) : "(no row)"));
            }
        } catch (java.sql.SQLException e) {
            out.println("      " + tableColumn + ": cannot compare: " + e.getMessage());
        }
    }

    /** Prints the summary; returns the duration it showed (the history row's, as the message has it, when there is one). */
    private Duration printSummary(ExecutionResult result, RefreshPlan plan, AwsClients aws, EmulatedAccount account, Duration measured) {
        JsonNode last = lastState(result);
        JsonNode restore = last == null ? null : last.path("results").path("performRestore");
        out.println();
        out.println("Summary");
        row("status", result.status());
        row("target", plan.target() + " (" + plan.service().json() + ")");
        row("source", plan.source());
        row("restore type", plan.restore().restoreType().json());
        if (restore != null && restore.hasNonNull("snapshot")) {
            row("snapshot", restore.get("snapshot").asText());
        }
        row("data aligned to", restore != null && restore.hasNonNull("alignedTo") ? restore.get("alignedTo").asText() : "-");
        String table = plan.tableName() != null ? plan.tableName() : LOCAL_HISTORY_TABLE;
        List<Map<String, AttributeValue>> rows = aws.dynamoDb().query(b -> b.tableName(table)
                .keyConditionExpression("dbinstance = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(plan.target())))).items();
        // the message's duration runs from the execution's start to the history row: the summary shows that one
        Duration recorded = rows.isEmpty() ? null : HistoryTable.read(rows.get(rows.size() - 1)).duration();
        Duration took = recorded != null ? recorded : measured;
        row("duration", RefreshNotifier.duration(took) + (recorded != null ? "" : " (no history row: as measured here)"));
        if (!result.succeeded()) {
            row("error", result.error() + ": " + io.dbrefresh.steps.LambdaErrors.message(result.cause()));
        }
        if (rows.isEmpty()) {
            row("history row", "none (update-dynamodb did not run)");
        } else {
            out.println("  history row (" + table + "):");
            new TreeMap<>(rows.get(rows.size() - 1)).forEach((k, v) -> out.printf("      %-14s %s%n", k, show(v)));
        }
        List<String> messages = account.notifications();
        if (messages.isEmpty()) {
            row("notification", plan.topicArn() == null ? "none (no topic configured)" : "none received");
        } else {
            out.println("  notification:");
            messages.get(messages.size() - 1).lines().forEach(l -> out.println("      " + l));
        }
        if (plan.email() != null) {
            row("send-msg", sendMsgResult(result));
        }
        return took;
    }

    /** A history attribute as text: strings and numbers as they are, a map as key=value pairs. */
    private static String show(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            return v.n();
        }
        if (v.hasM()) {
            StringBuilder b = new StringBuilder();
            v.m().forEach((k, x) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(show(x)));
            return b.toString();
        }
        return String.valueOf(v);
    }

    private void row(String label, String value) {
        out.printf("  %-16s %s%n", label, value);
    }

    /** What the last send-msg task said it sent (the SNS message id, the e-mail report and its recipients, or why not). */
    private static String sendMsgResult(ExecutionResult result) {
        for (int i = result.events().size() - 1; i >= 0; i--) {
            ExecutionEvent e = result.events().get(i);
            if (e.output() == null || e.state() == null || !e.state().startsWith("send-msg")) {
                continue;
            }
            try {
                JsonNode n = Json.MAPPER.readTree(e.output());
                JsonNode message = n.path("failureMessage").path("message");
                if (message.isMissingNode()) {
                    message = n.path("results").path("sendMsg").path("message");
                }
                if (message.isTextual()) {
                    return message.asText();
                }
            } catch (java.io.IOException ignored) {
                // not a state document
            }
        }
        return "did not run";
    }

    /** The state after the last Task: the output of the last state that has results. */
    private static JsonNode lastState(ExecutionResult result) {
        for (int i = result.events().size() - 1; i >= 0; i--) {
            ExecutionEvent e = result.events().get(i);
            String json = e.output() != null ? e.output() : e.input();
            if (json == null) {
                continue;
            }
            try {
                JsonNode n = Json.MAPPER.readTree(json);
                if (n.has("results")) {
                    return n;
                }
            } catch (java.io.IOException ignored) {
                // not a state document
            }
        }
        return null;
    }
}
