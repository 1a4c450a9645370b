package io.dbrefresh.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.dbrefresh.local.EngineDirectory;
import io.dbrefresh.local.LocalRefresh;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
            "An account description file (JSON: the instances, their replicas and tags, the snapshots; see",
            "docs/local-engine.md): the emulated account holds these instead of what FILE expects. A FILE",
            "naming a database or snapshot ACCOUNT lacks is refused before anything starts, naming it."})
    Path account;

    @Parameters(paramLabel = "FILE", description = "The refresh file.")
    Path file;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!local) {
            err.println("dbrefresh run: runs a refresh on this machine only, with --local: ./dbrefresh run --local " + file);
            err.println("dbrefresh run: to refresh on AWS, start the deployed state machine: ./dbrefresh start " + file);
            return 2;
        }
        CheckedRefreshFile read = CheckedRefreshFile.read(file, err, "not run");
        if (!read.valid()) {
            return read.exitCode();
        }
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
}
