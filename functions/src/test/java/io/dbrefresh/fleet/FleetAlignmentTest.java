package io.dbrefresh.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Answers;

import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RestoreType;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;

class FleetAlignmentTest {

    static final Instant MYSQL_LATEST = Instant.parse("2026-11-24T11:55:42.318Z");
    static final Instant AURORA_LATEST = Instant.parse("2026-11-24T11:51:07.900Z");

    @TempDir
    Path dir;

    // the SDK's convenience overloads and paginators are default methods that end in the request forms stubbed here
    final RdsClient rds = mock(RdsClient.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS));

    @BeforeEach
    void account() {
        doReturn(DescribeDbInstancesResponse.builder().dbInstances(DBInstance.builder().dbInstanceIdentifier("mysqlinstp")
                .latestRestorableTime(MYSQL_LATEST).build()).build())
                .when(rds).describeDBInstances(argThat((DescribeDbInstancesRequest r) -> "mysqlinstp".equals(r.dbInstanceIdentifier())));
        doReturn(DescribeDbClustersResponse.builder().dbClusters(DBCluster.builder().dbClusterIdentifier("aumysclup")
                .latestRestorableTime(AURORA_LATEST).build()).build())
                .when(rds).describeDBClusters(argThat((DescribeDbClustersRequest r) -> "aumysclup".equals(r.dbClusterIdentifier())));
        doReturn(DescribeDbSnapshotsResponse.builder().dbSnapshots(
                snapshot("pginstp-daily-1", "2026-11-23T03:00:00Z"),
                snapshot("pginstp-daily-2", "2026-11-24T03:00:00Z"),
                snapshot("pginstp-hourly-11", "2026-11-24T11:52:00Z")).build())
                .when(rds).describeDBSnapshots(any(DescribeDbSnapshotsRequest.class));
    }

    @Test
    void commonTime_isTheEarliestLatestRestorableTimeOfTheSources_toTheSecond_andEveryPointInTimeCopyRestoresToIt()
            throws IOException {
        Fleet fleet = fleet("rds-latestpoint.json", "rds-restorepoint.json", "aurora-latestpoint.json");

        AlignedFleet aligned = new FleetAlignment(rds, FleetFilesTest.CLOCK).prepare(fleet);

        Instant common = Instant.parse("2026-11-24T11:51:07Z");
        assertThat(aligned.commonTime()).isEqualTo(common);
        assertThat(aligned.members()).hasSize(3).allSatisfy(m -> {
            assertThat(m.plan().restore().restoreType()).isEqualTo(RestoreType.RESTORE_POINT);
            assertThat(m.plan().restore().restoreTime()).isEqualTo(common);
            assertThat(m.dataTime()).isEqualTo(common);
            assertThat(Json.MAPPER.readTree(m.json()).path("restore").path("restoretime").asText()).isEqualTo("2026-11-24T11:51:07Z");
        });
    }

    @Test
    void aSnapshotCopy_takesTheNewestSnapshotAtOrBeforeTheCommonTime_notALaterOne() throws IOException {
        Fleet fleet = fleet("rds-latestpoint.json", "aurora-latestpoint.json", "rds-fromsnapshot.json");

        AlignedMember pg = new FleetAlignment(rds, FleetFilesTest.CLOCK).prepare(fleet).member("pginstd");

        assertThat(pg.snapshot()).isEqualTo("pginstp-daily-2");
        assertThat(pg.dataTime()).isEqualTo(Instant.parse("2026-11-24T03:00:00Z"));
        assertThat(pg.plan().restore().snapshot()).isEqualTo("pginstp-daily-2");
        assertThat(pg.plan().restore().restoreType()).isEqualTo(RestoreType.FROM_SNAPSHOT);
    }

    @Test
    void aGivenTime_isUsedAsItIs_withoutAskingForRestorableTimes() throws IOException {
        Fleet fleet = fleet("rds-latestpoint.json", "aurora-latestpoint.json");
        Fleet at = new Fleet(fleet.name(), fleet.members(), 2, Tolerance.NONE, java.util.List.of(), null,
                Alignment.at(Instant.parse("2026-11-24T02:00:00Z")));

        AlignedFleet aligned = new FleetAlignment(rds, FleetFilesTest.CLOCK).prepare(at);

        assertThat(aligned.commonTime()).isEqualTo(Instant.parse("2026-11-24T02:00:00Z"));
        assertThat(aligned.members()).allSatisfy(m ->
                assertThat(m.plan().restore().restoreTime()).isEqualTo(Instant.parse("2026-11-24T02:00:00Z")));
        verify(rds, never()).describeDBInstances(any(DescribeDbInstancesRequest.class));
    }

    @Test
    void aSourceWithoutRestorableTime_cannotBeAligned() throws IOException {
        doReturn(DescribeDbInstancesResponse.builder().dbInstances(DBInstance.builder().dbInstanceIdentifier("mysqlinstp").build()).build())
                .when(rds).describeDBInstances(any(DescribeDbInstancesRequest.class));

        assertThatThrownBy(() -> new FleetAlignment(rds, FleetFilesTest.CLOCK).prepare(fleet("rds-latestpoint.json")))
                .isInstanceOf(AlignmentException.class)
                .hasMessageStartingWith("source mysqlinstp (of rds-latestpoint.json) has no latest restorable time");
    }

    @Test
    void aMissingSource_cannotBeAligned_theFailureNamesItAndItsFile() throws IOException {
        doThrow(DbClusterNotFoundException.builder().message("DBCluster aumysclup not found.").build())
                .when(rds).describeDBClusters(any(DescribeDbClustersRequest.class));

        assertThatThrownBy(() -> new FleetAlignment(rds, FleetFilesTest.CLOCK).prepare(fleet("rds-latestpoint.json", "aurora-latestpoint.json")))
                .isInstanceOf(AlignmentException.class)
                .hasMessageStartingWith("source aumysclup (of aurora-latestpoint.json) does not exist");
    }

    @Test
    void aFleetThatIsNotAligned_runsEachFileAsItIs() throws IOException {
        Files.copy(FleetFilesTest.EXAMPLES.resolve("rds-latestpoint.json"), dir.resolve("rds-latestpoint.json"));
        Fleet fleet = FleetFiles.read("{\"name\": \"f\", \"folder\": \".\"}", dir, FleetFilesTest.CLOCK).fleet();

        AlignedFleet prepared = new FleetAlignment(rds, FleetFilesTest.CLOCK).prepare(fleet);

        assertThat(prepared.commonTime()).isNull();
        assertThat(prepared.members()).singleElement().satisfies(m -> assertThat(m.json()).isEqualTo(fleet.members().get(0).json()));
        verify(rds, never()).describeDBInstances(any(DescribeDbInstancesRequest.class));
    }

    @Test
    void theFleetStateMachinesInput_isAlignedWhenItRuns_everyFileRewrittenToTheCommonTimeChosenThen() throws IOException {
        Fleet fleet = fleet("rds-latestpoint.json", "rds-restorepoint.json", "aurora-latestpoint.json");
        FleetRun written = Json.MAPPER.treeToValue(FleetExecutionInput.of(fleet), FleetRun.class);
        assertThat(written.fleet().align()).isTrue();
        assertThat(written.fleet().commonTime()).as("not chosen when the input is written").isNull();

        FleetRun run = new FleetAlignment(rds, FleetFilesTest.CLOCK).align(written);

        assertThat(run.fleet().commonTime()).isEqualTo("2026-11-24T11:51:07Z");
        assertThat(run.waves()).flatMap(w -> w).hasSize(3).allSatisfy(item -> {
            assertThat(item.input().path("restore").path("restoretype").asText()).isEqualTo("restorepoint");
            assertThat(item.input().path("restore").path("restoretime").asText()).isEqualTo("2026-11-24T11:51:07Z");
        });
        assertThat(run.maxConcurrency()).isEqualTo(written.maxConcurrency());
        assertThat(run.fleet().name()).isEqualTo("f");
    }

    @Test
    void theFleetStateMachinesInput_ofAFleetNotAligned_isGivenBackAsItIs_withoutAskingRds() throws IOException {
        Files.copy(FleetFilesTest.EXAMPLES.resolve("rds-latestpoint.json"), dir.resolve("rds-latestpoint.json"));
        Fleet fleet = FleetFiles.read("{\"name\": \"f\", \"folder\": \".\"}", dir, FleetFilesTest.CLOCK).fleet();
        FleetRun written = Json.MAPPER.treeToValue(FleetExecutionInput.of(fleet), FleetRun.class);

        FleetRun run = new FleetAlignment(rds, FleetFilesTest.CLOCK).align(written);

        assertThat(run).isSameAs(written);
        verify(rds, never()).describeDBInstances(any(DescribeDbInstancesRequest.class));
    }

    @Test
    void theFleetStateMachinesInput_withAGivenTime_isAlignedToIt() throws IOException {
        Fleet fleet = fleet("rds-latestpoint.json", "aurora-latestpoint.json");
        Fleet at = new Fleet(fleet.name(), fleet.members(), 2, Tolerance.NONE, java.util.List.of(), null,
                Alignment.at(Instant.parse("2026-11-24T02:00:00Z")));
        FleetRun written = Json.MAPPER.treeToValue(FleetExecutionInput.of(at), FleetRun.class);
        assertThat(written.fleet().alignTo()).isEqualTo("2026-11-24T02:00:00Z");

        FleetRun run = new FleetAlignment(rds, FleetFilesTest.CLOCK).align(written);

        assertThat(run.fleet().commonTime()).isEqualTo("2026-11-24T02:00:00Z");
        assertThat(run.waves()).flatMap(w -> w).allSatisfy(item ->
                assertThat(item.input().path("restore").path("restoretime").asText()).isEqualTo("2026-11-24T02:00:00Z"));
        verify(rds, never()).describeDBInstances(any(DescribeDbInstancesRequest.class));
    }

    @Test
    void aStoredFleet_isAlignedByItsFirstStepWithoutItsFilesEnteringTheState_andEachIterationReadsItsFileAlignedToTheCommonTime()
            throws IOException {
        Fleet fleet = fleet("rds-latestpoint.json", "aurora-latestpoint.json");
        FleetExecutionInput.Stored stored = FleetExecutionInput.stored(fleet, "bucket", "fleet-f-20261124-120000");
        S3Client s3 = mock(S3Client.class);
        stored.files().forEach((key, json) -> doReturn(ResponseBytes.fromByteArray(GetObjectResponse.builder().build(),
                json.getBytes(StandardCharsets.UTF_8))).when(s3).getObjectAsBytes(
                argThat((GetObjectRequest r) -> r != null && "bucket".equals(r.bucket()) && key.equals(r.key()))));
        FleetAlignment alignment = new FleetAlignment(rds, FleetFilesTest.CLOCK, new StoredRefreshFiles(s3));
        FleetRun written = Json.MAPPER.treeToValue(stored.input(), FleetRun.class);
        assertThat(written.waves()).flatMap(w -> w).allSatisfy(item -> {
            assertThat(item.input()).isNull();
            assertThat(item.key()).isEqualTo("fleet-files/fleet-f-20261124-120000/" + item.target() + ".json");
        });

        FleetRun run = alignment.align(written);

        assertThat(run.fleet().commonTime()).isEqualTo("2026-11-24T11:51:07Z");
        assertThat(run.waves()).as("the keys stay keys").isEqualTo(written.waves());
        FleetRun.Item one = run.waves().get(0).get(0);
        FleetRun iteration = alignment.align(new FleetRun(run.fleet(), run.maxConcurrency(), null, one));
        assertThat(iteration.waves()).isEmpty();
        assertThat(iteration.item().target()).isEqualTo(one.target());
        assertThat(iteration.item().input().path("restore").path("restoretype").asText()).isEqualTo("restorepoint");
        assertThat(iteration.item().input().path("restore").path("restoretime").asText()).isEqualTo("2026-11-24T11:51:07Z");
    }

    @Test
    void anIterationsFailure_isToldInOneLine() throws IOException {
        Fleet fleet = fleet("rds-latestpoint.json");
        FleetRun written = Json.MAPPER.treeToValue(FleetExecutionInput.of(fleet), FleetRun.class);
        FleetRun.Item failed = new FleetRun.Item("mysqlinstd", null, null,
                Json.MAPPER.readTree("{\"Error\":\"States.Timeout\",\"Cause\":\"timed out\"}"), null);

        FleetRun answer = new FleetAlignment(rds, FleetFilesTest.CLOCK).align(new FleetRun(written.fleet(), 1, null, failed));

        assertThat(answer.item().reason()).isEqualTo("States.Timeout: timed out");
        assertThat(answer.item().failure()).isNull();
        verify(rds, never()).describeDBInstances(any(DescribeDbInstancesRequest.class));
    }

    private Fleet fleet(String... files) throws IOException {
        for (String f : files) {
            Files.copy(FleetFilesTest.EXAMPLES.resolve(f), dir.resolve(f));
        }
        FleetResult read = FleetFiles.read("{\"name\": \"f\", \"folder\": \".\", \"align\": true}", dir, FleetFilesTest.CLOCK);
        assertThat(read.errors()).isEmpty();
        return read.fleet();
    }

    private static DBSnapshot snapshot(String name, String time) {
        return DBSnapshot.builder().dbSnapshotIdentifier(name).dbInstanceIdentifier("pginstp").status("available")
                .snapshotCreateTime(Instant.parse(time)).build();
    }
}
