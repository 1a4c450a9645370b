package io.dbrefresh.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dbrefresh.refreshfile.Problem;

class FleetFilesTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    static final Path EXAMPLES = Path.of("..", "refresh-files");

    @TempDir
    Path dir;

    @Test
    void application_overAFolder_takesEveryRefreshFileThatDeclaresIt_andSkipsTheOthersAndFleetFiles() {
        FleetResult read = FleetFiles.read(EXAMPLES.resolve("fleets/app1.json"), CLOCK);

        assertThat(read.errors()).isEmpty();
        assertThat(read.fleet().members()).extracting(FleetMember::target)
                .containsExactly("mysqlinstd", "mysqlinstt", "mysqlinstq");
        assertThat(read.fleet().members()).extracting(FleetMember::file)
                .containsExactly("../rds-latestpoint.json", "../rds-restorepoint.json", "../rds-with-scripts.json");
        assertThat(read.fleet().maxConcurrency()).isEqualTo(2);
        assertThat(read.fleet().maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(read.fleet().alignment()).isEqualTo(Alignment.LATEST_COMMON);
    }

    @Test
    void everyExampleFleet_isValid() throws IOException {
        try (var files = Files.list(EXAMPLES.resolve("fleets"))) {
            List<Path> fleets = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(fleets).hasSizeGreaterThanOrEqualTo(2);
            for (Path f : fleets) {
                assertThat(FleetFiles.read(f, CLOCK).errors()).as(f.toString()).isEmpty();
            }
        }
    }

    @Test
    void waves_followTheOrder_thenEveryUnlistedEnvironmentTogether() throws IOException {
        copy("rds-latestpoint.json", "rds-restorepoint.json", "rds-with-scripts.json", "aurora-latestpoint.json");
        Fleet fleet = valid("""
                {"name": "f", "folder": ".", "order": ["qa", "development"]}""");

        assertThat(fleet.waves()).extracting(w -> w.stream().map(FleetMember::target).toList()).containsExactly(
                List.of("mysqlinstq"),
                List.of("aumysclud", "mysqlinstd"),
                List.of("mysqlinstt"));
    }

    @Test
    void withoutOrder_theWholeFleetIsOneWave_withTheDefaultConcurrencyAndNoFailureAllowed() throws IOException {
        copy("rds-latestpoint.json", "aurora-latestpoint.json");
        Fleet fleet = valid("""
                {"name": "f", "files": ["rds-latestpoint.json", "aurora-latestpoint.json"]}""");

        assertThat(fleet.waves()).hasSize(1);
        assertThat(fleet.waves().get(0)).extracting(FleetMember::target).containsExactly("mysqlinstd", "aumysclud");
        assertThat(fleet.maxConcurrency()).isEqualTo(Fleet.DEFAULT_MAX_CONCURRENCY);
        assertThat(fleet.failuresAllowed()).isZero();
        assertThat(fleet.alignment().aligned()).isFalse();
    }

    @Test
    void badValues_areEachListedByJsonPath() throws IOException {
        copy("rds-latestpoint.json");
        Files.writeString(dir.resolve("broken.json"), "{\"restore\": {\"dbservice\": \"rds\"}}");
        FleetResult read = read("""
                {"name": "bad name!", "files": ["rds-latestpoint.json", "missing.json", "broken.json"],
                 "maxconcurrency": 0, "tolerance": "lots", "maxage": "7w", "align": "yesterday", "colour": "blue"}""");

        assertThat(read.valid()).isFalse();
        assertThat(read.errors()).extracting(Problem::path).contains(
                "/name", "/files/1", "/files/2", "/maxconcurrency", "/tolerance", "/maxage", "/align", "/colour");
        assertThat(read.errors()).anySatisfy(p -> assertThat(p.toString()).isEqualTo("/files/1: no such refresh file: missing.json"));
        assertThat(read.errors()).anySatisfy(p -> assertThat(p.toString()).startsWith("/files/2: broken.json: /restore/"));
        assertThat(read.errors()).anySatisfy(p -> assertThat(p.toString()).isEqualTo("/colour: unknown key"));
        assertThat(read.errors()).anySatisfy(p -> assertThat(p.toString()).contains("/align: must be true, false, or an RFC 3339 time"));
    }

    @Test
    void schedule_isCheckedAsARefreshFilesSchedule_andAValidOneIsAccepted() throws IOException {
        copy("rds-latestpoint.json");
        assertThat(read("""
                {"name": "f", "files": ["rds-latestpoint.json"], "schedule": "cron(0 2 ? * MON-FRI *)"}""").errors()).isEmpty();

        assertThat(read("""
                {"name": "f", "files": ["rds-latestpoint.json"], "schedule": "daily"}""").errors())
                .extracting(Problem::path).containsExactly("/schedule");
        assertThat(read("""
                {"name": "f", "files": ["rds-latestpoint.json"], "schedule": "cron(0 25 ? * MON-FRI *)"}""").errors())
                .singleElement().satisfies(p -> assertThat(p.toString())
                        .startsWith("/schedule: must be an EventBridge Scheduler expression")
                        .contains("hours field \"25\"").endsWith("found \"cron(0 25 ? * MON-FRI *)\""));
        assertThat(read("""
                {"name": "f", "files": ["rds-latestpoint.json"], "schedule": 7}""").errors())
                .extracting(Problem::path).containsExactly("/schedule");
    }

    @Test
    void filesAndApplicationTogether_areRefused() throws IOException {
        copy("rds-latestpoint.json");
        FleetResult read = read("""
                {"name": "f", "files": ["rds-latestpoint.json"], "application": "app1"}""");

        assertThat(read.errors()).extracting(Problem::path).containsExactly("/application");
    }

    @Test
    void aFleetNamingNoRefreshFile_isRefused() {
        assertThat(read("{\"name\": \"f\"}").errors()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("names no refresh file"));
    }

    @Test
    void anApplicationNoFileDeclares_isRefused() throws IOException {
        copy("rds-latestpoint.json");
        assertThat(read("{\"name\": \"f\", \"application\": \"app9\"}").errors()).singleElement()
                .satisfies(p -> assertThat(p).isEqualTo(new Problem("/application", "no refresh file in . declares application app9")));
    }

    @Test
    void twoFilesOfOneTarget_areRefused() throws IOException {
        copy("rds-latestpoint.json");
        Files.copy(dir.resolve("rds-latestpoint.json"), dir.resolve("again.json"));
        FleetResult read = read("""
                {"name": "f", "files": ["rds-latestpoint.json", "again.json"]}""");

        assertThat(read.errors()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("rds-latestpoint.json and again.json both refresh mysqlinstd: a fleet refreshes each target once"));
    }

    @Test
    void align_refusesAFastClone_andASnapshotTheFileNames() throws IOException {
        copy("aurora-fastcloning.json", "aurora-fromsnapshot.json", "rds-fromsnapshot.json");
        FleetResult read = read("""
                {"name": "f", "folder": ".", "align": true}""");

        assertThat(read.errors()).extracting(Problem::path).containsExactly("/align", "/align");
        assertThat(read.errors().get(0).message()).startsWith("aurora-fastcloning.json is a fast clone");
        assertThat(read.errors().get(1).message()).startsWith("aurora-fromsnapshot.json names its snapshot");
    }

    @Test
    void align_toAGivenTime_mustNotBeInTheFuture() throws IOException {
        copy("rds-latestpoint.json");
        assertThat(read("""
                {"name": "f", "folder": ".", "align": "2026-11-25T00:00:00Z"}""").errors()).singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith("/align: is in the future"));
        assertThat(valid("""
                {"name": "f", "folder": ".", "align": "2026-11-24T03:00:00+01:00"}""").alignment())
                .isEqualTo(Alignment.at(Instant.parse("2026-11-24T02:00:00Z")));
    }

    @Test
    void tolerance_asAPercentage_allowsThatShareOfTheFleetRoundedDown() {
        assertThat(new Tolerance(null, 10).allowed(25)).isEqualTo(2);
        assertThat(new Tolerance(null, 10).allows(3, 25)).isFalse();
        assertThat(new Tolerance(1, null).allows(1, 25)).isTrue();
        assertThat(new Tolerance(1, null).allows(2, 25)).isFalse();
    }

    @Test
    void anOrderEnvironmentNoRefreshHas_isAWarning() throws IOException {
        copy("rds-latestpoint.json");
        FleetResult read = read("""
                {"name": "f", "folder": ".", "order": ["development", "uat"]}""");

        assertThat(read.valid()).isTrue();
        // the example runs stopdb, which the swap no longer honours by stopping: its own warning comes first, by file
        assertThat(read.warnings()).hasSize(2);
        assertThat(read.warnings().get(0).toString())
                .startsWith("/folder: rds-latestpoint.json: warning /stopdb/torun: the old target is no longer stopped");
        assertThat(read.warnings().get(1)).isEqualTo(new Problem("/order/1", "no refresh of the fleet is in environment uat"));
    }

    @Test
    void duplicateKeys_andNotJson_areRefused() {
        assertThat(read("{\"name\": \"a\", \"name\": \"b\"}").errors()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("is not valid JSON"));
        assertThat(read("[]").errors()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("must be a JSON object"));
    }

    private void copy(String... examples) throws IOException {
        for (String e : examples) {
            Files.copy(EXAMPLES.resolve(e), dir.resolve(e));
        }
    }

    private FleetResult read(String json) {
        return FleetFiles.read(json, dir, CLOCK);
    }

    private Fleet valid(String json) {
        FleetResult read = read(json);
        assertThat(read.errors()).isEmpty();
        return read.fleet();
    }
}
