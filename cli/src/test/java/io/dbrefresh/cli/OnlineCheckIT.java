package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.core.sync.RequestBody;

/** {@code validate --online} and {@code plan --online} against a seeded moto server: what the account lacks, by JSON path. */
class OnlineCheckIT {

    private static final String BUCKET = "app1-dbrefresh-scripts";

    @TempDir
    Path dir;

    private String topic;

    @BeforeEach
    void seedAccount() {
        Emulators.reset();
        AwsClients aws = Emulators.clients();
        aws.rds().createDBInstance(r -> r.dbInstanceIdentifier("mysqlinstp").engine("mysql").dbInstanceClass("db.t3.micro")
                .allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1").backupRetentionPeriod(7));
        aws.rds().createDBSnapshot(r -> r.dbInstanceIdentifier("mysqlinstp").dbSnapshotIdentifier("mysqlinstp-2026-11-30"));
        aws.rds().createDBParameterGroup(r -> r.dbParameterGroupName("app1-mysql80").dbParameterGroupFamily("mysql8.0")
                .description("app1"));
        aws.secretsManager().createSecret(r -> r.name("/qa/app1/mysqlinstq/master").secretString("{}"));
        aws.s3().createBucket(r -> r.bucket(BUCKET));
        aws.s3().putObject(r -> r.bucket(BUCKET).key("sql/01-mask.sql"), RequestBody.fromString("select 1;"));
        topic = aws.sns().createTopic(r -> r.name("app1-db-refreshes")).topicArn();
        new HistoryTable(aws.dynamoDb()).create("dbrefresh-history");
    }

    private Path file(String name, String snapshot, String paramGroup, String secret, String key, String table) throws IOException {
        return Files.writeString(dir.resolve(name), """
                {
                  "restore": {"dbservice": "rds", "source": "mysqlinstp", "target": "mysqlinstq", "restoretype": "fromsnapshot",
                              "snapshot": "%s", "dbparamgrp": "%s", "application": "app1", "environment": "qa", "torun": true},
                  "changemasterpwd": {"secretname": "%s", "torun": true},
                  "runscripts": {"engine": "mysql", "access": "secret", "secretname": "%s", "method": "lambda",
                                 "bucketname": "%s", "prefix": "sql", "keys": "%s", "torun": true},
                  "updatedynamodb": {"tablename": "%s", "torun": true},
                  "sendmsg": {"topicarn": "%s", "torun": true}
                }
                """.formatted(snapshot, paramGroup, secret, secret, BUCKET, key, table, topic));
    }

    private Path complete() throws IOException {
        return file("complete.json", "mysqlinstp-2026-11-30", "app1-mysql80", "/qa/app1/mysqlinstq/master", "01-mask.sql",
                "dbrefresh-history");
    }

    private Path lacking() throws IOException {
        return file("lacking.json", "mysqlinstp-2026-12-01", "app1-mysql57", "/qa/app1/nobody", "02-missing.sql", "no-such-table");
    }

    private static CliRun online(String command, Path... files) {
        List<String> args = new ArrayList<>(List.of(command, "--online", "--endpoint-url", Emulators.endpoint().toString()));
        for (Path f : files) {
            args.add(f.toString());
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void validateOnline_aCompleteAccount_exitsZero() throws IOException {
        CliRun run = online("validate", complete());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("complete.json: OK");
    }

    @Test
    void validateOnline_anAccountLackingWhatTheFileNames_listsEveryMissingThingByPathAndExitsOne() throws IOException {
        CliRun run = online("validate", complete(), lacking());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.out()).contains("complete.json: OK", "lacking.json: INVALID, 4 errors",
                "/restore/snapshot: snapshot mysqlinstp-2026-12-01 not found (newest of mysqlinstp: mysqlinstp-2026-11-30)",
                "/restore/dbparamgrp: DB parameter group app1-mysql57 not found",
                "/runscripts/keys: not found in s3://" + BUCKET + ": sql/02-missing.sql",
                "/updatedynamodb/tablename: DynamoDB table no-such-table not found");
    }

    @Test
    void validateWithoutOnline_asksNoAccount() throws IOException {
        CliRun run = CliRun.of("validate", lacking().toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
    }

    @Test
    void planOnline_printsThePlanOnlyWhenTheAccountHasEverything() throws IOException {
        CliRun ok = online("plan", complete());
        CliRun missing = online("plan", lacking());

        assertThat(ok.exitCode()).as(ok.all()).isZero();
        assertThat(ok.out()).contains("pre-flight: OK");
        assertThat(missing.exitCode()).as(missing.all()).isEqualTo(1);
        assertThat(missing.out()).contains("/restore/snapshot: snapshot mysqlinstp-2026-12-01 not found")
                .doesNotContain("pre-flight: OK");
    }

    @Test
    void planOnline_showsEachSettingOfTheCopy_fromTheFileOrTheOldTarget() throws IOException {
        Emulators.clients().rds().createDBInstance(r -> r.dbInstanceIdentifier("mysqlinstq").engine("mysql")
                .dbInstanceClass("db.t3.small").allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1")
                .backupRetentionPeriod(14).preferredMaintenanceWindow("sun:04:00-sun:04:30"));

        CliRun run = online("plan", complete());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("DB parameter group +refresh file +app1-mysql80 +/restore/dbparamgrp")
                .containsPattern("instance class +old target +db.t3.small +/restore/dbclass")
                .containsPattern("backup retention \\(days\\) +old target +14 ")
                .containsPattern("maintenance window +old target +sun:04:00-sun:04:30 \\(modify after the restore\\)");
    }

    @Test
    void planOffline_saysTheOldTargetIsReadWhenTheRestoreStarts() throws IOException {
        CliRun run = CliRun.of("plan", complete().toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("DB parameter group +refresh file +app1-mysql80")
                .containsPattern("instance class +old target, else AWS default +- +/restore/dbclass");
    }

    @Test
    void planOffline_ofAnAuroraFile_listsTheClustersAndTheWritersSettings() {
        CliRun run = CliRun.of("plan", Path.of(System.getProperty("dbrefresh.home", "../")).resolve("refresh-files/aurora-latestpoint.json")
                .toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("DB cluster parameter group +\\S")
                .containsPattern("writer instance class +refresh file +db\\.")
                .containsPattern("writer maintenance window +old target, else AWS default +- +-");
    }
}
