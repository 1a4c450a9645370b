package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.rds.model.RestoreDbClusterFromSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.Tag;

class RestoreParametersTest {

    @Test
    void onto_putsEverySettingOnTheOtherRequestByName_andKeepsWhatTheCallerSet() {
        RestoreDbInstanceFromDbSnapshotRequest settings = RestoreDbInstanceFromDbSnapshotRequest.builder()
                .publiclyAccessible(false).multiAZ(true).dbInstanceClass("db.r6g.large").iops(3000)
                .vpcSecurityGroupIds("sg-1", "sg-2").tags(Tag.builder().key("dbrefresh:execution").value("run-1").build())
                .build();

        RestoreDbInstanceToPointInTimeRequest request = RestoreParameters.onto(RestoreDbInstanceToPointInTimeRequest.builder()
                .sourceDBInstanceIdentifier("prod").targetDBInstanceIdentifier("qatemp").useLatestRestorableTime(true),
                settings).build();

        assertThat(request.publiclyAccessible()).isFalse();
        assertThat(request.multiAZ()).isTrue();
        assertThat(request.dbInstanceClass()).isEqualTo("db.r6g.large");
        assertThat(request.iops()).isEqualTo(3000);
        assertThat(request.vpcSecurityGroupIds()).containsExactly("sg-1", "sg-2");
        assertThat(request.tags()).extracting(Tag::value).containsExactly("run-1");
        assertThat(request.sourceDBInstanceIdentifier()).isEqualTo("prod");
        assertThat(request.targetDBInstanceIdentifier()).isEqualTo("qatemp");
        assertThat(request.useLatestRestorableTime()).isTrue();
    }

    @Test
    void onto_leavesOutWhatTheSettingsLeaveUnset() {
        RestoreDbClusterFromSnapshotRequest request = RestoreParameters.onto(RestoreDbClusterFromSnapshotRequest.builder()
                .dbClusterIdentifier("qatemp").port(3307),
                RestoreDbClusterToPointInTimeRequest.builder().deletionProtection(false).build()).build();

        assertThat(request.deletionProtection()).isFalse();
        assertThat(request.port()).as("the caller's port, which the settings leave unset").isEqualTo(3307);
        assertThat(request.hasVpcSecurityGroupIds()).as("an unset list stays unset, not sent empty").isFalse();
        assertThat(request.kmsKeyId()).isNull();
    }

    @Test
    void onto_refusesASettingTheOtherRequestHasNoParameterFor() {
        RestoreDbClusterToPointInTimeRequest settings = RestoreDbClusterToPointInTimeRequest.builder()
                .restoreToTime(java.time.Instant.parse("2026-11-20T03:00:00Z")).build();

        assertThatThrownBy(() -> RestoreParameters.onto(RestoreDbClusterFromSnapshotRequest.builder(), settings))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RestoreToTime");
    }
}
