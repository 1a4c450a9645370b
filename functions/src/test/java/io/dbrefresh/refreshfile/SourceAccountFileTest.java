package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** restore.sourceaccount: read into the plan with the stack's role by default, every mistake at its own JSON path. */
class SourceAccountFileTest {

    @Test
    void sourceAccount_withoutARole_assumesTheSourceStacksRoleInThatAccount() {
        RestoreSpec restore = Fixture.of("rds.json").with("/restore/sourceaccount", Map.of("accountid", "222233334444")).plan().restore();

        assertThat(restore.sourceAccount())
                .isEqualTo(new SourceAccount("222233334444", "arn:aws:iam::222233334444:role/dbrefresh-source-access"));
        assertThat(restore.crossAccount()).isTrue();
    }

    @Test
    void sourceAccount_withARole_keepsThatRole() {
        String role = "arn:aws:iam::222233334444:role/ops/prod-copier";
        RestoreSpec restore = Fixture.of("rds.json").with("/restore/restoretype", "fromsnapshot")
                .with("/restore/snapshot", "mysqlinstp-weekly")
                .with("/restore/sourceaccount", Map.of("accountid", "222233334444", "rolearn", role)).plan().restore();

        assertThat(restore.sourceAccount()).isEqualTo(new SourceAccount("222233334444", role));
        assertThat(restore.snapshot()).isEqualTo("mysqlinstp-weekly");
    }

    @Test
    void noSourceAccount_isASameAccountRefresh() {
        RestoreSpec restore = Fixture.of("rds.json").plan().restore();

        assertThat(restore.sourceAccount()).isNull();
        assertThat(restore.crossAccount()).isFalse();
    }

    @Test
    void latestPointAndRestorePoint_workAcrossAccounts() {
        assertThat(Fixture.of("rds.json").with("/restore/sourceaccount", Map.of("accountid", "222233334444")).read().errors()).isEmpty();
        assertThat(Fixture.of("rds.json").with("/restore/restoretype", "restorepoint").with("/restore/restoretime", "2026-11-24T03:00:00Z")
                .with("/restore/sourceaccount", Map.of("accountid", "222233334444")).read().errors()).isEmpty();
    }

    @Test
    void everyWrongValue_isReportedAtItsPath_inOneRead() {
        RefreshFileResult result = Fixture.of("rds.json")
                .with("/restore/sourceaccount", Map.of("accountid", "2222-3333-4444", "rolearn", "dbrefresh-source-access", "region", "x"))
                .read();

        assertThat(result.plan()).isNull();
        assertThat(result.errors()).extracting(Problem::path).contains(
                "/restore/sourceaccount/accountid", "/restore/sourceaccount/rolearn", "/restore/sourceaccount/region");
        assertThat(result.errors()).filteredOn(p -> p.path().equals("/restore/sourceaccount/accountid"))
                .extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("12-digit"));
    }

    @Test
    void aMissingAccountId_isReported() {
        RefreshFileResult result = Fixture.of("rds.json").with("/restore/sourceaccount", Map.of()).read();

        assertThat(result.errors()).extracting(Problem::path).contains("/restore/sourceaccount/accountid");
    }

    @Test
    void aRoleOfAnotherAccount_isRefused() {
        RefreshFileResult result = Fixture.of("rds.json").with("/restore/sourceaccount",
                Map.of("accountid", "222233334444", "rolearn", "arn:aws:iam::999988887777:role/dbrefresh-source-access")).read();

        assertThat(result.errors()).filteredOn(p -> p.path().equals("/restore/sourceaccount/rolearn"))
                .extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("999988887777", "222233334444"));
    }

    @Test
    void aSnapshotArnOfAnotherAccount_thanTheSourceAccount_isRefused() {
        RefreshFileResult result = Fixture.of("rds.json").with("/restore/restoretype", "fromsnapshot")
                .with("/restore/snapshot", "arn:aws:rds:us-east-1:999988887777:snapshot:mysqlinstp-weekly")
                .with("/restore/sourceaccount", Map.of("accountid", "222233334444")).read();

        assertThat(result.errors()).filteredOn(p -> p.path().equals("/restore/snapshot"))
                .extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("999988887777", "sourceaccount"));
    }

    @Test
    void aSourceArnOfAnotherAccount_thanTheSourceAccount_isRefused() {
        RefreshFileResult result = Fixture.of("rds.json").with("/restore/restoretype", "fromsnapshot")
                .with("/restore/source", "arn:aws:rds:us-east-1:999988887777:db:mysqlinstp")
                .with("/restore/sourceaccount", Map.of("accountid", "222233334444")).read();

        assertThat(result.errors()).extracting(Problem::path).contains("/restore/source");
    }

    @Test
    void fastCloningAcrossAccounts_isAccepted_asAClusterSharedThroughAwsRam() {
        RefreshFileResult result = Fixture.of("aurora.json").with("/restore/sourceaccount", Map.of("accountid", "222233334444")).read();

        assertThat(result.errors()).isEmpty();
        assertThat(result.plan().restore().restoreType()).isEqualTo(RestoreType.FAST_CLONING);
        assertThat(result.plan().restore().sourceAccount().accountId()).isEqualTo("222233334444");
    }

    @Test
    void sourceAccountThatIsNotAnObject_isAnErrorAtItsPath() {
        RefreshFileResult result = Fixture.of("rds.json").with("/restore/sourceaccount", "222233334444").read();

        assertThat(result.errors()).extracting(Problem::path).contains("/restore/sourceaccount");
    }
}
