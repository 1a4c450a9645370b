package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.history.RefreshRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code dbrefresh history}: the refresh history, by database, application (and
 * environment), source, or status, newest first, as a table or as JSON.
 */
@Command(name = "history", mixinStandardHelpOptions = true, description = {
        "Shows refreshes from the history table, newest first.",
        "  --database DB             when was DB refreshed, from what, aligned to when",
        "  --application APP [--environment ENV] --latest",
        "                            is every database of APP (in ENV) refreshed",
        "  --source DB --latest      is every copy of production DB fresh",
        "  --status FAILED --since 24h",
        "                            what failed since last night (RUNNING: what runs now)",
        "  --application APP --fresh [--max-age 7d]   or   --fleet FLEET --fresh",
        "                            every database the refresh files (the fleet) declare, also the ones never",
        "                            refreshed: fresh or stale; exit status 1 when any is stale or failed"})
final class HistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Query query;

    static final class Query {
        @Option(names = "--database", paramLabel = "DB", description = "One database (the refreshed target).")
        String database;
        @Option(names = "--application", paramLabel = "APP", description = "Every database of one application.")
        String application;
        @Option(names = "--source", paramLabel = "DB", description = "Every copy made from one source database.")
        String source;
        @Option(names = "--status", paramLabel = "STATUS", description = "RUNNING, SUCCEEDED or FAILED.")
        String status;
        @Option(names = "--fleet", paramLabel = "FLEET", description = "With --fresh: every database a fleet file declares, against its maxage.")
        java.nio.file.Path fleet;
    }

    @Option(names = "--fresh", description = {
            "With --application or --fleet: every database declared (by the refresh files of --folder, or by the fleet),",
            "never-refreshed ones included: last successful refresh, aligned to when, source, age, fresh or stale.",
            "Exit status 1 when any is stale (never refreshed, last refresh failed, older than the freshness target)."})
    boolean fresh;

    @Option(names = "--folder", paramLabel = "DIR", defaultValue = "refresh-files",
            description = "With --application --fresh: the folder of refresh files that declares the application's databases (default ${DEFAULT-VALUE}).")
    java.nio.file.Path folder;

    @Option(names = "--max-age", paramLabel = "AGE",
            description = "With --application --fresh: the freshness target (90m, 12h, 7d); a fleet file's is its maxage.")
    String maxAge;

    @Option(names = "--environment", paramLabel = "ENV", description = "With --application: only this environment.")
    String environment;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only refreshes started since WHEN: an instant (2026-03-01T02:00:00Z), a date (2026-03-01), or an age (24h, 7d).")
    String since;

    @Option(names = "--latest", description = "Only the latest refresh of each database.")
    boolean latest;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N rows (0: all; default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the rows as a JSON array.")
    boolean json;

    @Option(names = "--table", paramLabel = "NAME",
            description = "The history table (default: DBREFRESH_HISTORY_TABLE, else " + HistoryTable.DEFAULT_NAME + ").")
    String table;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (fresh || query.fleet != null) {
            return FreshnessReport.run(this, out, err);
        }
        if (maxAge != null) {
            err.println("dbrefresh history: --max-age goes with --fresh");
            return 2;
        }
        if (environment != null && query.application == null) {
            err.println("dbrefresh history: --environment goes with --application");
            return 2;
        }
        Instant from;
        try {
            from = since == null ? null : parseSince(since, Instant.now());
        } catch (IllegalArgumentException e) {
            err.println("dbrefresh history: " + e.getMessage());
            return 2;
        }
        String name = HistoryTable.nameFor(table, System.getenv(StepEnvironment.HISTORY_TABLE_ENV));
        HistoryTable history = new HistoryTable(aws.clients().dynamoDb());
        // --latest needs every row to pick each database's newest, so the limit applies after it
        int fetch = latest ? 0 : limit;
        List<RefreshRecord> rows;
        try {
            if (query.database != null) {
                rows = history.byDatabase(name, query.database, from, fetch);
            } else if (query.application != null) {
                rows = history.byApplication(name, query.application, environment, from, fetch);
            } else if (query.source != null) {
                rows = history.bySource(name, query.source, from, fetch);
            } else {
                rows = history.byStatus(name, query.status.toUpperCase(Locale.ROOT), from, fetch);
            }
        } catch (SdkException e) {
            return AwsFailure.of("dbrefresh history: cannot read " + name, e, null, 2).print(err);
        }
        if (latest) {
            rows = HistoryTable.latestPerDatabase(rows);
            if (limit > 0 && rows.size() > limit) {
                rows = rows.subList(0, limit);
            }
        }
        if (json) {
            out.println(HistoryView.json(rows));
        } else if (rows.isEmpty()) {
            out.println("no refreshes found in " + name);
        } else {
            HistoryView.table(rows, out);
        }
        out.flush();
        return 0;
    }

    /** An instant, a UTC date, or an age before {@code now} (30m, 24h, 7d). */
    static Instant parseSince(String text, Instant now) {
        String t = text.trim();
        try {
            if (t.matches("\\d+[mhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                Duration d = switch (t.charAt(t.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return now.minus(d);
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since " + text + ": not an instant (2026-03-01T02:00:00Z), a date (2026-03-01) or an age (24h, 7d)");
        }
    }
}
