package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dbrefresh plan --timeline}: the model's figures for a file, this order beside the original one. */
class PlanTimelineTest {

    private static final String WITH_SCRIPTS = CliRun.HOME.resolve("refresh-files/rds-with-scripts.json").toString();

    @Test
    void timeline_ofTheMaskingExample_showsTheSwapAsTheOnlyDowntime_andNoExposure_besideTheOriginalOrder() {
        CliRun run = CliRun.of("plan", "--timeline", WITH_SCRIPTS);

        assertThat(run.exitCode()).as(run.all()).isZero();
        // rename away 120 + rename 120 = 240 s: the old target is deleted once the copy holds the name, and not stopped
        assertThat(run.out()).containsPattern("this order \\(safe\\) +\\d:\\d\\d:\\d\\d +0:04:00 +0:00:00");
        // stop + restore (900 + 100 x 6) + delete (700) + rename = 2560 s; exposed from the rename to the scripts' end: 725 s
        assertThat(run.out()).containsPattern("original order +\\d:\\d\\d:\\d\\d +0:42:40 +0:12:05");
        assertThat(run.out()).contains("perform-restore").contains("runscripts").contains("modelled for 100 GiB");
    }

    @Test
    void timeline_ofAFileWithoutScripts_saysTheExposureHasNoEnd() {
        CliRun run = CliRun.of("plan", "--timeline", CliRun.HOME.resolve("refresh-files/rds-latestpoint.json").toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("this order \\(safe\\) .* no end").contains("runs no scripts");
    }

    @Test
    void timeline_takesTheUsersDurations_andTheSize(@TempDir Path dir) throws IOException {
        Path mine = dir.resolve("durations.json");
        Files.writeString(mine, "{\"rename\": 60, \"stop\": 0}");

        CliRun run = CliRun.of("plan", "--timeline", "--size-gib", "20", "--durations", mine.toString(), WITH_SCRIPTS);

        assertThat(run.exitCode()).as(run.all()).isZero();
        // rename away 60 + rename 60 = 120 s
        assertThat(run.out()).containsPattern("this order \\(safe\\) +\\d:\\d\\d:\\d\\d +0:02:00 +0:00:00")
                .containsPattern("original order +\\d:\\d\\d:\\d\\d +0:\\d\\d:\\d\\d")
                .contains("modelled for 20 GiB with the durations of " + mine);
    }

    @Test
    void timeline_refusesDurationsItDoesNotKnow_namingEachOne(@TempDir Path dir) throws IOException {
        Path mine = dir.resolve("durations.json");
        Files.writeString(mine, "{\"renme\": 60, \"stop\": -5}");

        CliRun run = CliRun.of("plan", "--timeline", "--durations", mine.toString(), WITH_SCRIPTS);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("/renme: unknown operation").contains("/stop: must be a number of seconds");
    }
}
