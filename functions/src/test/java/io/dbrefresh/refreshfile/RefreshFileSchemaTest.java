package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON Schema that editors use, and its agreement with the reader. */
class RefreshFileSchemaTest {

    private static final RefreshFileSchema SCHEMA = RefreshFileSchema.get();
    private static final Path HOME = Path.of(System.getProperty("dbrefresh.home", "../"));

    @Test
    void everyProperty_hasADescription() {
        List<String> undocumented = new ArrayList<>();
        JsonNode root = SCHEMA.document();
        walk(root, root, "", undocumented);

        assertThat(undocumented).isEmpty();
    }

    @Test
    void theReadersChoicesAndShapes_areTheSchemasOwn() {
        JsonNode defs = SCHEMA.document().path("$defs");

        assertThat(RestoreBlock.ENGINES).containsExactlyElementsOf(texts(defs.path("engine").path("enum")));
        assertThat(RestoreBlock.SERVICES).containsExactlyElementsOf(texts(defs.path("dbservice").path("enum")));
        assertThat(RunScriptsBlock.ENGINES).containsExactlyElementsOf(texts(defs.path("runscripts").path("properties").path("engine").path("enum")));
        assertThat(RestoreBlock.DB_CLASS.pattern()).isEqualTo(defs.path("dbclass").path("pattern").asText());
        assertThat(RestoreBlock.KMS_KEY.pattern()).isEqualTo(defs.path("kmsKey").path("pattern").asText());
    }

    @Test
    void aPointerTheSchemaLacks_failsNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RefreshFileSchema.allowed("/$defs/nowhere"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/$defs/nowhere");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static void walk(JsonNode root, JsonNode node, String where, List<String> undocumented) {
        node.path("properties").fields().forEachRemaining(e -> {
            JsonNode property = e.getValue();
            if (!property.has("description") && !resolve(root, property).has("description")) {
                undocumented.add(where + "/" + e.getKey());
            }
            walk(root, resolve(root, property), where + "/" + e.getKey(), undocumented);
        });
    }

    static JsonNode resolve(JsonNode root, JsonNode property) {
        JsonNode ref = property.path("$ref");
        return ref.isTextual() ? root.at(ref.asText().substring(1)) : property;
    }

    @Test
    void checkTodo_isTheOneTheOriginalUsedForEachBlock() {
        Map<String, String> original = Map.ofEntries(
                Map.entry("deletereplicas", "checkdeletereplicas"), Map.entry("stopdb", "checkstopdb"),
                Map.entry("restore", "checkrestore"), Map.entry("createinstance", "checkcreate"),
                Map.entry("delete", "checkdelete"), Map.entry("deletecluster", "checkdeletecluster"),
                Map.entry("renamecluster", "checkrenamecluster"), Map.entry("rename", "checkrename"),
                Map.entry("fixtags", "checkfixtags"), Map.entry("createreplicas", "checkreplicas"),
                Map.entry("changemasterpwd", "checkpwd"), Map.entry("changeadminpwd", "checkpwd"),
                Map.entry("rotatemasterpwd", "rotatepwd"), Map.entry("rotateadminpwd", "rotatepwd"),
                Map.entry("runscripts", "runscripts"));

        original.forEach((block, todo) -> assertThat(SCHEMA.checkTodo(block)).as(block).isEqualTo(todo));
        assertThat(SCHEMA.checkTodo("updatedynamodb")).isNull();
    }

    @Test
    void everyStepBlock_andItsAlias_isInTheSchema() {
        for (StepId step : StepId.values()) {
            assertThat(SCHEMA.topLevelKeys()).contains(step.block());
        }
        assertThat(SCHEMA.keysOf("changeadminpwd")).isEqualTo(SCHEMA.keysOf("changemasterpwd"));
        assertThat(SCHEMA.keysOf("rotateadminpwd")).isEqualTo(SCHEMA.keysOf("rotatemasterpwd"));
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(HOME.resolve("refresh-files"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void examples_passTheSchemaOnItsOwn_soEditorsShowNoFalseAlarm(Path example) throws IOException {
        JsonNode document = new ObjectMapper().readTree(example.toFile());

        assertThat(SCHEMA.validate(document)).isEmpty();
    }

    @Test
    void schema_findsTypeMistakes_atTheSamePathAsTheReader() {
        JsonNode document = json(Fixture.of("rds.json")
                .with("/restore/port", "three")
                .with("/restore/wait_tiem", 3)
                .with("/rename/torun", null)
                .json());

        assertThat(SCHEMA.validate(document)).extracting(Problem::path)
                .contains("/restore/port", "/restore/wait_tiem", "/rename/torun");
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
