package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.StateMachines;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * {@code dbrefresh start} and {@code status} against moto's Step Functions (which starts
 * executions but cannot run the Java handlers) and CloudFormation (the stack output).
 */
class StartCommandIT {

    private static final Path FILE = CliRun.HOME.resolve("refresh-files/rds-latestpoint.json");

    private AwsClients aws;
    private String machine;

    @BeforeEach
    void deployedStateMachine() {
        Emulators.reset();
        aws = Emulators.clients();
        machine = StateMachines.waiting(aws.sfn(), "dbrefresh");
    }

    private static CliRun cli(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--endpoint-url";
        all[args.length + 1] = Emulators.endpoint().toString();
        return CliRun.of(all);
    }

    @Test
    void startsTheGivenStateMachineWithTheFileAsInputAndReturnsAtOnceWithNoFollow() throws Exception {
        CliRun run = cli("start", FILE.toString(), "--state-machine-arn", machine, "--name", "nightly-1", "--no-follow");

        assertThat(run.exitCode()).as(run.all()).isZero();
        SfnClient sfn = aws.sfn();
        String arn = sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().getFirst().executionArn();
        assertThat(run.out()).contains("Started " + arn);
        assertThat(arn).endsWith(":nightly-1");
        assertThat(sfn.describeExecution(b -> b.executionArn(arn)).input()).isEqualTo(Files.readString(FILE));
    }

    @Test
    void findsTheStateMachineAmongTheStackOutputs() {
        aws.sfn();
        software.amazon.awssdk.services.cloudformation.CloudFormationClient cfn = StartCommand.cloudFormation(aws);
        cfn.createStack(b -> b.stackName("DbRefresh").templateBody("""
                {"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
                 "Outputs": {"StateMachineArn": {"Value": "%s"}}}""".formatted(machine)));

        CliRun run = cli("start", FILE.toString(), "--no-follow");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(aws.sfn().listExecutions(b -> b.stateMachineArn(machine)).executions()).hasSize(1);
    }

    @Test
    void anInvalidFileStartsNothing(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"dbservice\": \"rds\"}");

        CliRun run = cli("start", bad.toString(), "--state-machine-arn", machine, "--no-follow");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("not started");
        assertThat(aws.sfn().listExecutions(b -> b.stateMachineArn(machine)).executions()).isEmpty();
    }

    @Test
    void statusOfAnExecutionThatDoesNotExistSaysSo() {
        CliRun run = cli("status", machine.replace(":stateMachine:", ":execution:") + ":nope");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no execution");
    }

    @Test
    void statusOfARunningExecutionSaysItIsRunning() {
        String arn = aws.sfn().startExecution(b -> b.stateMachineArn(machine).name("running-1").input("{}")).executionArn();

        CliRun run = cli("status", arn);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Execution running-1 (RUNNING)", "Still running");
    }
}
