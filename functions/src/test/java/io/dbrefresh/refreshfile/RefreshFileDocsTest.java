package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** docs/refresh-file.md documents every key the schema accepts, in the section of its block. */
class RefreshFileDocsTest {

    private static final Path DOC = Path.of(System.getProperty("dbrefresh.home", "../")).resolve("docs/refresh-file.md");
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");
    private static final String TOP_LEVEL = "Top level";

    @Test
    void everySchemaProperty_isDocumented_inItsBlocksSection() throws IOException {
        Map<String, String> sections = sections(Files.readString(DOC));
        JsonNode schema = RefreshFileSchema.get().document();
        List<String> missing = new ArrayList<>();

        schema.path("properties").fields().forEachRemaining(block -> {
            JsonNode definition = RefreshFileSchemaTest.resolve(schema, block.getValue());
            if (!definition.has("properties")) {
                expect(sections.get(TOP_LEVEL), block.getKey(), TOP_LEVEL, missing);
                return;
            }
            String section = sections.get(block.getKey());
            if (section == null) {
                missing.add("no section for block " + block.getKey());
                return;
            }
            walk(schema, definition, section, block.getKey(), missing);
        });

        assertThat(missing).isEmpty();
    }

    // every property below a block, the check block's included, must be named in the block's section
    private static void walk(JsonNode schema, JsonNode definition, String section, String where, List<String> missing) {
        definition.path("properties").fields().forEachRemaining(p -> {
            expect(section, p.getKey(), where, missing);
            walk(schema, RefreshFileSchemaTest.resolve(schema, p.getValue()), section, where + "/" + p.getKey(), missing);
        });
    }

    private static void expect(String section, String key, String where, List<String> missing) {
        if (section == null || !section.contains("`" + key + "`")) {
            missing.add(where + ": `" + key + "`");
        }
    }

    /** Each heading's text up to the next heading, under every name written in backquotes in it (and its plain title). */
    private static Map<String, String> sections(String markdown) {
        Map<String, String> sections = new HashMap<>();
        List<String> names = List.of();
        StringBuilder text = new StringBuilder();
        for (String line : (markdown + "\n# end").split("\n")) {
            if (line.startsWith("#")) {
                for (String name : names) {
                    sections.put(name, text.toString());
                }
                String title = line.replaceFirst("^#+ *", "");
                List<String> found = new ArrayList<>(List.of(title));
                Matcher m = NAME.matcher(title);
                while (m.find()) {
                    found.add(m.group(1));
                }
                names = found;
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }
        return sections;
    }
}
