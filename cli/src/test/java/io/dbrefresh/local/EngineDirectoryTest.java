package io.dbrefresh.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineDirectoryTest {

    @Test
    void locate_usesTheHomeProperty() {
        Path home = Path.of(System.getProperty(EngineDirectory.HOME_PROPERTY));

        assertThat(EngineDirectory.locate().path()).isEqualTo(home.resolve("cli/engine").toAbsolutePath().normalize());
    }

    @Test
    void findHome_walksUpFromTheWorkingDirectory_whenNoPropertyIsSet(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("statemachine"));
        Files.createDirectories(project.resolve("cli/engine"));
        Path deeper = Files.createDirectories(project.resolve("cli/src/main"));
        String home = System.clearProperty(EngineDirectory.HOME_PROPERTY);
        String workingDir = System.getProperty("user.dir");
        try {
            System.setProperty("user.dir", deeper.toString());

            assertThat(EngineDirectory.findHome()).isEqualTo(project.toAbsolutePath().normalize());
        } finally {
            System.setProperty("user.dir", workingDir);
            System.setProperty(EngineDirectory.HOME_PROPERTY, home);
        }
    }

    @Test
    void constructor_refusesAFolderWithoutTheRunner(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> new EngineDirectory(elsewhere))
                .isInstanceOf(LocalEngineException.class)
                .hasMessageContaining("no runner.mjs");
    }
}
