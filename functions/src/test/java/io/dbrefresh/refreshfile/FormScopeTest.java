package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * FormScope answers what the reader enforces: for every block of a service and every key the
 * schema gives it, a key FormScope leaves out is one the reader rejects as belonging to the other
 * service or another restore type, and a key it keeps is one the reader does not reject so.
 */
class FormScopeTest {

    /** The reader's words for a key of the other service or of another restore type; "applies only with X" rules depend on values. */
    private static final java.util.regex.Pattern NOT_THIS_SERVICE_OR_TYPE =
            java.util.regex.Pattern.compile("applies (to (rds|aurora) only|only to restoretype)");

    @ParameterizedTest
    @CsvSource({
            "rds-latestpoint.json, rds, latestpoint",
            "rds-restorepoint.json, rds, restorepoint",
            "rds-fromsnapshot.json, rds, fromsnapshot",
            "aurora-latestpoint.json, aurora, latestpoint",
            "aurora-restorepoint.json, aurora, restorepoint",
            "aurora-fromsnapshot.json, aurora, fromsnapshot",
            "aurora-fastcloning.json, aurora, fastcloning"})
    void everyKeyItLeavesOut_theReaderRejectsAsNotApplying(String example, String serviceName, String typeName) throws IOException {
        DbService service = DbService.fromJson(serviceName);
        RestoreType type = RestoreType.fromJson(typeName);
        JsonNode schema = RefreshFileSchema.get().document();
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(read(example));
        for (StepId step : StepId.values()) {
            if (!FormScope.stepApplies(step, service)) {
                continue;
            }
            JsonNode properties = definition(schema, step.block()).path("properties");
            for (Iterator<String> keys = properties.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (key.equals("check")) {
                    continue;
                }
                ObjectNode probe = file.deepCopy();
                ObjectNode block = probe.has(step.block()) ? (ObjectNode) probe.get(step.block())
                        : probe.putObject(step.block()).put("torun", true);
                if (!block.has(key)) {
                    block.put(key, "x");
                }
                List<Problem> errors = RefreshFiles.read(Json.MAPPER.writeValueAsString(probe)).errors();
                boolean rejected = errors.stream().anyMatch(p -> p.path().equals("/" + step.block() + "/" + key)
                        && NOT_THIS_SERVICE_OR_TYPE.matcher(p.message()).find());
                assertThat(rejected).as("%s/%s for %s %s", step.block(), key, service.json(), type.json())
                        .isEqualTo(!FormScope.keyApplies(step, key, service, type));
            }
        }
    }

    private static String read(String example) throws IOException {
        return Files.readString(Path.of(System.getProperty("dbrefresh.home")).resolve("refresh-files").resolve(example));
    }

    private static JsonNode definition(JsonNode schema, String block) {
        JsonNode p = schema.path("properties").path(block);
        String ref = p.path("$ref").asText("");
        return ref.startsWith("#/$defs/") ? schema.path("$defs").path(ref.substring("#/$defs/".length())) : p;
    }
}
