package io.dbrefresh.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installs the engine's npm packages from scratch, as on a machine where npm never ran; needs the npm registry. */
class EngineDirectoryIT {

    @Test
    void ensureInstalled_runsNpmCiInAFreshEngineFolder_andTheEngineThenWorks(@TempDir Path fresh) throws Exception {
        Path source = EngineDirectory.locate().path();
        for (String file : List.of("package.json", "package-lock.json", "runner.mjs", "validate-asl.mjs")) {
            Files.copy(source.resolve(file), fresh.resolve(file));
        }
        EngineDirectory engine = new EngineDirectory(fresh);

        engine.ensureInstalled();

        assertThat(fresh.resolve("node_modules/aws-local-stepfunctions/package.json")).exists();
        assertThat(fresh.resolve("node_modules/asl-validator/package.json")).exists();
        assertThat(new AslValidator(engine).validate(LocalEngineTest.fixture("restore-job.asl.json"))).isEmpty();
    }
}
