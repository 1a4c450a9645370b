package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.StateMachines;

/**
 * {@code dbrefresh start --fleet} against moto: the fleet is read and checked here, and the fleet
 * state machine is started with every refresh file wave by wave, as its file says: an aligned
 * fleet's common time is chosen by the fleet state machine's first step when it runs (a
 * scheduled fleet restores to the time of its run), not here.
 */
class StartFleetCommandIT {

    private static final Path APP1 = CliRun.HOME.resolve("refresh-files/fleets/app1.json");

    private AwsClients aws;
    private String machine;

    @BeforeEach
    void deployedFleetStateMachineAndTheSource() {
        Emulators.reset();
        aws = Emulators.clients();
        machine = StateMachines.waiting(aws.sfn(), "dbrefresh-fleet");
        aws.rds().createDBInstance(b -> b.dbInstanceIdentifier("mysqlinstp").engine("mysql").dbInstanceClass("db.r6g.large")
                .masterUsername("admin").masterUserPassword("not-a-secret-1").allocatedStorage(20));
    }

    @Test
    void startFleet_startsTheFleetStateMachineWithEveryFileWaveByWave_leavingTheCommonTimeToTheFleetsRun() throws Exception {
        CliRun run = CliRun.of("start", "--fleet", APP1.toString(), "--state-machine-arn", machine, "--no-follow",
                "--endpoint-url", Emulators.endpoint().toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        String arn = aws.sfn().listExecutions(b -> b.stateMachineArn(machine)).executions().getFirst().executionArn();
        assertThat(run.out()).contains("Started " + arn);
        JsonNode input = Json.MAPPER.readTree(aws.sfn().describeExecution(b -> b.executionArn(arn)).input());
        assertThat(input.path("fleet").path("name").asText()).isEqualTo("app1-nonprod");
        assertThat(input.path("fleet").path("tolerance").asInt()).isZero();
        assertThat(input.path("maxConcurrency").asInt()).isEqualTo(2);
        assertThat(input.path("fleet").path("align").asBoolean()).isTrue();
        assertThat(input.path("fleet").has("commonTime")).as("chosen when the fleet runs").isFalse();
        assertThat(run.out()).contains("aligned: the fleet chooses its common point in time when it runs");
        assertThat(input.path("waves")).hasSize(3);
        String[] targets = {"mysqlinstd", "mysqlinstt", "mysqlinstq"};
        String[] types = {"latestpoint", "restorepoint", "latestpoint"};
        for (int w = 0; w < 3; w++) {
            JsonNode item = input.path("waves").get(w).get(0);
            assertThat(item.path("target").asText()).isEqualTo(targets[w]);
            assertThat(item.path("input").path("restore").path("restoretype").asText()).as("as the file says").isEqualTo(types[w]);
        }
    }

    @Test
    void startFleet_ofAFleetTooLargeForItsFilesInTheInput_storesThemInTheStacksBucket_andStartsWithTheirKeys(@TempDir Path dir)
            throws Exception {
        // more refresh files than one execution's state can carry: the example's, each under a target of its own
        String example = Files.readString(CliRun.HOME.resolve("refresh-files/rds-latestpoint.json"));
        int size = 200;
        for (int i = 0; i < size; i++) {
            Files.writeString(dir.resolve("r" + i + ".json"), example.replace("\"mysqlinstd", "\"mysqlinstd" + i));
        }
        Path fleet = dir.resolve("large.json");
        Files.writeString(fleet, "{\"name\": \"large\", \"folder\": \".\", \"maxconcurrency\": 20}");
        aws.s3().createBucket(b -> b.bucket("dbrefresh-scripts"));
        StartCommand.cloudFormation(aws).createStack(b -> b.stackName("DbRefresh").templateBody("""
                {"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
                 "Outputs": {"FleetStateMachineArn": {"Value": "%s"}, "ScriptsBucketName": {"Value": "dbrefresh-scripts"}}}"""
                .formatted(machine)));

        CliRun run = CliRun.of("start", "--fleet", fleet.toString(), "--no-follow", "--name", "fleet-large-1",
                "--endpoint-url", Emulators.endpoint().toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("stored " + size + " refresh files in s3://dbrefresh-scripts/fleet-files/fleet-large-1/");
        String arn = aws.sfn().listExecutions(b -> b.stateMachineArn(machine)).executions().getFirst().executionArn();
        JsonNode input = Json.MAPPER.readTree(aws.sfn().describeExecution(b -> b.executionArn(arn)).input());
        assertThat(input.path("fleet").path("bucket").asText()).isEqualTo("dbrefresh-scripts");
        JsonNode first = input.path("waves").get(0).get(0);
        assertThat(first.has("input")).as("the state carries a key, not the file").isFalse();
        String key = first.path("key").asText();
        assertThat(key).isEqualTo("fleet-files/fleet-large-1/" + first.path("target").asText() + ".json");
        JsonNode stored = Json.MAPPER.readTree(aws.s3().getObjectAsBytes(b -> b.bucket("dbrefresh-scripts").key(key)).asUtf8String());
        assertThat(stored.path("restore").path("target").asText()).isEqualTo(first.path("target").asText());
        assertThat(aws.s3().listObjectsV2(b -> b.bucket("dbrefresh-scripts").prefix("fleet-files/fleet-large-1/")).keyCount())
                .isEqualTo(size);
    }

    @Test
    void startApplication_startsTheFleetOfEveryRefreshFileOfTheApplicationInTheFolder() throws Exception {
        CliRun run = CliRun.of("start", "--application", "app1", "--folder", CliRun.HOME.resolve("refresh-files").toString(),
                "--state-machine-arn", machine, "--no-follow", "--endpoint-url", Emulators.endpoint().toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        String arn = aws.sfn().listExecutions(b -> b.stateMachineArn(machine)).executions().getFirst().executionArn();
        JsonNode input = Json.MAPPER.readTree(aws.sfn().describeExecution(b -> b.executionArn(arn)).input());
        assertThat(input.path("fleet").path("name").asText()).isEqualTo("app1");
        assertThat(input.path("fleet").path("align").asBoolean()).isFalse();
        assertThat(input.path("maxConcurrency").asInt()).isEqualTo(4);
        assertThat(input.path("waves").get(0)).extracting(item -> item.path("target").asText())
                .containsExactlyInAnyOrder("mysqlinstd", "mysqlinstt", "mysqlinstq");
    }

    @Test
    void startFleet_ofAnInvalidFleet_startsNothing() throws Exception {
        Path bad = Path.of(System.getProperty("java.io.tmpdir"), "dbrefresh-bad-fleet-" + System.nanoTime() + ".json");
        java.nio.file.Files.writeString(bad, "{\"name\": \"f\", \"files\": [\"missing.json\"]}");

        CliRun run = CliRun.of("start", "--fleet", bad.toString(), "--state-machine-arn", machine,
                "--endpoint-url", Emulators.endpoint().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("/files/0: no such refresh file: missing.json").contains("not started");
        assertThat(aws.sfn().listExecutions(b -> b.stateMachineArn(machine)).executions()).isEmpty();
        java.nio.file.Files.deleteIfExists(bad);
    }
}
