package io.dbrefresh.cli;

import static io.dbrefresh.refreshfile.StepId.CHANGE_ADMIN_PWD;
import static io.dbrefresh.refreshfile.StepId.CREATE_INSTANCE;
import static io.dbrefresh.refreshfile.StepId.CREATE_READ_REPLICAS;
import static io.dbrefresh.refreshfile.StepId.DELETE_OLD_CLUSTER;
import static io.dbrefresh.refreshfile.StepId.DELETE_OLD_DATABASE;
import static io.dbrefresh.refreshfile.StepId.DELETE_REPLICAS;
import static io.dbrefresh.refreshfile.StepId.FIX_TAGS;
import static io.dbrefresh.refreshfile.StepId.PERFORM_RESTORE;
import static io.dbrefresh.refreshfile.StepId.RENAME_CLUSTER;
import static io.dbrefresh.refreshfile.StepId.RENAME_DATABASE;
import static io.dbrefresh.refreshfile.StepId.RUN_SCRIPTS;
import static io.dbrefresh.refreshfile.StepId.SEND_MSG;
import static io.dbrefresh.refreshfile.StepId.STOP_OLD_DATABASE;
import static io.dbrefresh.refreshfile.StepId.UPDATE_DYNAMODB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.PlannedStep;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;

/** The example refresh files shipped in refresh-files/: each validates and plans what its name says. */
class ExamplesTest {

    private static final Path EXAMPLES = CliRun.HOME.resolve("refresh-files");

    private static final Map<String, List<StepId>> RUNNING = Map.ofEntries(
            // the safe order: the copy is built, given its password and masked, then swapped in
            Map.entry("rds-latestpoint.json", List.of(PERFORM_RESTORE, DELETE_REPLICAS, STOP_OLD_DATABASE, DELETE_OLD_DATABASE, RENAME_DATABASE,
                    FIX_TAGS, CREATE_READ_REPLICAS, UPDATE_DYNAMODB, SEND_MSG)),
            Map.entry("rds-restorepoint.json", List.of(PERFORM_RESTORE, CHANGE_ADMIN_PWD, STOP_OLD_DATABASE, DELETE_OLD_DATABASE, RENAME_DATABASE,
                    FIX_TAGS, UPDATE_DYNAMODB, SEND_MSG)),
            Map.entry("rds-fromsnapshot.json", List.of(PERFORM_RESTORE, CHANGE_ADMIN_PWD, DELETE_OLD_DATABASE, RENAME_DATABASE, FIX_TAGS,
                    UPDATE_DYNAMODB, SEND_MSG)),
            Map.entry("rds-with-scripts.json", List.of(PERFORM_RESTORE, CHANGE_ADMIN_PWD, RUN_SCRIPTS, STOP_OLD_DATABASE, DELETE_OLD_DATABASE,
                    RENAME_DATABASE, FIX_TAGS, UPDATE_DYNAMODB, SEND_MSG)),
            Map.entry("rds-source-account.json", List.of(PERFORM_RESTORE, STOP_OLD_DATABASE, DELETE_OLD_DATABASE, RENAME_DATABASE, FIX_TAGS,
                    UPDATE_DYNAMODB, SEND_MSG)),
            Map.entry("rds-cross-account-encrypted-snapshot.json", List.of(PERFORM_RESTORE, CHANGE_ADMIN_PWD, DELETE_OLD_DATABASE, RENAME_DATABASE, FIX_TAGS,
                    UPDATE_DYNAMODB, SEND_MSG)),
            Map.entry("aurora-latestpoint.json", List.of(PERFORM_RESTORE, CREATE_INSTANCE, CHANGE_ADMIN_PWD, DELETE_REPLICAS, DELETE_OLD_DATABASE,
                    DELETE_OLD_CLUSTER, RENAME_CLUSTER, RENAME_DATABASE, FIX_TAGS, CREATE_READ_REPLICAS,
                    UPDATE_DYNAMODB, SEND_MSG)),
            Map.entry("aurora-restorepoint.json", List.of(PERFORM_RESTORE, CREATE_INSTANCE, CHANGE_ADMIN_PWD, DELETE_OLD_DATABASE, DELETE_OLD_CLUSTER,
                    RENAME_CLUSTER, RENAME_DATABASE, FIX_TAGS, UPDATE_DYNAMODB, SEND_MSG)),
            Map.entry("aurora-fromsnapshot.json", List.of(PERFORM_RESTORE, CREATE_INSTANCE, CHANGE_ADMIN_PWD, DELETE_OLD_DATABASE, DELETE_OLD_CLUSTER,
                    RENAME_CLUSTER, RENAME_DATABASE, FIX_TAGS, UPDATE_DYNAMODB, SEND_MSG)),
            Map.entry("aurora-fastcloning.json", List.of(PERFORM_RESTORE, CREATE_INSTANCE, CHANGE_ADMIN_PWD, DELETE_REPLICAS, DELETE_OLD_DATABASE,
                    DELETE_OLD_CLUSTER, RENAME_CLUSTER, RENAME_DATABASE, FIX_TAGS, CREATE_READ_REPLICAS,
                    UPDATE_DYNAMODB, SEND_MSG)),
            Map.entry("aurora-source-account.json", List.of(PERFORM_RESTORE, CREATE_INSTANCE, CHANGE_ADMIN_PWD, DELETE_REPLICAS,
                    DELETE_OLD_DATABASE, DELETE_OLD_CLUSTER, RENAME_CLUSTER, RENAME_DATABASE, FIX_TAGS, CREATE_READ_REPLICAS,
                    UPDATE_DYNAMODB, SEND_MSG)),
            Map.entry("rds-sqlserver.json", List.of(PERFORM_RESTORE, CHANGE_ADMIN_PWD, RUN_SCRIPTS, STOP_OLD_DATABASE, DELETE_OLD_DATABASE,
                    RENAME_DATABASE, FIX_TAGS, UPDATE_DYNAMODB, SEND_MSG)),
            Map.entry("rds-oracle.json", List.of(PERFORM_RESTORE, CHANGE_ADMIN_PWD, RUN_SCRIPTS, DELETE_REPLICAS, STOP_OLD_DATABASE,
                    DELETE_OLD_DATABASE, RENAME_DATABASE, FIX_TAGS, CREATE_READ_REPLICAS, UPDATE_DYNAMODB, SEND_MSG)));

    static Stream<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void everyExampleNamed_isShipped_andEveryShippedExampleIsCovered() throws IOException {
        assertThat(examples()).containsExactlyInAnyOrderElementsOf(RUNNING.keySet());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void example_validates(String name) {
        CliRun run = CliRun.of("validate", EXAMPLES.resolve(name).toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).startsWith(EXAMPLES.resolve(name) + ": OK");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void example_plansTheStepsItsNameSays(String name) throws IOException {
        CliRun run = CliRun.of("plan", "--json", EXAMPLES.resolve(name).toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        RefreshPlan plan = Json.MAPPER.readValue(run.out(), RefreshPlan.class);
        assertThat(plan.steps().values().stream().filter(PlannedStep::run).map(PlannedStep::id)).containsExactlyElementsOf(RUNNING.get(name));
        assertThat(plan.service()).isEqualTo(name.startsWith("aurora") ? DbService.AURORA : DbService.RDS);
        assertThat(plan.restore().restoreType()).isEqualTo(switch (name.replaceAll("^(rds|aurora)-|\\.json$", "")) {
            case "restorepoint" -> RestoreType.RESTORE_POINT;
            case "fromsnapshot", "cross-account-encrypted-snapshot", "oracle" -> RestoreType.FROM_SNAPSHOT;
            case "fastcloning" -> RestoreType.FAST_CLONING;
            // across accounts: the RDS example at its latest point, the Aurora one a clone of the shared cluster
            case "source-account" -> plan.service() == DbService.AURORA ? RestoreType.FAST_CLONING : RestoreType.LATEST_POINT;
            default -> RestoreType.LATEST_POINT;
        });
    }

    @Test
    void demo_refreshesMysqlinstdFromMysqlinstp() throws IOException {
        CliRun run = CliRun.of("plan", "--json", EXAMPLES.resolve("rds-latestpoint.json").toString());
        RefreshPlan plan = Json.MAPPER.readValue(run.out(), RefreshPlan.class);

        assertThat(plan.source()).isEqualTo("mysqlinstp");
        assertThat(plan.target()).isEqualTo("mysqlinstd");
        assertThat(plan.restore().temp()).isEqualTo("mysqlinstdtemp");
    }

    @Test
    void crossAccountExample_restoresAnEncryptedSnapshotByArn_withAKeyOfThisAccount() throws IOException {
        CliRun run = CliRun.of("plan", "--json", EXAMPLES.resolve("rds-cross-account-encrypted-snapshot.json").toString());
        RefreshPlan plan = Json.MAPPER.readValue(run.out(), RefreshPlan.class);

        assertThat(plan.restore().snapshot()).startsWith("arn:aws:rds:").contains(":snapshot:");
        assertThat(plan.restore().encrypted()).isTrue();
        assertThat(plan.restore().kmsKeyId()).startsWith("arn:aws:kms:");
    }

    @Test
    void sourceAccountExample_plansTheSourceAccountsStepsAroundTheRestore() {
        CliRun run = CliRun.of("plan", EXAMPLES.resolve("rds-source-account.json").toString());

        assertThat(run.out()).containsPattern("perform-restore .*shopprod -> shopstagetemp, source in account 210987654321:"
                + " share-source makes and shares its copy first, remove-source-copies removes it after");
    }

    @Test
    void auroraSourceAccountExample_plansTheClusterSharedThroughAwsRam() {
        CliRun run = CliRun.of("plan", EXAMPLES.resolve("aurora-source-account.json").toString());

        assertThat(run.out()).containsPattern("perform-restore .*auposclup -> auposcludtemp, source in account 210987654321:"
                + " share-source shares the cluster through AWS RAM first, remove-source-copies deletes the share after");
    }

    @Test
    void sqlServerAndOracleExamples_planTheirEngineOptionGroupAndLicense() throws IOException {
        CliRun text = CliRun.of("plan", EXAMPLES.resolve("rds-sqlserver.json").toString());
        assertThat(text.out()).containsPattern("perform-restore .*option group app2-sqlserver-se-15, license-included");

        RefreshPlan oracle = Json.MAPPER.readValue(CliRun.of("plan", "--json", EXAMPLES.resolve("rds-oracle.json").toString()).out(),
                RefreshPlan.class);
        assertThat(oracle.restore().engine()).isEqualTo("oracle-ee-cdb");
        assertThat(oracle.restore().licenseModel()).isEqualTo("bring-your-own-license");
        assertThat(oracle.scripts().engine()).isEqualTo("oracle-ee-cdb");
        assertThat(oracle.password().passwordLength()).isEqualTo(30);
    }
}
