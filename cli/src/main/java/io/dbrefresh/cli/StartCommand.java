package io.dbrefresh.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.fleet.FleetExecutionInput;
import io.dbrefresh.fleet.FleetResult;
import io.dbrefresh.fleet.StoredRefreshFiles;
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
    static final String FLEET_STATE_MACHINE_OUTPUT = "FleetStateMachineArn";
    /** Where a large fleet's refresh files are stored ({@link StoredRefreshFiles#PREFIX} of it). */
    static final String SCRIPTS_BUCKET_OUTPUT = "ScriptsBucketName";

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

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The refresh file.")
    Path file;

    @Option(names = "--fleet", paramLabel = "FLEET", description = {
            "A fleet file instead of FILE: its refresh files are read and checked here, and the deployed fleet",
            "state machine ('FleetStateMachineArn') is started with them (an aligned fleet's common point in time",
            "is chosen by its first step, when it runs); it is followed as one execution. A fleet too large for its files to travel in",
            "the execution's input has them stored in the stack's scripts bucket ('ScriptsBucketName'), under",
            "fleet-files/<execution>/, and the input names their keys."})
    Path fleet;

    @Mixin
    ApplicationFleet app;

    ExecutionFollower.Sleeper sleeper = ExecutionFollowers.realSleeper();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!app.oneOf(file, fleet, "dbrefresh start", err)) {
            return 2;
        }
        if (fleet != null || app.given()) {
            return startFleet(out, err);
        }
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

    private int startFleet(PrintWriter out, PrintWriter err) throws InterruptedException {
        FleetResult read = fleet != null ? FleetInput.read(fleet, err, "not started") : app.read(err, "not started");
        if (read == null) {
            return 2;
        }
        if (!read.valid()) {
            return 1;
        }
        AwsClients clients = aws.clients();
        String executionArn;
        try {
            // an aligned fleet's common time is chosen by the fleet state machine's first step, when it runs
            ObjectNode fleetInput = FleetExecutionInput.of(read.fleet());
            String executionName = name != null ? name : defaultName("fleet-" + read.fleet().name(), Instant.now());
            if (FleetExecutionInput.tooLarge(fleetInput).isPresent()) {
                // too large for one execution's state with its files in it: the files go to S3, the input names their keys
                String bucket = fromStack(cloudFormation(clients), stack, SCRIPTS_BUCKET_OUTPUT);
                if (bucket == null) {
                    err.println("dbrefresh start: the fleet's refresh files do not fit in one execution's input, and stack " + stack
                            + " has no output " + SCRIPTS_BUCKET_OUTPUT + " to store them in; deploy it, or give --stack");
                    return 2;
                }
                FleetExecutionInput.Stored stored = FleetExecutionInput.stored(read.fleet(), bucket, executionName);
                Optional<String> tooLarge = FleetExecutionInput.tooLarge(stored.input());
                if (tooLarge.isPresent()) {
                    err.println("dbrefresh start: " + tooLarge.get() + "; not started");
                    return 2;
                }
                StoredRefreshFiles files = new StoredRefreshFiles(clients.s3());
                stored.files().forEach((key, json) -> files.put(bucket, key, json));
                out.println("stored " + stored.files().size() + " refresh files in s3://" + bucket + "/" + StoredRefreshFiles.PREFIX
                        + executionName + "/ (the fleet's input names their keys)");
                fleetInput = stored.input();
            }
            String input = fleetInput.toString();
            String machine = stateMachineArn != null ? stateMachineArn : fromStack(cloudFormation(clients), stack, FLEET_STATE_MACHINE_OUTPUT);
            if (machine == null) {
                err.println("dbrefresh start: stack " + stack + " has no output " + FLEET_STATE_MACHINE_OUTPUT
                        + "; deploy it or give --state-machine-arn");
                return 2;
            }
            if (read.fleet().alignment().aligned()) {
                out.println("aligned: the fleet chooses its common point in time when it runs ("
                        + read.fleet().alignment().describe() + ")");
            }
            executionArn = clients.sfn().startExecution(b -> b.stateMachineArn(machine).name(executionName).input(input))
                    .executionArn();
        } catch (SdkException e) {
            return AwsFailure.of("dbrefresh start", e, "./dbrefresh run --local " + (fleet != null ? "--fleet " + fleet : app.label()), 2)
                    .print(err);
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
        return fromStack(cfn, stackName, STATE_MACHINE_OUTPUT);
    }

    /** The stack's output {@code key}, or null when it has none. */
    static String fromStack(CloudFormationClient cfn, String stackName, String key) {
        return cfn.describeStacks(b -> b.stackName(stackName)).stacks().stream()
                .flatMap(s -> s.outputs().stream())
                .filter(o -> key.equals(o.outputKey()))
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
