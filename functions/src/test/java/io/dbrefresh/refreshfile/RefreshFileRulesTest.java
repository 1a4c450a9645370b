package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The rules that need more than a type check, and how their errors are reported. */
class RefreshFileRulesTest {

    @Test
    void everyMistakeOfAFile_isReportedAtOnce() {
        RefreshFileResult result = Fixture.of("rds.json")
                .with("/restore/port", "yes")
                .with("/rename/wait_tiem", 10)
                .with("/delete/finalsnapshot", "maybe")
                .read();

        assertThat(result.errors()).extracting(Problem::path)
                .containsExactlyInAnyOrder("/restore/port", "/rename/wait_tiem", "/delete/finalsnapshot");
        assertThat(result.plan()).isNull();
    }

    @Test
    void oneMistake_isReportedOnce_evenThoughTheSchemaSeesItToo() {
        RefreshFileResult result = Fixture.of("rds.json").with("/restore/port", "three").read();

        assertThat(result.errors()).hasSize(1);
    }

    @Test
    void notJson_isOneErrorAtTheRoot_withLineAndColumn() {
        RefreshFileResult result = RefreshFiles.read("{\n  \"restore\": {\n    \"torun\": true,\n  }\n}", Fixture.CLOCK);

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEmpty();
            assertThat(p.message()).startsWith("is not valid JSON: line 4, column 3");
        });
    }

    @Test
    void restorePoint_acceptsAPastTime_withAnOffset() {
        RefreshPlan plan = Fixture.of("rds.json")
                .with("/restore/restoretype", "restorepoint")
                .with("/restore/restoretime", "2026-11-24T12:30:00+01:00")
                .plan();

        assertThat(plan.restore().restoreTime()).isEqualTo(Instant.parse("2026-11-24T11:30:00Z"));
    }

    @Test
    void restorePoint_refusesATimeAfterNow_byTheInjectedClock() {
        RefreshFileResult result = Fixture.of("rds.json")
                .with("/restore/restoretype", "restorepoint")
                .with("/restore/restoretime", "2026-11-24T12:00:01Z")
                .read();

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("/restore/restoretime");
            assertThat(p.message()).contains("in the future");
        });
    }

    @Test
    void restorePoint_olderThanTheLongestBackupRetention_isAWarning() {
        RefreshFileResult result = Fixture.of("rds.json")
                .with("/restore/restoretype", "restorepoint")
                .with("/restore/restoretime", "2026-10-01T00:00:00Z")
                .read();

        assertThat(result.valid()).isTrue();
        assertThat(result.warnings()).extracting(Problem::path).containsExactly("/restore/restoretime");
    }

    @Test
    void arnSource_isAllowedWithFromSnapshot_andAnEncryptedOneNeedsAKey() {
        Fixture fixture = Fixture.of("rds.json")
                .with("/restore/restoretype", "fromsnapshot")
                .with("/restore/source", "arn:aws:rds:eu-west-1:210987654321:db:mysqlinstp")
                .with("/restore/encrypted", "true");

        assertThat(fixture.read().errors()).extracting(Problem::path).containsExactly("/restore/kmskeyid");
        RefreshPlan plan = fixture.with("/restore/kmskeyid", "arn:aws:kms:eu-west-1:123456789012:key/5f0e3c2a-9b7d-4e1f-8a6c-2d4b9e7f1a3c").plan();
        assertThat(plan.restore().encrypted()).isTrue();
        assertThat(plan.restore().snapshot()).isNull();
    }

    @Test
    void repeatedIds_thatContradictTheRestoreBlock_nameBothPaths() {
        RefreshFileResult result = Fixture.of("aurora.json").with("/rename/dbinstance", "auposinstd").read();

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("/rename/dbinstance");
            assertThat(p.message()).contains("/createinstance/dbinstance + \"temp\"").contains("auposinstdtemp");
        });
    }

    @Test
    void anAuroraWritersOrReadersSubnetGroup_otherThanTheClusters_isRefused_sinceAwsWouldRefuseItMidRefresh() {
        RefreshFileResult other = Fixture.of("aurora.json").with("/restore/subgrp", "app2-dev-db-subnets")
                .with("/createinstance/subgrp", "app2-other-subnets").with("/createreplicas/subgrp", "app2-other-subnets")
                .with("/createreplicas/torun", false).read();
        RefreshFileResult same = Fixture.of("aurora.json").with("/restore/subgrp", "app2-dev-db-subnets")
                .with("/createinstance/subgrp", "APP2-DEV-DB-SUBNETS").with("/createreplicas/subgrp", "app2-dev-db-subnets")
                .with("/createreplicas/torun", false).read();

        assertThat(other.errors()).extracting(Problem::path).containsExactly("/createinstance/subgrp", "/createreplicas/subgrp");
        assertThat(other.errors()).allSatisfy(p -> assertThat(p.message()).contains("app2-other-subnets")
                .contains("/restore/subgrp").contains("app2-dev-db-subnets"));
        assertThat(same.errors()).isEmpty();
    }

    @Test
    void repeatedIds_compareWithoutCase_asRdsDoes() {
        RefreshFileResult result = Fixture.of("rds.json").with("/rename/dbinstance", "MySQLInstDTemp").read();

        assertThat(result.errors()).isEmpty();
    }

    @Test
    void placeholder_isOneErrorPerValue_andNothingElseIsSaidAboutIt() {
        RefreshFileResult result = Fixture.of("rds.json")
                .with("/restore/secgrpids", "CHANGE_ME")
                .with("/fixtags/dbarn", "arn:aws:rds:CHANGE_ME:CHANGE_ME:db:mysqlinstd")
                .with("/fixtags/torun", true)
                .read();

        assertThat(result.errors()).extracting(Problem::path).containsExactly("/restore/secgrpids", "/fixtags/dbarn");
        assertThat(result.errors()).allSatisfy(p -> assertThat(p.message()).startsWith("not filled in"));
    }

    @Test
    void bothSpellingsOfAnAliasedBlock_isAnError() {
        RefreshFileResult result = Fixture.of("rds.json")
                .with("/changemasterpwd/torun", false)
                .with("/changeadminpwd/torun", false)
                .read();

        assertThat(result.errors()).extracting(Problem::path).containsExactly("/changeadminpwd");
    }

    @Test
    void unknownKey_suggestsTheNearestKnownKey() {
        RefreshFileResult result = Fixture.of("rds.json").with("/restore/Torun", true).read();

        assertThat(result.errors()).singleElement().isEqualTo(new Problem("/restore/Torun", "unknown key, did you mean torun?"));
    }

    @Test
    void mysqlEngines_refuseGeneratedPasswordsLongerThan41() {
        RefreshFileResult result = Fixture.of("rds.json")
                .with("/runscripts/engine", "mysql")
                .with("/runscripts/torun", false)
                .with("/changemasterpwd/secretname", "/dev/app1/mysqlinstd")
                .with("/changemasterpwd/pwdlength", 64)
                .with("/changemasterpwd/torun", true)
                .read();

        assertThat(result.errors()).extracting(Problem::path).containsExactly("/changemasterpwd/pwdlength");
    }

    @Test
    void auroraDeleteCluster_withoutDeletingItsWriter_isRefusedBeforeRunTime() {
        RefreshFileResult result = Fixture.of("aurora.json").with("/delete/torun", false).read();

        assertThat(result.errors()).extracting(Problem::path).containsExactly("/deletecluster/torun");
        assertThat(result.errors().get(0).message()).contains("still has instances");
        assertThat(Fixture.of("aurora.json").read().errors()).isEmpty();
    }
}
