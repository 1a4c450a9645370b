package io.dbrefresh.console;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.cli.AwsFailure;
import io.dbrefresh.cli.ExecutionFollower;
import io.dbrefresh.cli.ExecutionFollowers;
import io.dbrefresh.cli.StartCommand;
import io.dbrefresh.local.LocalRefresh;
import io.dbrefresh.local.ProgressPrinter;
import io.dbrefresh.refreshfile.RefreshPlan;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The refreshes the console runs: locally (the same {@link LocalRefresh} as {@code run --local},
 * one at a time, as the emulated account and its databases are this machine's) or on AWS (the
 * deployed state machine, started and followed as {@code start} does).
 */
final class ConsoleRuns implements AutoCloseable {

    /** A run the console refuses to start, with the HTTP status that says why. */
    static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** Where a started AWS refresh goes: the stack's state machine, or the one named. */
    record AwsTarget(Supplier<AwsClients> clients, String stack, String stateMachineArn) {
    }

    private final Path home;
    private final AwsTarget aws;
    private final Map<String, ConsoleRun> runs = new ConcurrentHashMap<>();
    private final ExecutorService local = Executors.newSingleThreadExecutor(r -> daemon(r, "console-local-run"));
    private final ExecutorService follow = Executors.newCachedThreadPool(r -> daemon(r, "console-follow"));
    private ConsoleRun localRun;

    ConsoleRuns(Path home, AwsTarget aws) {
        this.home = home;
        this.aws = aws;
    }

    ConsoleRun get(String id) {
        return runs.get(id);
    }

    /** Starts a local run of a valid file; refused while another local run goes on. */
    synchronized ConsoleRun runLocally(String file, RefreshPlan plan) {
        if (localRun != null && !localRun.finished()) {
            throw new Refused(409, "a local run is going on (" + localRun.id() + "): one local run at a time");
        }
        ConsoleRun run = register("local", plan.target());
        localRun = run;
        local.submit(() -> {
            PrintWriter out = run.printer();
            String status;
            String why = null;
            try {
                LocalRefresh.Summary summary = new LocalRefresh(out, home).run(file, plan, LocalRefresh.Options.defaults());
                status = summary.status();
                why = summary.error();
            } catch (RuntimeException e) {
                // the run could not happen (moto or Node.js missing, a file it needs): said as the command says it
                out.println("dbrefresh: " + e.getMessage());
                status = "ERROR";
                why = e.getMessage();
            }
            out.close();
            run.finish(status, why);
        });
        return run;
    }

    /** Starts the deployed state machine with the file and follows the execution. */
    ConsoleRun startOnAws(String file, RefreshPlan plan) {
        AwsClients clients = aws.clients().get();
        String executionArn;
        try {
            String machine = aws.stateMachineArn() != null ? aws.stateMachineArn()
                    : StartCommand.fromStack(StartCommand.cloudFormation(clients), aws.stack());
            if (machine == null) {
                throw new Refused(409, "stack " + aws.stack() + " has no output StateMachineArn: deploy it, or start the console"
                        + " with --state-machine-arn");
            }
            String name = StartCommand.defaultName(plan.target(), java.time.Instant.now());
            executionArn = clients.sfn().startExecution(b -> b.stateMachineArn(machine).name(name).input(file)).executionArn();
        } catch (SdkException e) {
            java.io.StringWriter text = new java.io.StringWriter();
            AwsFailure.of("start", e, null, 2).print(new PrintWriter(text, true));
            throw new Refused(502, text.toString().strip());
        }
        ConsoleRun run = register("aws", plan.target());
        run.execution(executionArn);
        String arn = executionArn;
        follow.submit(() -> {
            PrintWriter out = run.printer();
            out.println("Started " + arn);
            String status;
            String why = null;
            try {
                ExecutionStatus ended = new ExecutionFollower(clients.sfn(), new ProgressPrinter(out),
                        ExecutionFollowers.realSleeper(), ExecutionFollowers.INTERVAL).follow(arn);
                status = ended.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = "ERROR";
                why = "the console stopped following the execution; it goes on on AWS";
            } catch (SdkException e) {
                status = "ERROR";
                why = "lost the execution's history: " + e.getMessage();
                out.println("dbrefresh: " + why);
            }
            out.close();
            run.finish(status, why);
        });
        return run;
    }

    private ConsoleRun register(String mode, String target) {
        ConsoleRun run = new ConsoleRun(UUID.randomUUID().toString(), mode, target);
        runs.put(run.id(), run);
        return run;
    }

    @Override
    public void close() {
        local.shutdownNow();
        follow.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
