package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.dbrefresh.cli.DbRefresh;
import io.dbrefresh.fleet.Fleet;
import io.dbrefresh.fleet.FleetFiles;
import io.dbrefresh.fleet.FleetResult;
import io.dbrefresh.local.EmulatedAccount;
import io.dbrefresh.local.EmulatedData;
import io.dbrefresh.local.EngineDirectory;
import io.dbrefresh.local.LocalFleet;
import io.dbrefresh.local.LocalRefresh;
import io.dbrefresh.local.TimingOverrides;
import picocli.CommandLine;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;

/**
 * A fleet of six refreshes of two applications (app1: three RDS for MySQL copies of one
 * source; app2: three Aurora MySQL copies of one cluster), aligned, three at a time, one
 * failure tolerated, in the local engine with the real state machine; app1's test copy fails
 * at its restore. The others complete, all aligned to the same time; the failed target keeps
 * its old data; the summary names each result; the freshness report calls the failed one stale
 * and exits non-zero.
 */
class FleetEndToEndIT {

    private static final Path FLEET = EngineDirectory.findHome().resolve("src/test/resources/e2e/fleet/fleet.json");
    private static final String FAILING = "mysqlinstt";
    private static final List<String> OTHERS = List.of("mysqlinstd", "mysqlinstq", "aumysclud", "aumysclut", "aumysclus");

    @Test
    void aFleetOfSixWithOneInjectedFailure_completesTheOthersAlignedToOneTime_andKeepsTheFailedTargetsOldData() throws Exception {
        FleetResult read = FleetFiles.read(FLEET);
        assertThat(read.errors()).isEmpty();
        Fleet fleet = read.fleet();
        assertThat(fleet.members()).hasSize(6);

        StringWriter printed = new StringWriter();
        AtomicReference<String> freshness = new AtomicReference<>();
        AtomicReference<Integer> freshnessExit = new AtomicReference<>();
        LocalFleet.Options options = new LocalFleet.Options(new FailRestoreOf(FAILING + "temp"),
                (aws, data) -> keepMarker(data),
                (aws, data) -> {
                    assertThat(marker(data)).as("the failed target's old data").isEqualTo("old data of mysqlinstt");
                    assertThat(aws.rds().listTagsForResource(b -> b.resourceName(aws.rds().describeDBInstances(d -> d.dbInstanceIdentifier(FAILING))
                            .dbInstances().get(0).dbInstanceArn())).tagList()).containsAll(EmulatedAccount.TARGET_TAGS);
                    URI endpoint = aws.endpoint("dynamodb").orElseThrow();
                    StringWriter out = new StringWriter();
                    CommandLine cli = DbRefresh.commandLine();
                    cli.setOut(new PrintWriter(out, true));
                    cli.setErr(new PrintWriter(out, true));
                    freshnessExit.set(cli.execute("history", "--fleet", FLEET.toString(), "--fresh", "--endpoint-url", endpoint.toString(),
                            "--table", LocalRefresh.LOCAL_HISTORY_TABLE));
                    freshness.set(out.toString());
                }, TimingOverrides.NONE);

        LocalFleet.Summary summary = new LocalFleet(new PrintWriter(printed, true), EngineDirectory.findHome()).run(fleet, options);

        assertThat(summary.status()).as(printed.toString()).isEqualTo("SUCCEEDED");
        assertThat(summary.of(FAILING).outcome()).isEqualTo(LocalFleet.Outcome.FAILED);
        assertThat(summary.of(FAILING).detail()).contains("perform-restore").contains("injected");
        Instant common = summary.commonTime();
        assertThat(common).isNotNull();
        for (String target : OTHERS) {
            assertThat(summary.of(target).outcome()).as(target).isEqualTo(LocalFleet.Outcome.SUCCEEDED);
            assertThat(summary.of(target).alignedTo()).as(target + " aligned to").isEqualTo(common);
        }
        String out = printed.toString();
        assertThat(out).contains("Fleet summary: e2e-two-apps SUCCEEDED").contains("5 succeeded, 1 failed, 0 not started");
        for (String target : OTHERS) {
            assertThat(out).containsPattern("(?m)^  " + target + " +app[12] +\\w+ +SUCCEEDED +" + common + " ");
        }
        assertThat(out).containsPattern("(?m)^  " + FAILING + " +app1 +test +FAILED +.*perform-restore");

        assertThat(freshnessExit.get()).as(freshness.get()).isEqualTo(1);
        assertThat(freshness.get()).contains("fleet e2e-two-apps: 5 of 6 fresh; freshness target 1d")
                .containsPattern("(?m)^  " + FAILING + " .* no +stale: the last refresh FAILED at perform-restore");
        for (String target : OTHERS) {
            assertThat(freshness.get()).containsPattern("(?m)^  " + target + " .*" + common + " .* yes +fresh: within 1d");
        }
    }

    /** The failing target's old database gets a row the refresh must not lose. */
    private static void keepMarker(List<EmulatedData> data) throws Exception {
        EmulatedData d = dataOf(data);
        try (Connection c = d.server().connect(d.backing(FAILING).orElseThrow().database()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE keepme (v VARCHAR(40))");
            s.execute("INSERT INTO keepme VALUES ('old data of mysqlinstt')");
        }
    }

    private static String marker(List<EmulatedData> data) throws Exception {
        EmulatedData d = dataOf(data);
        try (Connection c = d.server().connect(d.backing(FAILING).orElseThrow().database()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT v FROM keepme")) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static EmulatedData dataOf(List<EmulatedData> data) {
        return data.stream().filter(d -> d.backing(FAILING).isPresent()).findFirst().orElseThrow();
    }

    /** The restore of one copy is refused by RDS (a request error no retry cures). */
    static final class FailRestoreOf implements ExecutionInterceptor {
        private final String temp;

        FailRestoreOf(String temp) {
            this.temp = temp;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof RestoreDbInstanceToPointInTimeRequest r && temp.equals(r.targetDBInstanceIdentifier())) {
                throw RdsException.builder().statusCode(400).message("restore refused (injected)")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidParameterCombination")
                                .errorMessage("restore refused (injected)").serviceName("Rds").build()).build();
            }
        }
    }
}
