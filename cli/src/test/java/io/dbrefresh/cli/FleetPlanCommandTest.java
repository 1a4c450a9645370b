package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetPlanCommandTest {

    static final Path APP1 = CliRun.HOME.resolve("refresh-files/fleets/app1.json");

    @TempDir
    Path dir;

    @Test
    void planFleet_showsTheTargetsWaveByWave_andWhenTheCommonTimeIsChosen() {
        CliRun run = CliRun.of("plan", "--fleet", APP1.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Fleet app1-nonprod: 3 refreshes, at most 2 at a time, 0 failures allowed")
                .contains("freshness target: 7d")
                .contains("aligned to: the latest time restorable for every source, chosen when the fleet starts");
        String out = run.out();
        assertThat(out.indexOf("wave 1 of 3 (development)")).isLessThan(out.indexOf("mysqlinstd"));
        assertThat(out.indexOf("mysqlinstd")).isLessThan(out.indexOf("wave 2 of 3 (test)"));
        assertThat(out.indexOf("wave 2 of 3 (test)")).isLessThan(out.indexOf("mysqlinstt"));
        assertThat(out.indexOf("mysqlinstt")).isLessThan(out.indexOf("wave 3 of 3 (qa)"));
        assertThat(out.indexOf("wave 3 of 3 (qa)")).isLessThan(out.indexOf("mysqlinstq"));
    }

    @Test
    void planApplication_isEveryRefreshFileOfTheApplicationInTheFolder_asAFleetWithAFleetFilesDefaults() {
        CliRun run = CliRun.of("plan", "--application", "app1", "--folder", CliRun.HOME.resolve("refresh-files").toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Fleet app1: 3 refreshes, at most 4 at a time, 0 failures allowed")
                .contains("mysqlinstd").contains("mysqlinstt").contains("mysqlinstq").doesNotContain("aumysclud");
    }

    @Test
    void planApplication_withAFleetToo_isAUsageError_andOfAnApplicationWithNoFile_saysSo() {
        CliRun both = CliRun.of("plan", "--application", "app1", "--fleet", APP1.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("give one refresh FILE, or --fleet FLEET, or --application APP");

        CliRun none = CliRun.of("plan", "--application", "no-such-app", "--folder", CliRun.HOME.resolve("refresh-files").toString());
        assertThat(none.exitCode()).as(none.all()).isEqualTo(1);
        assertThat(none.err()).contains("--application no-such-app --folder ").contains("no plan: fix the errors above first");
    }

    @Test
    void planFleet_ofAnInvalidFleet_listsEveryProblemByPath_andExitsOne() throws Exception {
        Path fleet = dir.resolve("bad.json");
        Files.writeString(fleet, """
                {"name": "f", "files": ["%s", "missing.json"], "maxconcurrency": 0}"""
                .formatted(CliRun.HOME.resolve("refresh-files/rds-latestpoint.json").toAbsolutePath()));

        CliRun run = CliRun.of("plan", "--fleet", fleet.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(fleet + ": /files/1: no such refresh file: missing.json")
                .contains(fleet + ": /maxconcurrency: ")
                .contains(fleet + ": no plan: fix the errors above first");
        assertThat(run.out()).doesNotContain("wave");
    }

    @Test
    void planFleet_withARefreshFileToo_isAUsageError() {
        CliRun run = CliRun.of("plan", "--fleet", APP1.toString(), CliRun.HOME.resolve("refresh-files/rds-latestpoint.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("give one refresh FILE, or --fleet FLEET");
    }

    @Test
    void planFleet_ofAMissingFile_isAUsageError() {
        CliRun run = CliRun.of("plan", "--fleet", dir.resolve("nothing.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such fleet file");
    }

    @Test
    void runFleet_withoutLocal_pointsAtStart_andIsAUsageError() {
        CliRun run = CliRun.of("run", "--fleet", APP1.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("./dbrefresh run --local --fleet " + APP1).contains("./dbrefresh start --fleet " + APP1);
    }

    @Test
    void runFleet_ofAnInvalidFleet_runsNothing_andExitsOne() throws Exception {
        Path fleet = dir.resolve("bad.json");
        Files.writeString(fleet, "{\"name\": \"f\", \"files\": [\"missing.json\"]}");

        CliRun run = CliRun.of("run", "--local", "--fleet", fleet.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(fleet + ": /files/0: no such refresh file: missing.json").contains("not run");
        assertThat(run.out()).doesNotContain("moto");
    }

    @Test
    void historyFresh_withoutApplicationOrFleet_isAUsageError() {
        CliRun run = CliRun.of("history", "--database", "mysqlinstd", "--fresh");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--fresh takes --application APP or --fleet FLEET");
    }

    @Test
    void historyFresh_withABadMaxAge_isAUsageError_beforeAnyAwsCall() {
        CliRun run = CliRun.of("history", "--application", "app1", "--fresh", "--max-age", "7w",
                "--folder", CliRun.HOME.resolve("refresh-files").toString(), "--endpoint-url", "http://127.0.0.1:9");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--max-age 7w: must be minutes, hours or days");
    }
}
