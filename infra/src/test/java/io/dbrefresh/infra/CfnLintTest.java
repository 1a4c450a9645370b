package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.dbrefresh.refreshfile.Json;

/**
 * cfn-lint on the synthesized templates: no error, no warning, no informational finding.
 * cfn-lint must be installed (pip install cfn-lint; ./run-tests installs it when missing): a
 * machine without it fails here rather than passing unchecked.
 */
class CfnLintTest {

    private static final Path OUT = TestDeployments.INFRA.resolve("target/cfn-lint");
    /**
     * W3005: the CDK makes every Lambda function and the state machine DependsOn their role
     * (so the role's policy exists before they do) while also naming the role by GetAtt; the
     * duplicate ordering is harmless and not ours to remove.
     */
    private static final String IGNORED = "W3005";

    /** Both templates in one run: cfn-lint spends most of its time starting up. */
    @Test
    void cfnLint_findsNothingInTheSynthesizedTemplates() throws IOException, InterruptedException {
        Files.createDirectories(OUT);
        Path defaults = write("defaults", TestDeployments.defaults());
        Path full = write("fully-configured", TestDeployments.fullyConfigured());

        Process lint;
        try {
            lint = new ProcessBuilder("cfn-lint", "--format", "parseable", "--ignore-checks", IGNORED,
                    "--", defaults.toString(), full.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("cfn-lint is not installed or not on PATH (pip install cfn-lint): the synthesized template "
                    + "cannot be checked. " + e.getMessage());
            return;
        }
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("cfn-lint finished").isTrue();
        assertThat(output).as("cfn-lint findings").isEmpty();
        assertThat(lint.exitValue()).as("cfn-lint exit code").isZero();
    }

    private static Path write(String name, TestDeployments.Synthesized deployment) throws IOException {
        Path template = OUT.resolve(name + ".template.json");
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(template.toFile(), deployment.template().toJSON());
        return template;
    }
}
