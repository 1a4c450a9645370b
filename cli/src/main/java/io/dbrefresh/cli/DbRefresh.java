package io.dbrefresh.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;

import io.dbrefresh.local.LocalEngineException;
import io.dbrefresh.local.MotoServer;
import io.dbrefresh.local.StartupTimeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The {@code dbrefresh} command. Each subcommand is one class listed in {@code subcommands}
 * below, the only place a new one is registered.
 */
@Command(
        name = "dbrefresh",
        mixinStandardHelpOptions = true,
        versionProvider = DbRefresh.Version.class,
        description = "Refreshes non-production Amazon RDS instances and Aurora clusters from production.",
        subcommands = {
                ValidateCommand.class,
                PlanCommand.class,
                RunCommand.class,
                StartCommand.class,
                StatusCommand.class,
                HistoryCommand.class,
                AdoptCommand.class,
                RollbackCommand.class,
                CleanupCommand.class,
                ConsoleCommand.class,
        })
public final class DbRefresh implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // a moto the launcher started for a local run is this JVM's from its first moment: stopped at its exit if no run takes it
        MotoServer.adoptLaunched();
        StartupTimeline.mark("JVM up, command begins");
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: a user's mistake is a message and an exit code, never a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new DbRefresh());
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("dbrefresh: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            String command = commandLine.getCommandSpec().qualifiedName();
            // the environment, not the input: AWS unreachable or without credentials, node or npm missing, a file unreadable
            if (e instanceof SdkException aws) {
                return AwsFailure.of(command, aws, null, 2).print(err);
            }
            if (e instanceof LocalEngineException || e instanceof IOException || e instanceof UncheckedIOException) {
                err.println(command + ": " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            // only a bug gets here: the commands report every problem with the user's input themselves
            err.println("dbrefresh: unexpected error: " + e);
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** The project version, written into a resource at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = DbRefresh.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"dbrefresh " + p.getProperty("version", "(unknown version)")};
        }
    }
}
