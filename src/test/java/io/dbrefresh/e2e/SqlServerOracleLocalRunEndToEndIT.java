package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.dbrefresh.local.EngineDirectory;
import io.dbrefresh.local.LocalRefresh;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * The SQL Server and Oracle example files run locally to SUCCEEDED through the real state
 * machine and handlers against moto, which emulates the RDS side: the refreshed target has
 * the file's engine, option group and license model, the history row and the message are
 * written. No database server of these engines runs here, and the run says so: runscripts is
 * skipped with that reason, and the summary names no data.
 */
class SqlServerOracleLocalRunEndToEndIT {

    private static final Path HOME = EngineDirectory.findHome();

    /** What the emulated account held after the run. */
    record Seen(DBInstance target, boolean tempLeft, Map<String, AttributeValue> historyRow, List<String> replicas) {
    }

    @ParameterizedTest
    @CsvSource({
            "rds-sqlserver.json, mssqlinstq, sqlserver-se, app2-sqlserver-se-15, license-included, 0",
            "rds-oracle.json, orainstd, oracle-ee-cdb, app3-oracle-ee-cdb-19, bring-your-own-license, 1"})
    // moto knows no Oracle CDB engine name: the emulated account runs oracle-ee for oracle-ee-cdb (EmulatedAccount says so)
    void example_runsToSucceeded_againstMoto_andSaysNoDatabaseBacksIt(String file, String target, String engine,
                                                                     String optionGroup, String license, int replicas)
            throws Exception {
        String json = Files.readString(HOME.resolve("refresh-files").resolve(file));
        RefreshFileResult read = RefreshFiles.read(json);
        assertThat(read.errors()).isEmpty();
        StringWriter out = new StringWriter();
        AtomicReference<Seen> seen = new AtomicReference<>();
        LocalRefresh.AfterRun inspect = (execution, aws, data) -> {
            assertThat(data).as("no embedded server backs " + engine).isNull();
            DBInstance t = aws.rds().describeDBInstances(b -> b.dbInstanceIdentifier(target)).dbInstances().get(0);
            boolean tempLeft = aws.rds().describeDBInstances().dbInstances().stream()
                    .anyMatch(i -> i.dbInstanceIdentifier().equals(target + "temp"));
            List<String> readers = aws.rds().describeDBInstances().dbInstances().stream()
                    .filter(i -> target.equals(i.readReplicaSourceDBInstanceIdentifier()))
                    .map(DBInstance::dbInstanceIdentifier).toList();
            List<Map<String, AttributeValue>> rows = aws.dynamoDb().query(b -> b.tableName(LocalRefresh.LOCAL_HISTORY_TABLE)
                    .keyConditionExpression("dbinstance = :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(target)))).items();
            seen.set(new Seen(t, tempLeft, rows.isEmpty() ? Map.of() : rows.get(rows.size() - 1), readers));
        };

        LocalRefresh.Summary summary = new LocalRefresh(new PrintWriter(out, true), HOME).run(json, read.plan(),
                new LocalRefresh.Options(null, null, false, inspect));

        String shown = out.toString();
        assertThat(summary.status()).as(shown).isEqualTo("SUCCEEDED");
        assertThat(engine).startsWith(seen.get().target().engine());
        assertThat(seen.get().target().optionGroupMemberships()).extracting(m -> m.optionGroupName()).containsExactly(optionGroup);
        assertThat(seen.get().target().licenseModel()).isEqualTo(license);
        assertThat(seen.get().tempLeft()).isFalse();
        assertThat(seen.get().replicas()).hasSize(replicas);
        assertThat(seen.get().historyRow().get("status").s()).isEqualTo("SUCCEEDED");
        assertThat(shown).contains("No local database server backs " + engine)
                .contains("runscripts is skipped in this run: its " + engine + " scripts have no database to run on")
                .containsPattern("- runscripts +skipped")
                .contains("data             none: No local database server backs " + engine);
    }
}
