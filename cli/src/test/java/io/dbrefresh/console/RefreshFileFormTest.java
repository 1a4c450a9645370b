package io.dbrefresh.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.RestoreType;

/** The form is the schema's blocks and keys, cut to those that apply, with the schema's descriptions as help. */
class RefreshFileFormTest {

    private final RefreshFileForm form = new RefreshFileForm();

    @Test
    void rds_hasNoClusterBlockNorAnAuroraKey() {
        ObjectNode rds = form.describe(DbService.RDS, RestoreType.LATEST_POINT);

        assertThat(blocks(rds)).contains("restore", "stopdb", "delete", "rename").doesNotContain("createinstance", "deletecluster",
                "renamecluster", "changeadminpwd", "rotateadminpwd");
        assertThat(fields(rds, "restore")).contains("source", "target", "multiaz", "dbclass")
                .doesNotContain("sourcecluster", "targetcluster", "backtrack", "restoretime", "snapshot", "check");
    }

    @Test
    void aurora_hasItsClusterBlocksAndKeys_andNoStop() {
        ObjectNode aurora = form.describe(DbService.AURORA, RestoreType.FAST_CLONING);

        assertThat(blocks(aurora)).contains("createinstance", "deletecluster", "renamecluster").doesNotContain("stopdb");
        assertThat(fields(aurora, "restore")).contains("sourcecluster", "targetcluster").doesNotContain("source", "multiaz");
    }

    @Test
    void eachRestoreType_showsItsOwnKeysOnly() {
        assertThat(fields(form.describe(DbService.RDS, RestoreType.RESTORE_POINT), "restore")).contains("restoretime").doesNotContain("snapshot");
        assertThat(fields(form.describe(DbService.RDS, RestoreType.FROM_SNAPSHOT), "restore")).contains("snapshot").doesNotContain("restoretime");
    }

    @Test
    void fields_carryTheSchemasKindAndDescription() {
        ObjectNode rds = form.describe(DbService.RDS, RestoreType.LATEST_POINT);
        JsonNode restore = block(rds, "restore");

        assertThat(restore.path("required").asBoolean()).isTrue();
        assertThat(field(restore, "torun").path("kind").asText()).isEqualTo("boolean");
        assertThat(field(restore, "torun").path("required").asBoolean()).isTrue();
        assertThat(field(restore, "port").path("kind").asText()).isEqualTo("number");
        assertThat(field(restore, "restoretype").path("choices")).extracting(JsonNode::asText)
                .containsExactly("latestpoint", "restorepoint", "fromsnapshot", "fastcloning");
        assertThat(field(restore, "target").path("description").asText()).isEqualTo("rds: the non-production instance being refreshed. Must differ from source.");
        assertThat(field(block(rds, "changemasterpwd"), "temppwd").path("kind").asText()).isEqualTo("password");
        assertThat(field(block(rds, "delete"), "wait_time").path("description").asText()).startsWith("Seconds between two checks");
    }

    private static List<String> blocks(JsonNode form) {
        List<String> names = new ArrayList<>();
        form.path("blocks").forEach(b -> names.add(b.path("name").asText()));
        return names;
    }

    private static JsonNode block(JsonNode form, String name) {
        for (JsonNode b : form.path("blocks")) {
            if (b.path("name").asText().equals(name)) {
                return b;
            }
        }
        throw new AssertionError("no block " + name);
    }

    private static List<String> fields(JsonNode form, String blockName) {
        List<String> names = new ArrayList<>();
        block(form, blockName).path("fields").forEach(f -> names.add(f.path("name").asText()));
        return names;
    }

    private static JsonNode field(JsonNode block, String name) {
        for (JsonNode f : block.path("fields")) {
            if (f.path("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no field " + name);
    }
}
