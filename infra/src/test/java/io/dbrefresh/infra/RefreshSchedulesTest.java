package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefreshSchedulesTest {

    @Test
    void read_returnsScheduledFilesInNameOrder_withTheirExpressionAndContent() throws IOException {
        var scheduled = RefreshSchedules.read(TestDeployments.SCHEDULED_FILES);

        assertThat(scheduled).extracting(RefreshSchedules.ScheduledRun::baseName)
                .containsExactly("app1-mysql-weeknights", "app2-aurora-monthly");
        assertThat(scheduled.get(0).expression()).isEqualTo("cron(0 3 ? * MON-FRI *)");
        assertThat(scheduled.get(0).input())
                .isEqualTo(Files.readString(TestDeployments.SCHEDULED_FILES.resolve("app1-mysql-weeknights.json")).strip());
    }

    @Test
    void readFleets_readsOnlyScheduledFleetFiles_asTheFleetInput() {
        var scheduled = RefreshSchedules.readFleets(TestDeployments.SCHEDULED_FILES.resolve("fleets"));

        assertThat(scheduled).extracting(RefreshSchedules.ScheduledRun::baseName).containsExactly("nightly");
        assertThat(scheduled.get(0).expression()).isEqualTo("cron(30 1 ? * * *)");
        assertThat(scheduled.get(0).input()).contains("\"name\":\"nightly\"").contains("app1-mysql-dev").contains("app3-pg-uat");
    }

    @Test
    void readFleets_refusesAnInvalidScheduledFleet_listingEveryProblemByJsonPath(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.json"), """
                {"name": "bad", "files": ["missing.json"], "maxconcurrency": 0, "schedule": "cron(0 25 ? * * *)"}""");

        assertThatThrownBy(() -> RefreshSchedules.readFleets(dir))
                .isInstanceOf(InvalidDeploymentSettingsException.class)
                .hasMessageContaining("bad.json has a schedule but is not a valid fleet file")
                .hasMessageContaining("/files/0: no such refresh file")
                .hasMessageContaining("/maxconcurrency")
                .hasMessageContaining("/schedule: must be");
    }

    @Test
    void readFleets_refusesAScheduledFleetTooLargeForOneExecution(@TempDir Path dir) throws IOException {
        String example = Files.readString(TestDeployments.SCHEDULED_FILES.resolve("app1-mysql-weeknights.json"));
        StringBuilder files = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            Files.writeString(dir.resolve("r" + i + ".json"), example.replace("app1-mysql-dev", "app1-mysql-dev" + i));
            files.append(i == 0 ? "" : ",").append("\"r").append(i).append(".json\"");
        }
        Files.createDirectories(dir.resolve("fleets"));
        Files.writeString(dir.resolve("fleets/huge.json"), "{\"name\": \"huge\", \"schedule\": \"rate(1 day)\", \"files\": ["
                + files.toString().replace("\"r", "\"../r") + "]}");

        assertThatThrownBy(() -> RefreshSchedules.readFleets(dir.resolve("fleets")))
                .isInstanceOf(InvalidDeploymentSettingsException.class)
                .hasMessageContaining("huge.json has a schedule but cannot run as one fleet")
                .hasMessageContaining("of Step Functions' 256 KiB");
    }

    @Test
    void readFleets_refusesAScheduledFleetWithAPlainTextPassword(@TempDir Path dir) throws IOException {
        Files.copy(TestDeployments.FIXTURES.resolve("refresh-files-with-password/legacy-temppwd.json"), dir.resolve("legacy.json"));
        Files.writeString(dir.resolve("fleet.json"), """
                {"name": "f", "files": ["legacy.json"], "schedule": "rate(1 day)"}""");

        assertThatThrownBy(() -> RefreshSchedules.readFleets(dir))
                .isInstanceOf(InvalidDeploymentSettingsException.class)
                .hasMessageContaining("temppwd")
                .hasMessageNotContaining("not-a-real-password-1");
    }

    @Test
    void read_ofAMissingFolder_isEmpty(@TempDir Path dir) {
        assertThat(RefreshSchedules.read(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void read_ignoresFilesThatAreNotJsonAndSubfolders(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "{\"schedule\": \"rate(1 day)\"}");
        Files.createDirectories(dir.resolve("schema"));
        Files.writeString(dir.resolve("schema/refresh-file.schema.json"), "{\"schedule\": \"rate(1 day)\"}");

        assertThat(RefreshSchedules.read(dir)).isEmpty();
    }

    @Test
    void read_treatsABlankOrNullScheduleAsUnscheduled(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("blank.json"), "{\"schedule\": \" \"}");
        Files.writeString(dir.resolve("null.json"), "{\"schedule\": null}");

        assertThat(RefreshSchedules.read(dir)).isEmpty();
    }

    @Test
    void read_acceptsRateAndAtExpressions(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.json"), "{\"schedule\": \"rate(7 days)\"}");
        Files.writeString(dir.resolve("b.json"), "{\"schedule\": \"at(2030-01-01T03:00:00)\"}");

        assertThat(RefreshSchedules.read(dir)).extracting(RefreshSchedules.ScheduledRun::expression)
                .containsExactly("rate(7 days)", "at(2030-01-01T03:00:00)");
    }

    @Test
    void read_rejectsAScheduleThatIsNoSchedulerExpression(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("nightly.json"), "{\"schedule\": \"0 3 * * *\"}");

        assertThatThrownBy(() -> RefreshSchedules.read(dir))
                .isInstanceOf(InvalidDeploymentSettingsException.class)
                .hasMessageContaining("nightly.json").hasMessageContaining("cron(...)");
    }

    @Test
    void read_rejectsAFileThatIsNotJson(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.json"), "{\"schedule\": ");

        assertThatThrownBy(() -> RefreshSchedules.read(dir))
                .isInstanceOf(InvalidDeploymentSettingsException.class).hasMessageContaining("broken.json");
    }

    @Test
    void read_ignoresAnEmptyTemporaryPasswordInAScheduledFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ok.json"),
                "{\"schedule\": \"rate(1 day)\", \"changemasterpwd\": {\"temppwd\": \"\", \"secret\": \"true\"}}");

        assertThat(RefreshSchedules.read(dir)).hasSize(1);
    }

    @Test
    void read_leavesAnUnscheduledFileWithATemporaryPasswordAlone(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("by-hand.json"), "{\"changemasterpwd\": {\"temppwd\": \"x\"}}");

        assertThat(RefreshSchedules.read(dir)).isEmpty();
    }
}
