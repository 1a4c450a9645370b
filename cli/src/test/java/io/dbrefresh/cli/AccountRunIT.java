package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The documented rehearsal: the example refresh file against the example account description, end to end. */
class AccountRunIT {

    @Test
    void exampleFile_againstTheDescribedAccount_refreshesFromItsNewestSnapshot() {
        CliRun run = CliRun.of("run", "--local", "--account", AccountRunTest.EXAMPLE_ACCOUNT.toString(),
                AccountRunTest.FROM_SNAPSHOT.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("seeded instance pginstp (postgres, db.r6g.large)")
                .contains("seeded read replica pginstd-reader").contains("seeded snapshot pginstp-2026-03-02 of pginstp")
                .doesNotContain("pginstp-daily-1");
    }

    @Test
    void auroraExampleFile_againstTheDescribedAccount_refreshesTheClusterFromTheNamedSnapshot() {
        CliRun run = CliRun.of("run", "--local", "--account", AccountRunTest.AURORA_ACCOUNT.toString(),
                AccountRunTest.AURORA_FROM_SNAPSHOT.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("seeded cluster aumysclup (aurora-mysql) with writer aumysinstp")
                .contains("seeded reader aumysinsttr-reader (db.t4g.medium) of aumysclutr")
                .contains("seeded cluster snapshot aumysclup-month-end of aumysclup")
                .doesNotContain("aumysclup-daily-1");
    }
}
