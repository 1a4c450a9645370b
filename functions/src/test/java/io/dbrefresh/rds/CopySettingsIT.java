package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.Plans;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Against moto: the copy a refresh restores comes back with the old target's settings, not the
 * source's or the defaults, when the refresh file names none of them. moto's restore copies the
 * source's settings, so the source here is configured differently from the old target: a copy
 * with the old target's values can only have them from the old target.
 */
class CopySettingsIT {

    private static final String EXECUTION = "refresh-qa-7";
    private static final String MONITORING_ROLE = "arn:aws:iam::123456789012:role/rds-monitoring";

    private AwsClients aws;
    private InstanceRestore restore;

    @BeforeEach
    void seed() {
        Emulators.reset();
        aws = Emulators.clients();
        RdsInstances instances = new RdsInstances(aws.rds());
        restore = new InstanceRestore(instances, new Snapshots(instances));
        aws.rds().createDBParameterGroup(r -> r.dbParameterGroupName("qa-params").dbParameterGroupFamily("mysql8.0").description("qa"));
        aws.rds().createOptionGroup(r -> r.optionGroupName("qa-options").engineName("mysql").majorEngineVersion("8.0")
                .optionGroupDescription("qa"));
        aws.rds().createDBInstance(r -> r.dbInstanceIdentifier("prod").engine("mysql").engineVersion("8.0.35")
                .dbInstanceClass("db.r6g.xlarge").allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1")
                .backupRetentionPeriod(7).port(3306));
        aws.rds().createDBInstance(r -> r.dbInstanceIdentifier("qa").engine("mysql").engineVersion("8.0.35")
                .dbInstanceClass("db.t3.small").allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1")
                .dbParameterGroupName("qa-params").optionGroupName("qa-options").backupRetentionPeriod(14)
                .preferredBackupWindow("02:00-02:30").preferredMaintenanceWindow("sun:04:00-sun:04:30")
                .deletionProtection(true).copyTagsToSnapshot(true).enableIAMDatabaseAuthentication(true).port(3307)
                .enableCloudwatchLogsExports("error").monitoringInterval(30).monitoringRoleArn(MONITORING_ROLE)
                .enablePerformanceInsights(true).performanceInsightsRetentionPeriod(7)
                .caCertificateIdentifier("rds-ca-rsa4096-g1").maxAllocatedStorage(100));
        aws.rds().createDBSnapshot(r -> r.dbInstanceIdentifier("prod").dbSnapshotIdentifier("prod-snap"));
    }

    private DBInstance restoreAndWait(RestoreSpec spec) {
        InstanceRestore.Started started = restore.start(spec, EXECUTION);
        assertThat(started.message()).contains("from the old target");
        Observation seen = null;
        for (int poll = 0; poll < 5; poll++) {
            seen = restore.progress(spec, started.snapshot(), started.alignedTo(), EXECUTION);
            if (seen.progress() != Progress.IN_PROGRESS) {
                break;
            }
        }
        assertThat(seen.progress()).as(seen.message()).isEqualTo(Progress.DONE);
        return new RdsInstances(aws.rds()).require(spec.temp(), "restored");
    }

    private static void assertHasTheOldTargetsSettings(DBInstance copy) {
        assertThat(copy.dbInstanceClass()).isEqualTo("db.t3.small");
        assertThat(copy.dbParameterGroups()).extracting(g -> g.dbParameterGroupName()).containsExactly("qa-params");
        assertThat(copy.optionGroupMemberships()).extracting(g -> g.optionGroupName()).containsExactly("qa-options");
        assertThat(copy.backupRetentionPeriod()).isEqualTo(14);
        assertThat(copy.preferredBackupWindow()).isEqualTo("02:00-02:30");
        assertThat(copy.preferredMaintenanceWindow()).isEqualTo("sun:04:00-sun:04:30");
        assertThat(copy.deletionProtection()).isTrue();
        assertThat(copy.copyTagsToSnapshot()).isTrue();
        assertThat(copy.iamDatabaseAuthenticationEnabled()).isTrue();
        assertThat(copy.endpoint().port()).isEqualTo(3307);
        assertThat(copy.enabledCloudwatchLogsExports()).containsExactly("error");
        assertThat(copy.caCertificateIdentifier()).isEqualTo("rds-ca-rsa4096-g1");
        assertThat(copy.maxAllocatedStorage()).isEqualTo(100);
        // moto models neither enhanced monitoring nor Performance Insights (not even on the old target):
        // their merge and the modify that applies them are CopySettingsTest's and InstanceRestoreTest's
    }

    @Test
    void aLatestPointCopy_comesBackWithTheOldTargetsSettings() {
        assertHasTheOldTargetsSettings(restoreAndWait(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa")));
    }

    @Test
    void aSnapshotCopy_comesBackWithTheOldTargetsSettings() {
        assertHasTheOldTargetsSettings(restoreAndWait(Plans.restore(RestoreType.FROM_SNAPSHOT, "prod", "qa", null, "prod-snap", null)));
    }

    @Test
    void aFileValue_winsOverTheOldTargets() {
        RestoreSpec spec = new RestoreSpec(RestoreType.LATEST_POINT, "prod", "qa", "qatemp", null, null, null,
                null, null, null, null, null, null, null, null, null, "db.t3.medium", null, null, null, null, null, null,
                null, null);

        DBInstance copy = restoreAndWait(spec);

        assertThat(copy.dbInstanceClass()).isEqualTo("db.t3.medium");
        assertThat(copy.backupRetentionPeriod()).isEqualTo(14);
    }
}
