package io.dbrefresh.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.testing.AccountQuotas;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * The quota warning against moto, with real snapshots: dbrefresh's final snapshots of the target
 * that the file's retention prunes at fix-tags are counted off, a DBA's snapshot named like one is
 * not. moto does not offer {@code DescribeAccountAttributes}: {@link AccountQuotas} answers that
 * one call, as AWS would, with the quota each test sets.
 */
class PreflightQuotaIT {

    private static final String FILE = """
            {"restore": {"dbservice": "rds", "source": "mysqlinstp", "target": "mysqlinstq", "restoretype": "latestpoint",
                         "application": "app1", "environment": "qa", "torun": true},
             "delete": {"finalsnapshot": true, "snapshotretention": {"keep": 1}, "torun": true},
             "fixtags": {"torun": true}}
            """;

    private final AccountQuotas quotas = new AccountQuotas();
    private Preflight preflight;

    @BeforeEach
    void anAccountWithThreeFinalSnapshotsOfTheTarget() {
        Emulators.reset();
        AwsClients aws = Emulators.clients();
        for (String db : List.of("mysqlinstp", "mysqlinstq")) {
            aws.rds().createDBInstance(r -> r.dbInstanceIdentifier(db).engine("mysql").dbInstanceClass("db.t3.micro")
                    .allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1").backupRetentionPeriod(7));
        }
        for (String time : List.of("20261201020000", "20261202020000", "20261203020000")) {
            aws.rds().createDBSnapshot(r -> r.dbInstanceIdentifier("mysqlinstq").dbSnapshotIdentifier("mysqlinstq-final-" + time)
                    .tags(tag(RefreshTags.MANAGED, "true"), tag(RefreshTags.SNAPSHOT_OF, "mysqlinstq"),
                            tag(RefreshTags.SNAPSHOT_RETENTION, "keep=1")));
        }
        // a DBA's snapshot named like a final snapshot: not dbrefresh's, never counted as pruned
        aws.rds().createDBSnapshot(r -> r.dbInstanceIdentifier("mysqlinstq").dbSnapshotIdentifier("mysqlinstq-final-20261204020000")
                .tags(tag("owner", "dba")));
        preflight = Preflight.using(Emulators.clients(quotas));
    }

    @AfterEach
    void preflightOnlyRead() {
        assertThat(quotas.operations()).as("pre-flight's calls").contains("DescribeAccountAttributes")
                .allMatch(op -> op.matches("(Describe|Get|List|Head).*"));
    }

    private Preflight.Findings review() {
        RefreshFileResult read = RefreshFiles.read(FILE);
        assertThat(read.errors()).as("the fixture is a valid refresh file").isEmpty();
        RefreshPlan plan = read.plan();
        return preflight.review(plan, Preflight.Defaults.NONE);
    }

    @Test
    void aQuotaNinetyPercentFullAfterTheRetentionsPruning_isAWarningAtTheRetention_notAProblem() {
        quotas.manualSnapshots(92, 100);

        Preflight.Findings found = review();

        assertThat(found.problems()).isEmpty();
        assertThat(found.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("/delete/snapshotretention");
            assertThat(w.message()).contains("is 100 and 92 are used", "3 removed by fix-tags (retention keep=1)", ") 90 will be");
        });
        assertThat(quotas.operations()).as("the target's snapshots were read").contains("DescribeDBSnapshots");
    }

    @Test
    void onePercentBelow_isNoWarning() {
        quotas.manualSnapshots(91, 100);

        Preflight.Findings found = review();

        assertThat(found.problems()).isEmpty();
        assertThat(found.warnings()).as("91 + 1 - 3 = 89 of 100").isEmpty();
        assertThat(quotas.operations()).as("90 of 100 before pruning: the target's snapshots were read").contains("DescribeDBSnapshots");
    }

    @Test
    void noRoomForTheFinalSnapshot_isAProblemAtTheFinalSnapshot_andNoWarning() {
        quotas.manualSnapshots(100, 100);

        Preflight.Findings found = review();

        assertThat(found.problems()).extracting(Problem::path).containsExactly("/delete/finalsnapshot");
        assertThat(found.warnings()).isEmpty();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
