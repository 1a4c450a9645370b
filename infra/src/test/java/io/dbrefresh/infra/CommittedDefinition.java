package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A state machine definition committed under {@code statemachine/}, which the local engine runs,
 * held to the one the CDK app generates; {@code -Ddbrefresh.regenerate=true} writes it anew.
 */
final class CommittedDefinition {

    private CommittedDefinition() {
    }

    /**
     * @param file      the file's name under {@code statemachine/}
     * @param generated what the CDK app deploys
     * @param source    what generates it, in the failure's words
     * @param test      the test that regenerates it
     */
    static void assertIsGenerated(String file, String generated, String source, Class<?> test) throws IOException {
        Path committed = Path.of(System.getProperty("dbrefresh.home", "..")).resolve("statemachine").resolve(file);
        if (Boolean.getBoolean("dbrefresh.regenerate")) {
            Files.writeString(committed, generated);
        }
        assertThat(Files.readString(committed))
                .as("statemachine/" + file + " is generated " + source + "; regenerate with mvn -pl infra -am test -Dtest="
                        + test.getSimpleName() + " -Ddbrefresh.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false")
                .isEqualTo(generated);
    }
}
