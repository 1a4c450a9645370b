package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.Json;

/** {@code run --local --account FILE}: what the account lacks is refused before anything starts, named. */
class AccountRunTest {

    static final Path EXAMPLE_ACCOUNT = CliRun.HOME.resolve("refresh-files/accounts/app3-account.json");
    static final Path FROM_SNAPSHOT = CliRun.HOME.resolve("refresh-files/rds-fromsnapshot.json");
    static final Path AURORA_ACCOUNT = CliRun.HOME.resolve("refresh-files/accounts/app2-account.json");
    static final Path AURORA_FROM_SNAPSHOT = CliRun.HOME.resolve("refresh-files/aurora-fromsnapshot.json");

    @Test
    void aFileNamingASnapshotTheAccountLacks_isRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path file = withRestore(dir, "snapshot", "pginstp-2026-02-28");

        assertThat(refused(EXAMPLE_ACCOUNT, file).err()).contains("snapshot pginstp-2026-02-28").contains("does not hold")
                .contains("snapshot pginstp-2026-03-01").doesNotContain("AWS emulated by moto");
    }

    @Test
    void anAuroraFileNamingAClusterSnapshotTheAccountLacks_isRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path file = withRestore(AURORA_FROM_SNAPSHOT, dir, "snapshot", "aumysclup-2025-12-31");

        assertThat(refused(AURORA_ACCOUNT, file).err()).contains("cluster snapshot aumysclup-2025-12-31").contains("does not hold")
                .contains("cluster snapshot aumysclup-month-end").doesNotContain("AWS emulated by moto");
    }

    @Test
    void anAuroraFileNamingATargetClusterTheAccountLacks_isRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path file = withRestore(AURORA_FROM_SNAPSHOT, dir, "targetcluster", "aumysclustg");

        assertThat(refused(AURORA_ACCOUNT, file).err()).contains("the current target cluster aumysclustg");
    }

    @Test
    void anAuroraFile_againstAnAccountOfInstancesOnly_isRefusedNamingTheSourceCluster() {
        assertThat(refused(EXAMPLE_ACCOUNT, AURORA_FROM_SNAPSHOT).err()).contains("the source cluster aumysclup");
    }

    @Test
    void aFileNamingASourceTheAccountLacks_isRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path file = withRestore(dir, "source", "pginstq");

        assertThat(refused(EXAMPLE_ACCOUNT, file).err()).contains("the source instance pginstq");
    }

    @Test
    void anInvalidAccountFile_listsEveryProblemByJsonPath(@TempDir Path dir) throws Exception {
        Path account = dir.resolve("account.json");
        Files.writeString(account, """
                {"instances": [{"engine": "postgres", "colour": "blue"}],
                 "snapshots": [{"id": "s1", "instance": "nowhere"}]}
                """);

        assertThat(refused(account, FROM_SNAPSHOT).err()).contains("/instances/0/id: required").contains("/instances/0/colour: unknown key")
                .contains("/snapshots/0/instance: nowhere is not one of the account's instances");
    }

    @Test
    void theExampleAccount_holdsWhatTheExampleFileNeeds() {
        CliRun run = CliRun.of("run", "--help");

        assertThat(run.out()).contains("--account=ACCOUNT");
        assertThat(EXAMPLE_ACCOUNT).exists();
        assertThat(AURORA_ACCOUNT).exists();
    }

    /** Runs the file locally against the account: refused before anything starts, with exit code 2. */
    private static CliRun refused(Path account, Path file) {
        CliRun run = CliRun.of("run", "--local", "--account", account.toString(), file.toString());
        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        return run;
    }

    private static Path withRestore(Path dir, String key, String value) throws Exception {
        return withRestore(FROM_SNAPSHOT, dir, key, value);
    }

    private static Path withRestore(Path example, Path dir, String key, String value) throws Exception {
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(Files.readString(example));
        ((ObjectNode) file.get("restore")).put(key, value);
        file.remove("$schema");
        Path path = dir.resolve("refresh.json");
        Files.writeString(path, Json.MAPPER.writeValueAsString(file));
        return path;
    }
}
