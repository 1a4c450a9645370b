package io.dbrefresh.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** docs/fleets.md documents every key the fleet-file schema accepts. */
class FleetDocsTest {

    private static final Path DOC = Path.of(System.getProperty("dbrefresh.home", "../")).resolve("docs/fleets.md");

    @Test
    void everySchemaProperty_isDocumented() throws IOException {
        String doc = Files.readString(DOC);
        List<String> missing = new ArrayList<>();
        FleetFileSchema.get().document().path("properties").fieldNames().forEachRemaining(key -> {
            if (!doc.contains("| `" + key + "` |")) {
                missing.add(key);
            }
        });
        assertThat(missing).isEmpty();
    }
}
