package io.dbrefresh.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.dbrefresh.fleet.FleetResult;
import io.dbrefresh.local.EngineDirectory;
import io.dbrefresh.local.LocalDatabases;
import io.dbrefresh.local.LocalFleet;
import io.dbrefresh.local.LocalRefresh;
import io.dbrefresh.local.MotoServer;
import io.dbrefresh.local.StartupTimeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dbrefresh run --local FILE}: a whole refresh on this machine, no AWS account needed. */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
        "Runs a refresh. With --local: the real state machine in a local engine, the real handlers,",
        "AWS emulated by moto and seeded with what the refresh file expects; no AWS account needed."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--local", description = "Run on this machine against an emulated AWS account (required: on AWS, use start).")
    boolean local;

    @Option(names = "--keep-running", description = "Keep the emulated account up after the run, for inspection, until Enter is pressed.")
    boolean keepRunning;

    @Option(names = "--source-dump", paramLabel = "DUMP", description = {
            "A plain SQL dump (mysqldump of one database, or pg_dump in plain format) to load into the",
            "source's database; default: the sample in sql-samples/<family>/sample-production.sql."})
    Path sourceDump;

    @Option(names = "--scripts", paramLabel = "DIR", description = {
            "The folder holding the files that runscripts.keys names, put into the emulated bucket;",
            "default: sql-samples/<family>/."})
    Path scriptsDir;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = {
            "An account description file (JSON: the instances and their replicas, the Aurora clusters and their",
            "writers and readers, tags, the snapshots; see",
            "docs/local-engine.md): the emulated account holds these instead of what FILE expects. A FILE",
            "naming a database or snapshot ACCOUNT lacks is refused before anything starts, naming it."})
    Path account;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The refresh file.")
    Path file;

    @Option(names = "--fleet", paramLabel = "FLEET", description = {
            "A fleet file instead of FILE: every refresh of the fleet in one emulated account, up to its",
            "maxconcurrency at a time, wave by wave, aligned when it says so; progress per target, then a summary.",
            "Exit status 0 when the failures stayed within the fleet's tolerance, else 1."})
    Path fleet;

    @Mixin
    ApplicationFleet app;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!app.oneOf(file, fleet, "dbrefresh run", err)) {
            return 2;
        }
        if (fleet != null || app.given()) {
            return runFleet(err);
        }
        if (!local) {
            err.println("dbrefresh run: runs a refresh on this machine only, with --local: ./dbrefresh run --local " + file);
            err.println("dbrefresh run: to refresh on AWS, start the deployed state machine: ./dbrefresh start " + file);
            return 2;
        }
        // moto loads while the file is read and checked; a run that does not take it (a refused file) stops it
        MotoServer.prestart();
        // and so does the embedded MariaDB, unless the file names another engine family's server (or none): a guess
        // from its text, since the plan is not made yet; a wrong one costs a server started for nothing, stopped below
        if (namesNoOtherEngine(file)) {
            LocalDatabases.prestartMariaDb();
        }
        try {
            return runFile(err);
        } finally {
            MotoServer.dropPrestarted();
            LocalDatabases.dropPrestarted();
        }
    }

    /** Whether {@code file}'s text names no PostgreSQL, SQL Server or Oracle engine (then its run is MariaDB's). */
    static boolean namesNoOtherEngine(Path file) {
        try {
            String text = Files.readString(file).toLowerCase(Locale.ROOT);
            return !text.contains("postgres") && !text.contains("sqlserver") && !text.contains("oracle");
        } catch (IOException | RuntimeException unreadable) {
            // reading and checking the file says what is wrong with it
            return false;
        }
    }

    private int runFile(PrintWriter err) throws IOException {
        CheckedRefreshFile read = CheckedRefreshFile.read(file, err, "not run");
        if (!read.valid()) {
            return read.exitCode();
        }
        StartupTimeline.mark("refresh file read and checked");
        String json = read.json();
        LocalRefresh.Summary summary;
        try {
            summary = new LocalRefresh(spec.commandLine().getOut(), EngineDirectory.findHome())
                    .run(json, read.plan(), new LocalRefresh.Options(sourceDump, scriptsDir, keepRunning, null, account));
        } catch (LocalRefresh.LocalRunException e) {
            err.println("dbrefresh: " + e.getMessage());
            return 2;
        }
        return summary.succeeded() ? 0 : 1;
    }

    private int runFleet(PrintWriter err) {
        String given = fleet != null ? "--fleet " + fleet : app.label();
        if (!local) {
            err.println("dbrefresh run: runs a fleet on this machine only, with --local: ./dbrefresh run --local " + given);
            err.println("dbrefresh run: to run it on AWS, start the deployed fleet state machine: ./dbrefresh start " + given);
            return 2;
        }
        if (sourceDump != null || scriptsDir != null || account != null || keepRunning) {
            err.println("dbrefresh run: --source-dump, --scripts, --account and --keep-running apply to one refresh FILE, not to a fleet");
            return 2;
        }
        FleetResult read = fleet != null ? FleetInput.read(fleet, err, "not run") : app.read(err, "not run");
        if (read == null) {
            return 2;
        }
        if (!read.valid()) {
            return 1;
        }
        LocalFleet.Summary summary;
        try {
            summary = new LocalFleet(spec.commandLine().getOut(), EngineDirectory.findHome())
                    .run(read.fleet(), LocalFleet.Options.defaults());
        } catch (LocalRefresh.LocalRunException e) {
            err.println("dbrefresh: " + e.getMessage());
            return 2;
        }
        return summary.succeeded() ? 0 : 1;
    }
}
