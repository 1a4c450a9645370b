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

        assertThat(scheduled).extracting(RefreshSchedules.ScheduledRefresh::baseName)
                .containsExactly("app1-mysql-weeknights", "app2-aurora-monthly");
        assertThat(scheduled.get(0).expression()).isEqualTo("cron(0 3 ? * MON-FRI *)");
        assertThat(scheduled.get(0).input())
                .isEqualTo(Files.readString(TestDeployments.SCHEDULED_FILES.resolve("app1-mysql-weeknights.json")).strip());
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

        assertThat(RefreshSchedules.read(dir)).extracting(RefreshSchedules.ScheduledRefresh::expression)
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
