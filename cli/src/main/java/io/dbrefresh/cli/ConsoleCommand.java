package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.dbrefresh.console.ConsoleServer;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.local.EngineDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dbrefresh console}: the web console, until Ctrl-C. */
@Command(name = "console", mixinStandardHelpOptions = true, description = {
        "Starts the web console: compose a refresh file with live checks, see its plan and timeline, run the pre-flight,",
        "run it locally or start it on AWS and follow it, and see every copy's freshness. Prints the URL to open.",
        "Bound to 127.0.0.1 by default; bound elsewhere, every request needs the token it prints.",
        "Running or starting a refresh, and saving a file, always need the token (the printed URL carries it)."})
final class ConsoleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8765", description = "The port (default ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The address to listen on (default ${DEFAULT-VALUE}). Any other address makes every request need the token.")
    String bind;

    @Option(names = "--folder", paramLabel = "DIR",
            description = "The folder of refresh files the console lists, opens and saves into (default: refresh-files/).")
    Path folder;

    @Option(names = "--table", paramLabel = "NAME",
            description = "The history table of the fleet view (default: DBREFRESH_HISTORY_TABLE, else " + HistoryTable.DEFAULT_NAME + ").")
    String table;

    @Option(names = "--stack", paramLabel = "NAME", defaultValue = StartCommand.DEFAULT_STACK,
            description = "The deployed stack whose state machine a start uses (default ${DEFAULT-VALUE}).")
    String stack;

    @Option(names = "--state-machine-arn", paramLabel = "ARN", description = "The state machine to start (default: from the stack's outputs).")
    String stateMachineArn;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            err.println("dbrefresh console: --port must be 0 to 65535");
            return 2;
        }
        Path home = EngineDirectory.findHome();
        Path files = folder != null ? folder : home.resolve("refresh-files");
        String token = ConsoleServer.newToken();
        String history = HistoryTable.nameFor(table, System.getenv(StepEnvironment.HISTORY_TABLE_ENV));
        ConsoleServer server;
        try {
            server = ConsoleServer.start(new ConsoleServer.Settings(bind, port, files, home, token, aws::clients, history, stack,
                    stateMachineArn), System.err);
        } catch (IllegalArgumentException e) {
            err.println("dbrefresh console: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("dbrefresh console: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return 2;
        }
        out.println("dbrefresh console: open " + server.url() + "#token=" + token);
        out.println("  refresh files in " + files + ", history table " + history
                + (server.loopback() ? "" : "; bound to " + bind + ": every request needs the token"));
        out.println("  Ctrl-C stops it.");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
