package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.dbrefresh.local.ProgressPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** {@code dbrefresh status EXECUTION}: one run of the deployed state machine, step by step. */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
        "Shows one refresh run on AWS step by step, as 'run --local' shows a local one.",
        "Exit code: 0 succeeded or still running, 1 failed, aborted or timed out, 2 no such execution or AWS not reachable."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Option(names = "--follow", description = "Keep showing a running execution until it ends.")
    boolean follow;

    @Parameters(paramLabel = "EXECUTION", description = "The execution's ARN.")
    String execution;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SfnClient sfn = aws.clients().sfn();
        try {
            return show(sfn, execution, follow, out, ExecutionFollowers.realSleeper());
        } catch (ExecutionDoesNotExistException e) {
            err.println("dbrefresh status: no execution " + execution);
            return 2;
        } catch (SdkException e) {
            return AwsFailure.of("dbrefresh status", e, null, 2).print(err);
        }
    }

    /** Prints the execution's steps (following it when asked) and a closing line; the exit code. */
    static int show(SfnClient sfn, String executionArn, boolean follow, PrintWriter out, ExecutionFollower.Sleeper sleeper)
            throws InterruptedException {
        DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(executionArn));
        out.println("Execution " + d.name() + " (" + d.statusAsString() + "), started " + d.startDate());
        out.flush();
        ExecutionFollower follower = new ExecutionFollower(sfn, new ProgressPrinter(out), sleeper, ExecutionFollowers.INTERVAL);
        ExecutionStatus status = follow ? follower.follow(executionArn) : follower.catchUp(executionArn);
        DescribeExecutionResponse end = sfn.describeExecution(b -> b.executionArn(executionArn));
        if (status == ExecutionStatus.RUNNING) {
            out.println("Still running: " + Duration.between(end.startDate(), java.time.Instant.now()).toMinutes() + " min so far");
        } else {
            Duration took = end.stopDate() == null ? null : Duration.between(end.startDate(), end.stopDate());
            out.println("Refresh " + end.statusAsString() + (took == null ? "" : " in " + took.toSeconds() + " s")
                    + (end.error() == null ? "" : ": " + end.error())
                    + (end.cause() == null ? "" : ": " + io.dbrefresh.steps.LambdaErrors.message(end.cause())));
        }
        out.flush();
        return status == ExecutionStatus.SUCCEEDED || status == ExecutionStatus.RUNNING ? 0 : 1;
    }
}
