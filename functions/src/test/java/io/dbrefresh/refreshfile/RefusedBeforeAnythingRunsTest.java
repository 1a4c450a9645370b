package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dbrefresh.rds.TargetGuard;

/**
 * Mistakes that used to pass validation and fail only at run time, some after the old target
 * was stopped or deleted: each is refused by validation, at its JSON path.
 */
class RefusedBeforeAnythingRunsTest {

    private static Problem onlyError(RefreshFileResult result) {
        assertThat(result.plan()).isNull();
        assertThat(result.errors()).hasSize(1);
        return result.errors().getFirst();
    }

    @Test
    void aReplicaNamedLikeTheProductionSource_isRefused() {
        Problem p = onlyError(Fixture.of("rds.json")
                .with("/createreplicas/replicas", "mysqlinstd-r1_db.t3.micro,MySQLInstP_db.t3.micro")
                .with("/createreplicas/torun", true).read());

        assertThat(p.path()).isEqualTo("/createreplicas/replicas");
        assertThat(p.message()).contains("replica MySQLInstP has the name of the production source");
    }

    @Test
    void aSourceThatIsTheTargetsTemporaryName_isRefused() {
        Problem p = onlyError(Fixture.of("rds.json").with("/restore/source", "MySQLInstDTemp").read());

        assertThat(p.path()).isEqualTo("/restore/source");
        assertThat(p.message()).contains("is the target's temporary name (\"mysqlinstdtemp\")");
    }

    @Test
    void aSourceArnNamingTheTarget_isRefused() {
        Problem p = onlyError(Fixture.of("rds.json")
                .with("/restore/restoretype", "fromsnapshot").with("/restore/snapshot", "nightly")
                .with("/restore/source", "arn:aws:rds:us-east-1:123456789012:db:MySQLInstD").read());

        assertThat(p.path()).isEqualTo("/restore/target");
        assertThat(p.message()).contains("whose ARN names the target").contains("never writes over its source");
    }

    @Test
    void aKmsKeyOfAnotherRegionThanTheSnapshot_isRefused() {
        Problem p = onlyError(Fixture.of("rds.json")
                .with("/restore/restoretype", "fromsnapshot")
                .with("/restore/snapshot", "arn:aws:rds:eu-west-1:210987654321:snapshot:mysqlinstp-weekly")
                .with("/restore/encrypted", true)
                .with("/restore/kmskeyid", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab").read());

        assertThat(p.path()).isEqualTo("/restore/kmskeyid");
        assertThat(p.message()).contains("region us-east-1 but /restore/snapshot is in eu-west-1");
    }

    @Test
    void aKmsKeyOfTheSnapshotsRegion_isAccepted() {
        RefreshPlan plan = Fixture.of("rds.json")
                .with("/restore/restoretype", "fromsnapshot")
                .with("/restore/snapshot", "arn:aws:rds:eu-west-1:210987654321:snapshot:mysqlinstp-weekly")
                .with("/restore/encrypted", true)
                .with("/restore/kmskeyid", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab").plan();

        assertThat(plan.restore().kmsKeyId()).contains(":eu-west-1:");
    }

    @Test
    void productionWithoutAFinalSnapshot_isAnError_notAWarning() {
        RefreshFileResult result = Fixture.of("rds.json")
                .with("/restore/environment", "Production")
                .with("/delete/finalsnapshot", false).read();

        Problem p = onlyError(result);
        assertThat(p.path()).isEqualTo("/delete/finalsnapshot");
        assertThat(p.message()).contains("the environment is \"Production\"");
        assertThat(result.warnings()).extracting(Problem::path).doesNotContain("/delete/finalsnapshot");
    }

    @Test
    void aurora_productionWithoutAFinalClusterSnapshot_isAnError() {
        Problem p = onlyError(Fixture.of("aurora.json")
                .with("/restore/environment", "prod")
                .with("/deletecluster/finalsnapshot", false).read());

        assertThat(p.path()).isEqualTo("/deletecluster/finalsnapshot");
    }

    @Test
    void nonProductionWithoutAFinalSnapshot_staysAWarning() {
        RefreshFileResult result = Fixture.of("rds.json").with("/delete/finalsnapshot", false).read();

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).extracting(Problem::path).contains("/delete/finalsnapshot");
    }

    @Test
    void validationAndTheGuard_readOneListOfProductionNames() {
        assertThat(TargetGuard.PRODUCTION).isSameAs(RefreshPlan.PRODUCTION_ENVIRONMENTS).contains("production");
    }

    @Test
    void anInputOverStepFunctions256KiB_isRefusedWithItsSize() {
        String json = Fixture.of("rds.json").with("/comment", "x".repeat(262_144)).json();
        int size = json.getBytes(StandardCharsets.UTF_8).length;

        Problem p = onlyError(RefreshFiles.read(json, Fixture.CLOCK));

        assertThat(p.path()).isEmpty();
        assertThat(p.message()).startsWith("is " + size + " bytes (" + (size + 1023) / 1024 + " KiB)")
                .contains("262144 bytes (256 KiB)");
    }

    @Test
    void thePlan_carriesNoCopyOfTheComment_soAFileNearTheLimitDoesNotDoubleInTheExecution() throws Exception {
        RefreshFileResult result = Fixture.of("rds.json").with("/comment", "nightly-comment-" + "x".repeat(100_000)).read();

        assertThat(result.errors()).isEmpty();
        String plan = Json.MAPPER.writeValueAsString(result.plan());
        assertThat(plan).doesNotContain("nightly-comment-");
        assertThat(plan.length()).isLessThan(20_000);
    }

    @Test
    void anInputJustUnderTheLimit_isAccepted_andSoIsItsParsedForm() throws Exception {
        String base = Fixture.of("rds.json").with("/comment", "").json();
        int room = 262_144 - base.getBytes(StandardCharsets.UTF_8).length;
        String json = Fixture.of("rds.json").with("/comment", "x".repeat(room)).json();

        assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(262_144);
        assertThat(RefreshFiles.read(json, Fixture.CLOCK).errors()).isEmpty();
        assertThat(RefreshFiles.read(new ObjectMapper().readTree(json), Fixture.CLOCK).errors()).isEmpty();
        String over = Fixture.of("rds.json").with("/comment", "x".repeat(room + 1)).json();
        assertThat(RefreshFiles.read(new ObjectMapper().readTree(over), Fixture.CLOCK).errors())
                .singleElement().satisfies(p -> assertThat(p.message()).startsWith("is 262145 bytes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(0 3 ? * MON-FRI *)", "cron(0/15 * * * ? *)", "cron(0 3 1 * ? *)", "cron(0 3 ? * 2#1 *)",
        "rate(7 days)", "rate(1 hour)", "at(2026-11-20T03:00:00)"})
    void validSchedules_areAccepted(String schedule) {
        assertThat(Fixture.of("rds.json").with("/schedule", schedule).plan().schedule()).isEqualTo(schedule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(every day)", "cron(0 3 * * *)", "cron(0 3 * * MON *)", "cron(0 3 ? * ? *)",
        "cron(61 3 ? * MON *)", "cron(0 25 ? * MON *)", "cron(0 3 ? 13 MON *)", "rate(0 days)", "rate(7 weeks)",
        "rate(seven days)", "at(2026-02-30T03:00:00)", "at(2026-11-20 03:00)", "every weekday at 3"})
    void invalidSchedules_areRefusedAtTheirPath(String schedule) {
        Problem p = onlyError(Fixture.of("rds.json").with("/schedule", schedule).read());

        assertThat(p.path()).isEqualTo("/schedule");
        assertThat(p.message()).contains("EventBridge Scheduler expression").contains("found \"" + schedule + "\"");
    }

    @Test
    void aControlCharacterInFreeText_isRefusedWithItsPosition() {
        Problem p = onlyError(Fixture.of("rds.json").with("/restore/application", "app1\u001b[2Kok").read());

        assertThat(p.path()).isEqualTo("/restore/application");
        assertThat(p.message()).contains("U+001B at position 5");
    }

    @Test
    void aTextDirectionOverride_isRefused() {
        Problem p = onlyError(Fixture.of("rds.json").with("/comment", "nightly \u202Eevil").read());

        assertThat(p.path()).isEqualTo("/comment");
        assertThat(p.message()).contains("U+202E");
    }

    @Test
    void theComment_mayHoldLineBreaksAndTabs_butNoOtherControlCharacter() {
        assertThat(Fixture.of("rds.json").with("/comment", "line one\n\tline two").read().errors()).isEmpty();
        assertThat(onlyError(Fixture.of("rds.json").with("/comment", "bell\u0007").read()).path()).isEqualTo("/comment");
        assertThat(onlyError(Fixture.of("rds.json").with("/restore/environment", "dev\nelopment").read()).path())
                .isEqualTo("/restore/environment");
    }
}
