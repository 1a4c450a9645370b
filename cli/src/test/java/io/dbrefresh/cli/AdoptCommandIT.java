package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Tag;

/** {@code dbrefresh adopt} against moto: what it tags, what it refuses, and that a dry run and a refusal tag nothing. */
class AdoptCommandIT {

    private static final String MANAGED = "dbrefresh:managed";

    private RdsClient rds;

    @BeforeEach
    void aTargetWithTwoReplicasAndItsProductionSource() {
        Emulators.reset();
        rds = Emulators.clients().rds();
        instance("mysqlinstp", Tag.builder().key("environment").value("production").build());
        instance("mysqlinstd", Tag.builder().key("team").value("payments-dev").build());
        for (String replica : List.of("mysqlinstd-r1", "mysqlinstd-r2")) {
            rds.createDBInstanceReadReplica(b -> b.dbInstanceIdentifier(replica).sourceDBInstanceIdentifier("mysqlinstd")
                    .dbInstanceClass("db.t3.medium"));
        }
    }

    private static CliRun adopt(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "adopt";
        all[1] = "--endpoint-url";
        all[2] = Emulators.endpoint().toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(all);
    }

    @Test
    void adopt_tagsTheTargetAndItsReplicas_andASecondRunFindsNothingToDo() {
        CliRun run = adopt("mysqlinstd", "--file", refreshFile());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("DB instance mysqlinstd (target)", "DB instance mysqlinstd-r1 (read replica)",
                "Tagged 3: mysqlinstd, mysqlinstd-r1, mysqlinstd-r2");
        for (String id : List.of("mysqlinstd", "mysqlinstd-r1", "mysqlinstd-r2")) {
            assertThat(tags(id)).as(id).containsEntry(MANAGED, "true");
        }
        assertThat(tags("mysqlinstd")).as("its own tags kept").containsEntry("team", "payments-dev");
        assertThat(tags("mysqlinstp")).as("production untouched").doesNotContainKey(MANAGED);

        CliRun again = adopt("mysqlinstd");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already adopted: nothing tagged");
    }

    @Test
    void dryRun_showsWhatWouldBeTagged_andTagsNothing() {
        CliRun run = adopt("mysqlinstd", "--dry-run");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Would adopt mysqlinstd", "mysqlinstd-r2 (read replica): would be tagged",
                "Dry run: nothing tagged (3 to tag)");
        for (String id : List.of("mysqlinstd", "mysqlinstd-r1", "mysqlinstd-r2")) {
            assertThat(tags(id)).as(id).doesNotContainKey(MANAGED);
        }
    }

    @Test
    void productionTaggedDatabase_isRefused_andNothingIsTagged() {
        CliRun run = adopt("mysqlinstp");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("refused: mysqlinstp is tagged environment=production", "nothing tagged");
        assertThat(tags("mysqlinstp")).doesNotContainKey(MANAGED);
    }

    @Test
    void theSourceOfAGivenRefreshFile_isRefusedEvenUntagged_andAProductionReplicaRefusesTheWhole() {
        rds.removeTagsFromResource(b -> b.resourceName(arn("mysqlinstp")).tagKeys("environment"));

        CliRun source = adopt("mysqlinstp", "--file", refreshFile());
        assertThat(source.exitCode()).isEqualTo(1);
        assertThat(source.err()).contains("mysqlinstp is the source of a refresh file given");
        assertThat(tags("mysqlinstp")).doesNotContainKey(MANAGED);

        rds.addTagsToResource(b -> b.resourceName(arn("mysqlinstd-r2")).tags(Tag.builder().key("env").value("prod").build()));
        CliRun replica = adopt("mysqlinstd");
        assertThat(replica.exitCode()).isEqualTo(1);
        assertThat(replica.err()).contains("mysqlinstd-r2 is tagged env=prod");
        assertThat(tags("mysqlinstd")).as("all or nothing").doesNotContainKey(MANAGED);
    }

    @Test
    void anInvalidFile_exits1_anUnreadableOne_exits2_asTheReadmeTableSays_andNothingIsTagged() throws Exception {
        java.nio.file.Path invalid = java.nio.file.Files.createTempFile("adopt-invalid", ".json");
        java.nio.file.Files.writeString(invalid, "{\"service\": \"rds\"}");

        CliRun bad = adopt("mysqlinstd", "--file", invalid.toString());
        assertThat(bad.exitCode()).as(bad.all()).isEqualTo(1);
        assertThat(bad.err()).contains("cannot tell its source: fix the errors above first");

        CliRun missing = adopt("mysqlinstd", "--file", invalid.resolveSibling("no-such-refresh-file.json").toString());
        assertThat(missing.exitCode()).as(missing.all()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        assertThat(tags("mysqlinstd")).doesNotContainKey(MANAGED);
    }

    @Test
    void auroraCluster_isAdoptedWithEveryInstance() {
        rds.createDBCluster(b -> b.dbClusterIdentifier("auroraqa").engine("aurora-mysql").masterUsername("admin")
                .masterUserPassword("not-a-secret-1"));
        for (String id : List.of("auroraqa-1", "auroraqa-2")) {
            rds.createDBInstance(b -> b.dbInstanceIdentifier(id).dbClusterIdentifier("auroraqa").engine("aurora-mysql")
                    .dbInstanceClass("db.r6g.large"));
        }

        CliRun member = adopt("auroraqa-1");
        assertThat(member.exitCode()).isEqualTo(1);
        assertThat(member.err()).contains("adopt the cluster, dbrefresh adopt auroraqa");

        CliRun run = adopt("auroraqa");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("DB cluster auroraqa (target)", "auroraqa-2 (cluster instance)", "Tagged 3");
        String clusterArn = rds.describeDBClusters(b -> b.dbClusterIdentifier("auroraqa")).dbClusters().get(0).dbClusterArn();
        assertThat(tagsOf(clusterArn)).containsEntry(MANAGED, "true");
        assertThat(tags("auroraqa-1")).containsEntry(MANAGED, "true");
        assertThat(tags("auroraqa-2")).containsEntry(MANAGED, "true");
    }

    private void instance(String id, Tag tag) {
        rds.createDBInstance(b -> b.dbInstanceIdentifier(id).engine("mysql").dbInstanceClass("db.t3.medium")
                .masterUsername("admin").masterUserPassword("not-a-secret-1").allocatedStorage(20).tags(tag));
    }

    private static String refreshFile() {
        return CliRun.HOME.resolve("refresh-files/rds-latestpoint.json").toString();
    }

    private String arn(String id) {
        return rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().get(0).dbInstanceArn();
    }

    private Map<String, String> tags(String id) {
        return tagsOf(arn(id));
    }

    private Map<String, String> tagsOf(String arn) {
        Map<String, String> tags = new HashMap<>();
        rds.listTagsForResource(b -> b.resourceName(arn)).tagList().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }
}
