package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void theReadmesJob_isGuessedMariaDbs_soItsServerStartsWhileTheFileIsChecked() {
        assertThat(RunCommand.namesNoOtherEngine(CliRun.HOME.resolve("refresh-files/rds-latestpoint.json"))).isTrue();
    }

    @Test
    void aFileNamingAnotherEnginesFamily_startsNoMariaDbAhead() throws Exception {
        for (String engine : new String[] {"postgres", "aurora-postgresql", "sqlserver-se", "oracle-ee"}) {
            Path file = Files.writeString(dir.resolve(engine + ".json"),
                    "{\"restore\": {\"dbservice\": \"rds\", \"engine\": \"" + engine.toUpperCase() + "\"}}");
            assertThat(RunCommand.namesNoOtherEngine(file)).as(engine).isFalse();
        }
    }

    @Test
    void aFileThatCannotBeRead_startsNothingAhead() {
        assertThat(RunCommand.namesNoOtherEngine(dir.resolve("missing.json"))).isFalse();
    }
}
