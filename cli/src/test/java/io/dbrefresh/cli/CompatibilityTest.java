package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The original solution's two refresh files, in its own format (string booleans, repeated ids,
 * CHANGE_ME where an account-specific value belongs): as shipped they name every placeholder;
 * filled in, they are valid.
 */
class CompatibilityTest {

    private static final String RDS = "db-app1-mysqlinstd";
    private static final String AURORA = "db-app2-auposinstd";

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(CompatibilityTest.class.getResource("/compat/" + name + ".json").toURI());
    }

    @Test
    void rdsFile_asShipped_namesEveryPlaceholder() throws Exception {
        CliRun run = CliRun.of("validate", fixture(RDS).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(errorPaths(run)).containsExactlyInAnyOrder(
                "/restore/secgrpids", "/fixtags/dbarn", "/fixtags/check/dbarn",
                "/changemasterpwd/secretname", "/rotatemasterpwd/secretname", "/rotatemasterpwd/check/secretname",
                "/runscripts/secretname", "/runscripts/bucketname", "/runscripts/check/bucketname", "/sendmsg/topicarn");
        assertThat(run.out()).contains("/restore/secgrpids: not filled in");
    }

    @Test
    void auroraFile_asShipped_namesEveryPlaceholder() throws Exception {
        CliRun run = CliRun.of("validate", fixture(AURORA).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(errorPaths(run)).containsExactlyInAnyOrder(
                "/restore/secgrpids", "/fixtags/cluarn", "/fixtags/dbarn", "/fixtags/check/cluarn", "/fixtags/check/dbarn",
                "/sendmsg/topicarn");
    }

    @Test
    void bothFiles_withThePlaceholdersFilledIn_areValid_warningOnlyAboutTheLegacyPassword() throws Exception {
        CliRun run = CliRun.of("validate", fixture(RDS + ".filled").toString(), fixture(AURORA + ".filled").toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out().lines().filter(l -> l.startsWith("  ")))
                .allSatisfy(line -> assertThat(line).startsWith("  warning ").contains("/temppwd: legacy"));
    }

    @Test
    void filledFixtures_differFromTheShippedOnes_onlyWherePlaceholdersWere() throws Exception {
        for (String name : List.of(RDS, AURORA)) {
            JsonNode shipped = read(fixture(name));
            JsonNode filled = read(fixture(name + ".filled"));
            List<String> changed = new ArrayList<>();
            diff(shipped, filled, "", changed);

            assertThat(changed).as(name).isNotEmpty()
                    .allSatisfy(path -> assertThat(shipped.at(path).asText()).contains("CHANGE_ME"));
            assertThat(filled.toString()).doesNotContain("CHANGE_ME");
        }
    }

    private static void diff(JsonNode a, JsonNode b, String path, List<String> changed) {
        if (a.isObject() && b.isObject()) {
            assertThat(b.size()).as(path).isEqualTo(a.size());
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                diff(a.get(key), b.path(key), path + "/" + key, changed);
            }
        } else if (!a.equals(b)) {
            changed.add(path);
        }
    }

    private static JsonNode read(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static List<String> errorPaths(CliRun run) {
        return run.out().lines()
                .filter(l -> l.startsWith("  /"))
                .map(l -> l.substring(2, l.indexOf(": ")))
                .toList();
    }
}
