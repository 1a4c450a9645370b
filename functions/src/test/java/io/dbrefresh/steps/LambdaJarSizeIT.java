package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * What each function deploys stays small: every jar of {@code target/lambda} (shrunk by
 * ProGuard, then split by the SDK modules each function's grants call) and the drivers' layer
 * at most 20 MiB, with no exception (docs/benchmarks.md, "Lambda jars per function shape").
 */
class LambdaJarSizeIT {

    private static final long MIB = 1024 * 1024;
    private static final long LIMIT = 20 * MIB;
    private static final Path FOLDER = Path.of("target/lambda");

    @Test
    void everyFunctionsJar_isAtMost20MiB() throws IOException {
        for (StepFunction f : StepRegistry.all()) {
            Path jar = FOLDER.resolve(FunctionJar.of(f).fileName());
            assertThat(Files.size(jar)).as("%s of %s, %.2f MiB", jar.getFileName(), f.name(), Files.size(jar) / (double) MIB)
                    .isLessThanOrEqualTo(LIMIT);
        }
    }

    @Test
    void theDriversLayer_isAtMost20MiB() throws IOException {
        assertThat(Files.size(FOLDER.resolve(FunctionJar.DRIVERS_LAYER))).isLessThanOrEqualTo(LIMIT);
    }
}
