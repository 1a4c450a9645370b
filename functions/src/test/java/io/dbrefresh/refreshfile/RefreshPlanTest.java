package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What the plan says for a valid file: which steps run, their polling, and the typed specs. */
class RefreshPlanTest {

    @Test
    void plan_holdsAllFifteenSteps_inTheOrderTheyRun() {
        RefreshPlan plan = Fixture.of("rds.json").plan();

        assertThat(plan.steps().keySet()).containsExactly(StepId.values());
        assertThat(plan.steps()).allSatisfy((id, step) -> assertThat(step.id()).isEqualTo(id));
    }

    @Test
    void plan_runsExactlyTheStepsWhoseBlockSaysSo() {
        RefreshPlan plan = Fixture.of("rds.json").plan();

        assertThat(runningSteps(plan)).containsExactly(
                StepId.PERFORM_RESTORE, StepId.DELETE_OLD_DATABASE, StepId.RENAME_DATABASE, StepId.UPDATE_DYNAMODB);
    }

    @Test
    void rds_skipsTheClusterSteps_evenWhenTheirBlocksArePresentAndOff() {
        RefreshPlan plan = Fixture.of("rds.json")
                .with("/createinstance/torun", false)
                .with("/deletecluster/torun", "false")
                .with("/renamecluster/torun", "False")
                .plan();

        assertThat(plan.runs(StepId.CREATE_INSTANCE)).isFalse();
        assertThat(plan.runs(StepId.DELETE_OLD_CLUSTER)).isFalse();
        assertThat(plan.runs(StepId.RENAME_CLUSTER)).isFalse();
        assertThat(plan.createInstance()).isNull();
    }

    @Test
    void aurora_skipsStopDb_andRunsTheClusterSteps() {
        RefreshPlan plan = Fixture.of("aurora.json").with("/stopdb/torun", false).plan();

        assertThat(plan.runs(StepId.STOP_OLD_DATABASE)).isFalse();
        assertThat(runningSteps(plan)).containsExactly(
                StepId.PERFORM_RESTORE, StepId.CREATE_INSTANCE, StepId.DELETE_OLD_DATABASE, StepId.DELETE_OLD_CLUSTER,
                StepId.RENAME_CLUSTER, StepId.RENAME_DATABASE);
    }

    @Test
    void timeout_isTheStepsBoundInSeconds_andMaxPollsWhatFixedPollingWouldCheck() {
        RefreshPlan plan = Fixture.of("rds.json").with("/rename/wait_time", 7).with("/rename/timeout", 100).plan();

        assertThat(plan.step(StepId.RENAME_DATABASE)).isEqualTo(new PlannedStep(StepId.RENAME_DATABASE, true, 7, 15, true, 100));
    }

    @Test
    void timeout_defaultsTo4HoursForRestores_and1HourForOtherSteps() {
        RefreshPlan plan = Fixture.of("rds.json").with("/restore/wait_time", 60).with("/rename/wait_time", 60).plan();

        assertThat(plan.step(StepId.PERFORM_RESTORE).timeoutSeconds()).isEqualTo(14_400);
        assertThat(plan.step(StepId.RENAME_DATABASE).timeoutSeconds()).isEqualTo(3600);
        assertThat(plan.step(StepId.PERFORM_RESTORE).maxPolls()).isEqualTo(14_400 / 60);
        assertThat(plan.step(StepId.RENAME_DATABASE).maxPolls()).isEqualTo(3600 / 60);
    }

    @Test
    void waitTime_defaultsTo30Seconds() {
        RefreshPlan plan = Fixture.of("rds.json").with("/rename/wait_time", null).plan();

        assertThat(plan.step(StepId.RENAME_DATABASE).waitSeconds()).isEqualTo(30);
    }

    @Test
    void singleTaskSteps_areNeitherWaitedOnNorChecked() {
        RefreshPlan plan = Fixture.of("rds.json").plan();

        assertThat(plan.step(StepId.UPDATE_DYNAMODB)).isEqualTo(new PlannedStep(StepId.UPDATE_DYNAMODB, true, 0, 0, false));
    }

    @Test
    void runningStep_isAlwaysChecked_andCheckTorunFalseOnlyWarns() {
        RefreshFileResult result = Fixture.of("rds.json").with("/rename/check/torun", "false").read();

        assertThat(result.plan().step(StepId.RENAME_DATABASE).check()).isTrue();
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("/rename/check/torun");
            assertThat(w.message()).startsWith("ignored");
        });
    }

    @Test
    void rds_restoresIntoTargetPlusTemp() {
        RefreshPlan plan = Fixture.of("rds.json").plan();

        assertThat(plan.service()).isEqualTo(DbService.RDS);
        assertThat(plan.source()).isEqualTo("mysqlinstp");
        assertThat(plan.target()).isEqualTo("mysqlinstd");
        assertThat(plan.instance()).isEqualTo("mysqlinstd");
        assertThat(plan.restore().temp()).isEqualTo("mysqlinstdtemp");
        assertThat(plan.delete()).isEqualTo(new DeleteSpec("mysqlinstd", null, true, false, null, null, true));
    }

    @Test
    void identifiers_areCarriedInLowerCase_becauseRdsComparesThemWithoutCase() {
        RefreshPlan plan = Fixture.of("rds.json")
                .with("/restore/source", "MySQLInstP")
                .with("/restore/target", "MySQLInstD")
                .with("/createreplicas/replicas", "MySQLInstD-R1_db.t3.micro")
                .with("/createreplicas/torun", true)
                .plan();

        assertThat(plan.source()).isEqualTo("mysqlinstp");
        assertThat(plan.target()).isEqualTo("mysqlinstd");
        assertThat(plan.instance()).isEqualTo("mysqlinstd");
        assertThat(plan.restore().temp()).isEqualTo("mysqlinstdtemp");
        assertThat(plan.delete().instance()).isEqualTo("mysqlinstd");
        assertThat(plan.replicas().replicas()).containsExactly(new Replica("mysqlinstd-r1", "db.t3.micro"));
    }

    @Test
    void snapshotNamesAndSourceArns_areCarriedInLowerCase() {
        RefreshPlan byName = Fixture.of("rds.json")
                .with("/restore/restoretype", "fromsnapshot").with("/restore/snapshot", "Nightly-MySQLInstP").plan();
        RefreshPlan byArn = Fixture.of("rds.json")
                .with("/restore/restoretype", "fromsnapshot").with("/restore/snapshot", "nightly")
                .with("/restore/source", "arn:aws:rds:eu-west-1:210987654321:db:MDBInstP").plan();

        assertThat(byName.restore().snapshot()).isEqualTo("nightly-mysqlinstp");
        assertThat(byArn.source()).isEqualTo("arn:aws:rds:eu-west-1:210987654321:db:mdbinstp");
    }

    @Test
    void aurora_writerIsNamedByCreateInstance_andCreatedAsThatPlusTemp() {
        RefreshPlan plan = Fixture.of("aurora.json").plan();

        assertThat(plan.target()).isEqualTo("auposclud");
        assertThat(plan.instance()).isEqualTo("auposinstd");
        assertThat(plan.restore().temp()).isEqualTo("auposcludtemp");
        assertThat(plan.createInstance().cluster()).isEqualTo("auposcludtemp");
        assertThat(plan.createInstance().instance()).isEqualTo("auposinstd");
        assertThat(plan.createInstance().tempInstance()).isEqualTo("auposinstdtemp");
        assertThat(plan.createInstance().engine()).isEqualTo("aurora-postgresql");
        assertThat(plan.delete()).isEqualTo(new DeleteSpec("auposinstd", "auposclud", true, false, null, null, true));
    }

    @Test
    void aurora_finalSnapshotAndDeletionProtection_comeFromDeleteCluster() {
        RefreshFileResult result = Fixture.of("aurora.json")
                .with("/deletecluster/finalsnapshot", false)
                .with("/deletecluster/liftdeletionprotection", true)
                .read();

        assertThat(result.plan().delete()).isEqualTo(new DeleteSpec("auposinstd", "auposclud", false, true, null, null, true));
        assertThat(result.warnings()).extracting(Problem::path).containsExactly("/deletecluster/finalsnapshot");
    }

    @Test
    void password_isGeneratedAndKeptInTheSecret_byDefault() {
        RefreshPlan plan = Fixture.of("rds.json")
                .with("/changemasterpwd/secretname", "/dev/app1/mysqlinstd")
                .with("/changemasterpwd/torun", true)
                .plan();

        assertThat(plan.password()).isEqualTo(new PasswordSpec(
                PasswordMode.GENERATE, "mysqlinstd", null, "/dev/app1/mysqlinstd", true, null, 32, null));
    }

    @Test
    void password_isManagedByRds_whenManaged() {
        RefreshPlan plan = Fixture.of("rds.json").with("/changemasterpwd/managed", "True").with("/changemasterpwd/torun", true).plan();

        assertThat(plan.password().mode()).isEqualTo(PasswordMode.MANAGED);
        assertThat(plan.password().syncSecret()).isFalse();
    }

    @Test
    void password_isTheLegacyTemppwd_whenGiven_withAWarning() {
        RefreshFileResult result = Fixture.of("rds.json")
                .with("/changemasterpwd/temppwd", "temppwd123")
                .with("/changemasterpwd/torun", true)
                .read();

        assertThat(result.plan().password().mode()).isEqualTo(PasswordMode.TEMPPWD);
        assertThat(result.plan().password().tempPassword()).isEqualTo("temppwd123");
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("/changemasterpwd/temppwd");
            assertThat(w.message()).startsWith("legacy: the password travels in the execution input");
        });
        assertThat(result.plan().warnings()).singleElement().asString().startsWith("/changemasterpwd/temppwd: legacy");
    }

    @Test
    void seedPostSpellings_andStringValues_readLikeTheOriginalsCode() {
        RefreshFileResult result = RefreshFiles.read(Fixture.of("rds-legacy-strings.json").json(), Fixture.CLOCK);

        assertThat(result.errors()).isEmpty();
        RefreshPlan plan = result.plan();
        assertThat(plan.runs(StepId.STOP_OLD_DATABASE)).isTrue();
        assertThat(plan.runs(StepId.CHANGE_ADMIN_PWD)).isTrue();
        assertThat(plan.runs(StepId.ROTATE_ADMIN_PWD)).isFalse();
        assertThat(plan.password().rotateSecretName()).isEqualTo("/development/app1/mysqlinstd");
        assertThat(plan.restore().port()).isEqualTo(3307);
        assertThat(plan.restore().multiAz()).isFalse();
        assertThat(plan.restore().iamAuth()).isTrue();
        assertThat(plan.step(StepId.STOP_OLD_DATABASE).waitSeconds()).isEqualTo(10);
        assertThat(result.warnings()).extracting(Problem::path).containsExactlyInAnyOrder(
                "/stopdb/check/torun", "/changeadminpwd/temppwd", "/rotateadminpwd/check/temppwd");
    }

    @Test
    void replicas_areReadAsNameAndClassPairs() {
        RefreshPlan plan = Fixture.of("rds.json")
                .with("/createreplicas/replicas", "mysqlinstd-r1_db.t3.micro, mysqlinstd-r2_db.r6g.large")
                .with("/createreplicas/torun", true)
                .plan();

        assertThat(plan.replicas().replicas()).containsExactly(
                new Replica("mysqlinstd-r1", "db.t3.micro"), new Replica("mysqlinstd-r2", "db.r6g.large"));
    }

    @Test
    void replicas_leftOut_meanRecreateThoseDeleteReplicasRemoved() {
        RefreshPlan plan = Fixture.of("rds.json")
                .with("/deletereplicas/torun", true)
                .with("/createreplicas/torun", true)
                .plan();

        assertThat(plan.replicas().replicas()).isEmpty();
    }

    @Test
    void scripts_defaultToLambdaWithASecret_stoppingAtTheFirstError() {
        RefreshPlan plan = Fixture.of("rds.json")
                .with("/runscripts/engine", "mysql")
                .with("/runscripts/secretname", "/dev/app1/mysqlinstd")
                .with("/runscripts/bucketname", "app1-scripts")
                .with("/runscripts/prefix", "sql/mysqlinstd")
                .with("/runscripts/keys", "01-mask.sql, 02-grant.sql")
                .with("/runscripts/torun", true)
                .plan();

        assertThat(plan.scripts()).isEqualTo(new ScriptsSpec("mysql", "mysqlinstd", null, "secret", "/dev/app1/mysqlinstd", null,
                "lambda", "app1-scripts", "sql/mysqlinstd", List.of("01-mask.sql", "02-grant.sql"), null, null, false, false));
    }

    @Test
    void labels_andHistoryTargets_areTakenFromTheFile() {
        RefreshPlan plan = Fixture.of("rds.json")
                .with("/schedule", "cron(0 3 ? * MON-FRI *)")
                .with("/updatedynamodb/tablename", "dbalignment-awssol")
                .with("/sendmsg/topicarn", "arn:aws:sns:us-east-1:123456789012:dbrefresh")
                .with("/sendmsg/application", "app1")
                .with("/sendmsg/torun", true)
                .plan();

        assertThat(plan.application()).isEqualTo("app1");
        assertThat(plan.environment()).isEqualTo("development");
        assertThat(plan.schedule()).isEqualTo("cron(0 3 ? * MON-FRI *)");
        assertThat(plan.tableName()).isEqualTo("dbalignment-awssol");
        assertThat(plan.topicArn()).isEqualTo("arn:aws:sns:us-east-1:123456789012:dbrefresh");
    }

    @Test
    void theComment_isNotCopiedIntoThePlan_soTheStateCarriesItOnce() throws Exception {
        RefreshPlan plan = Fixture.of("rds.json").with("/comment", "x".repeat(100_000)).plan();

        String planJson = Json.MAPPER.writeValueAsString(plan);
        assertThat(planJson).doesNotContain("xxxxxxxxxx").hasSizeLessThan(20_000);
    }

    private static List<StepId> runningSteps(RefreshPlan plan) {
        return plan.steps().values().stream().filter(PlannedStep::run).map(PlannedStep::id).toList();
    }
}
