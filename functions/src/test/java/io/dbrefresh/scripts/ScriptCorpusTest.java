package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The T-SQL and SQL*Plus splitters on a corpus of scripts shaped like the ones DBAs run after
 * a refresh (procedures, triggers, packages, types, nested blocks, dynamic SQL, comments,
 * quoted GO and /, SQL*Plus settings), under src/test/resources/scripts/corpus/ and the
 * masking samples in sql-samples/. Each corpus file says what it must give on its first line:
 * {@code -- expect: N} statements, or {@code -- refuse: line N}.
 */
class ScriptCorpusTest {

    private static final Pattern EXPECT = Pattern.compile("-- expect: (\\d+)");
    private static final Pattern REFUSE = Pattern.compile("-- refuse: line (\\d+)");
    private static final Path SAMPLES = Path.of(System.getProperty("dbrefresh.home", "../")).resolve("sql-samples");
    /** The masking samples carry no header: how many statements (batches) each must give. */
    private static final Map<String, Integer> SAMPLE_STATEMENTS = Map.of(
            "sqlserver/01-mask-personal-data.sql", 2,
            "sqlserver/02-purge-and-reset.sql", 4,
            "sqlserver/99-verify-masked.sql", 4,
            "oracle/01-mask-personal-data.sql", 8,
            "oracle/02-purge-and-reset.sql", 6,
            "oracle/99-verify-masked.sql", 1);

    static Stream<Arguments> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(ScriptCorpusTest.class.getResource("/scripts/corpus").toURI());
        return Stream.of("tsql", "oracle").flatMap(dir -> {
            try (Stream<Path> files = Files.list(root.resolve(dir))) {
                return files.sorted().map(f -> Arguments.of(dir + "/" + f.getFileName(), f)).toList().stream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static SqlSplitter splitter(String name) {
        return SqlSplitter.of(name.startsWith("tsql/") || name.startsWith("sqlserver/") ? SqlDialect.SQLSERVER : SqlDialect.ORACLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusScript_splitsAsItsHeaderSays(String name, Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String header = text.replace("\uFEFF", "").lines().findFirst().orElse("").strip();
        Matcher expect = EXPECT.matcher(header);
        Matcher refuse = REFUSE.matcher(header);
        if (expect.matches()) {
            List<SqlStatement> statements = splitter(name).split(text);
            assertThat(statements).as(name + ": " + statements).hasSize(Integer.parseInt(expect.group(1)));
            assertThat(statements).allSatisfy(s -> {
                assertThat(s.sql()).isNotBlank().doesNotStartWith("--").doesNotStartWith("/*");
                assertThat(s.line()).isGreaterThan(1);
            });
            if (name.startsWith("oracle/")) {
                // SQL goes without its ;, an anonymous block keeps its own
                assertThat(statements).allSatisfy(s -> {
                    if (s.sql().matches("(?is)(BEGIN|DECLARE)\\b.*")) {
                        assertThat(s.sql()).endsWith(";");
                    } else if (!s.sql().matches("(?is)(CREATE|WITH)\\b.*")) {
                        assertThat(s.sql()).doesNotEndWith(";");
                    }
                });
            }
        } else if (refuse.matches()) {
            assertThatThrownBy(() -> splitter(name).split(text)).as(name)
                    .isInstanceOf(ScriptSyntaxException.class)
                    .satisfies(e -> assertThat(((ScriptSyntaxException) e).line()).isEqualTo(Integer.parseInt(refuse.group(1))));
        } else {
            throw new AssertionError(name + ": the first line must be '-- expect: N' or '-- refuse: line N'; found " + header);
        }
    }

    @Test
    void theCorpus_holdsAtLeastTwentyWorkingAndFiveRefusedScriptsPerDialect() throws Exception {
        for (String dialect : List.of("tsql", "oracle")) {
            List<String> headers = corpus().map(a -> (String) a.get()[0]).filter(n -> n.startsWith(dialect + "/"))
                    .map(n -> {
                        try {
                            return Files.readString(Path.of(ScriptCorpusTest.class.getResource("/scripts/corpus/" + n).toURI()))
                                    .replace("\uFEFF", "").lines().findFirst().orElse("");
                        } catch (IOException | URISyntaxException e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
            assertThat(headers.stream().filter(h -> h.startsWith("-- expect:"))).as(dialect).hasSizeGreaterThanOrEqualTo(20);
            assertThat(headers.stream().filter(h -> h.startsWith("-- refuse:"))).as(dialect).hasSizeGreaterThanOrEqualTo(5);
        }
    }

    @ParameterizedTest(name = "sql-samples/{0}")
    @MethodSource("samples")
    void maskingSample_splitsIntoItsStatements(String name, int statements) throws IOException {
        String text = Files.readString(SAMPLES.resolve(name));

        assertThat(splitter(name).split(text)).hasSize(statements);
    }

    static Stream<Arguments> samples() {
        return SAMPLE_STATEMENTS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }
}
