package io.dbrefresh.scripts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.execution.StepInput;
import io.dbrefresh.refreshfile.Json;

/** Step-input fixtures for the scripts step, edited per test, and the sql-samples files. */
final class ScriptFixtures {

    static final Path SAMPLES = Path.of(System.getProperty("dbrefresh.home", "..")).resolve("sql-samples");

    private ScriptFixtures() {
    }

    /** The fixture {@code scripts/runscripts-step-input.json} with {@code edit} applied to its runscripts block. */
    static StepInput input(Consumer<ObjectNode> edit) {
        try (InputStream in = ScriptFixtures.class.getResourceAsStream("/scripts/runscripts-step-input.json")) {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(in);
            ObjectNode scripts = (ObjectNode) root.get("plan").get("scripts");
            edit.accept(scripts);
            if (scripts.hasNonNull("tempPassword")) {
                // as in a real execution: the legacy password is not in the plan but in the refresh file
                root.putObject("refreshFile").putObject("runscripts").put("temppwd", scripts.get("tempPassword").asText());
            }
            return Json.MAPPER.treeToValue(root, StepInput.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sample(SqlDialect dialect, String file) {
        try {
            return Files.readString(SAMPLES.resolve(folder(dialect)).resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String folder(SqlDialect dialect) {
        return dialect == SqlDialect.MYSQL ? "mysql" : "postgresql";
    }

    static String engine(SqlDialect dialect) {
        return dialect == SqlDialect.MYSQL ? "mysql" : "aurora-postgresql";
    }
}
