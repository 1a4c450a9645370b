package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Each file under src/test/resources/malformed is a refresh file with one kind of mistake;
 * index.json says which path(s) the validator must name and a fragment of what it must say.
 */
class MalformedRefreshFilesTest {

    record Expected(String path, String message) {
    }

    record Case(String file, List<Expected> errors) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Path directory() throws URISyntaxException {
        return Path.of(MalformedRefreshFilesTest.class.getResource("/malformed/index.json").toURI()).getParent();
    }

    static List<Case> cases() throws IOException {
        try (InputStream in = MalformedRefreshFilesTest.class.getResourceAsStream("/malformed/index.json")) {
            return List.of(new ObjectMapper().readValue(in, Case[].class));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validate_rejectsTheFile_namingEachPathWithWhatIsWrong(Case c) throws Exception {
        CliRun run = CliRun.of("validate", directory().resolve(c.file()).toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).as(run.out()).endsWith(": INVALID, " + c.errors().size() + (c.errors().size() == 1 ? " error" : " errors"));
        for (Expected e : c.errors()) {
            String shown = e.path().isEmpty() ? "(top level)" : e.path();
            assertThat(lines).as(run.out())
                    .anySatisfy(line -> assertThat(line).startsWith("  " + shown + ": ").contains(e.message()));
        }
        assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void theSuite_coversAtLeastFortyMistakes_andHasNoFixtureMissingFromTheIndex() throws Exception {
        Set<String> indexed = cases().stream().map(Case::file).collect(Collectors.toSet());
        Set<String> files;
        try (Stream<Path> list = Files.list(directory())) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> !n.equals("index.json")).collect(Collectors.toSet());
        }

        assertThat(indexed).hasSizeGreaterThanOrEqualTo(40);
        assertThat(files).isEqualTo(indexed);
    }
}
