package io.dbrefresh.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import io.dbrefresh.aws.AwsClients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;

/**
 * {@code dbrefresh start FILE}: validates the file here, then starts the deployed state
 * machine with the file as the execution's input and follows it step by step.
 */
@Command(name = "start", mixinStandardHelpOptions = true, description = {
        "Starts a refresh on AWS: validates FILE, starts the deployed state machine with it, and follows it.",
        "The state machine is the 'StateMachineArn' output of the CloudFormation stack (default DbRefresh),",
        "or the one given with --state-machine-arn.",
        "Exit code: 0 succeeded (or started, with --no-follow), 1 failed or invalid file, 2 cannot start."})
public final class StartCommand implements Callable<Integer> {

    public static final String DEFAULT_STACK = "DbRefresh";
    static final String STATE_MACHINE_OUTPUT = "StateMachineArn";

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Option(names = "--state-machine-arn", paramLabel = "ARN", description = "The state machine to start (default: from the stack's outputs).")
    String stateMachineArn;

    @Option(names = "--stack", paramLabel = "NAME", defaultValue = DEFAULT_STACK, description = "The deployed stack (default ${DEFAULT-VALUE}).")
    String stack;

    @Option(names = "--name", paramLabel = "NAME", description = "The execution's name (default: TARGET-yyyyMMdd-HHmmss).")
    String name;

    @Option(names = "--no-follow", description = "Print the execution's ARN and return at once.")
    boolean noFollow;

    @Parameters(paramLabel = "FILE", description = "The refresh file.")
    Path file;

    ExecutionFollower.Sleeper sleeper = ExecutionFollowers.realSleeper();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CheckedRefreshFile read = CheckedRefreshFile.read(file, err, "not started");
        if (!read.valid()) {
            return read.exitCode();
        }
        String json = read.json();
        AwsClients clients = aws.clients();
        String executionArn;
        try {
            String machine = stateMachineArn != null ? stateMachineArn : fromStack(cloudFormation(clients), stack);
            if (machine == null) {
                err.println("dbrefresh start: stack " + stack + " has no output " + STATE_MACHINE_OUTPUT
                        + "; deploy it or give --state-machine-arn");
                return 2;
            }
            String executionName = name != null ? name : defaultName(read.plan().target(), Instant.now());
            executionArn = clients.sfn().startExecution(b -> b.stateMachineArn(machine).name(executionName).input(json))
                    .executionArn();
        } catch (SdkException e) {
            return AwsFailure.of("dbrefresh start", e, "./dbrefresh run --local " + file, 2).print(err);
        }
        out.println("Started " + executionArn);
        out.flush();
        if (noFollow) {
            return 0;
        }
        return StatusCommand.show(clients.sfn(), executionArn, true, out, sleeper);
    }

    /** Only the operator's command reads stacks, so the client lives here, not in the Lambda's clients. */
    public static CloudFormationClient cloudFormation(AwsClients c) {
        return CloudFormationClient.builder().httpClient(c.httpClient()).region(c.region()).credentialsProvider(c.credentials())
                .overrideConfiguration(c.override()).applyMutation(b -> c.endpoint().ifPresent(b::endpointOverride)).build();
    }

    /** The stack's state machine output, or null when it has none. */
    public static String fromStack(CloudFormationClient cfn, String stackName) {
        return cfn.describeStacks(b -> b.stackName(stackName)).stacks().stream()
                .flatMap(s -> s.outputs().stream())
                .filter(o -> STATE_MACHINE_OUTPUT.equals(o.outputKey()))
                .map(Output::outputValue)
                .findFirst().orElse(null);
    }

    /** Execution names allow letters, digits, '-' and '_', at most 80. */
    public static String defaultName(String target, Instant now) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(now);
        String base = target.replaceAll("[^A-Za-z0-9_-]", "-");
        return (base.length() > 64 ? base.substring(0, 64) : base) + "-" + stamp;
    }
}
