package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.dbrefresh.execution.RestoreFailedException;
import io.dbrefresh.refreshfile.InstanceSpec;
import io.dbrefresh.refreshfile.ReplicaDescription;
import io.dbrefresh.refreshfile.ReplicaSpec;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.Tag;

class ClusterInstancesTest {

    private static final String EXECUTION = "refresh-qa-7";

    private final RdsClient rds = RdsStubs.rds();
    private final ClusterInstances instances = new ClusterInstances(new AuroraClusters(new RdsInstances(rds)));

    @BeforeEach
    void noClusterExists() {
        RdsStubs.noClusters(rds);
    }

    private void clusterExists(DBCluster cluster) {
        RdsStubs.clusterExists(rds, cluster);
    }

    private static InstanceSpec writer(Boolean performanceInsights, Boolean enhancedMonitoring, Integer interval) {
        return new InstanceSpec("devclutemp", "devinst", "devinsttemp", "db.r6g.large", "aurora-postgresql", "dev-subnets",
                "dev-instance-params", false, true, performanceInsights, 31, "arn:aws:kms:us-east-1:123456789012:key/pi",
                enhancedMonitoring, interval, "arn:aws:iam::123456789012:role/rds-monitoring");
    }

    private CreateDbInstanceRequest created() {
        ArgumentCaptor<CreateDbInstanceRequest> captor = ArgumentCaptor.forClass(CreateDbInstanceRequest.class);
        verify(rds).createDBInstance(captor.capture());
        return captor.getValue();
    }

    @Test
    void createWriter_appliesTheFilesClassParameterGroupAndMonitoringAsTypedValues() {
        clusterExists(DBCluster.builder().dbClusterIdentifier("devclutemp").status("available").engine("aurora-postgresql").build());

        instances.createWriter(writer(true, true, 15), "devclutemp", EXECUTION);

        CreateDbInstanceRequest request = created();
        assertThat(request.dbInstanceIdentifier()).isEqualTo("devinsttemp");
        assertThat(request.dbClusterIdentifier()).isEqualTo("devclutemp");
        assertThat(request.dbInstanceClass()).isEqualTo("db.r6g.large");
        assertThat(request.engine()).isEqualTo("aurora-postgresql");
        assertThat(request.dbParameterGroupName()).isEqualTo("dev-instance-params");
        assertThat(request.autoMinorVersionUpgrade()).isFalse();
        assertThat(request.copyTagsToSnapshot()).as("/createinstance/copytagstosnap").isTrue();
        assertThat(request.enablePerformanceInsights()).isTrue();
        assertThat(request.performanceInsightsRetentionPeriod()).isEqualTo(31);
        assertThat(request.performanceInsightsKMSKeyId()).isEqualTo("arn:aws:kms:us-east-1:123456789012:key/pi");
        assertThat(request.monitoringInterval()).isEqualTo(15);
        assertThat(request.monitoringRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/rds-monitoring");
        assertThat(request.tags()).anySatisfy(t -> assertThat(t.key()).isEqualTo(RefreshTags.EXECUTION))
                .contains(Tag.builder().key(RefreshTags.MANAGED).value(RefreshTags.MANAGED_VALUE).build());
    }

    @Test
    void createWriter_monitoringOff_sendsIntervalZeroAndNoRoleOrInsightsOptions() {
        clusterExists(DBCluster.builder().dbClusterIdentifier("devclutemp").status("available").engine("aurora-postgresql").build());

        instances.createWriter(writer(false, false, null), "devclutemp", EXECUTION);

        CreateDbInstanceRequest request = created();
        assertThat(request.monitoringInterval()).isZero();
        assertThat(request.monitoringRoleArn()).isNull();
        assertThat(request.enablePerformanceInsights()).isFalse();
        assertThat(request.performanceInsightsRetentionPeriod()).isNull();
    }

    @Test
    void createWriter_givesTheNewWriterTheOldWritersSettingsTheFileLeavesOut() {
        clusterExists(DBCluster.builder().dbClusterIdentifier("devclutemp").status("available").engine("aurora-postgresql").build());
        RdsStubs.describes(rds, RdsStubs.instance("devinst", "available").dbInstanceClass("db.r6g.2xlarge")
                .performanceInsightsEnabled(true).performanceInsightsRetentionPeriod(93).monitoringInterval(30)
                .monitoringRoleArn("arn:aws:iam::123456789012:role/old-monitoring").caCertificateIdentifier("rds-ca-rsa4096-g1")
                .preferredMaintenanceWindow("tue:02:00-tue:02:30").promotionTier(1).copyTagsToSnapshot(true).build());
        InstanceSpec unsaid = new InstanceSpec("devclutemp", "devinst", "devinsttemp", "db.r6g.large", "aurora-postgresql", null,
                null, null, null, null, null, null, null, null, null);

        String message = instances.createWriter(unsaid, "devclutemp", EXECUTION);

        CreateDbInstanceRequest request = created();
        assertThat(request.dbInstanceClass()).as("the file's class wins").isEqualTo("db.r6g.large");
        assertThat(request.enablePerformanceInsights()).isTrue();
        assertThat(request.performanceInsightsRetentionPeriod()).isEqualTo(93);
        assertThat(request.monitoringInterval()).isEqualTo(30);
        assertThat(request.monitoringRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/old-monitoring");
        assertThat(request.caCertificateIdentifier()).isEqualTo("rds-ca-rsa4096-g1");
        assertThat(request.preferredMaintenanceWindow()).isEqualTo("tue:02:00-tue:02:30");
        assertThat(request.promotionTier()).isEqualTo(1);
        assertThat(request.copyTagsToSnapshot()).isTrue();
        assertThat(message).contains("from the old writer devinst");
    }

    @Test
    void createWriter_isBornPrivate_andKeepsThePublicOldWritersValueForTheRename() {
        clusterExists(DBCluster.builder().dbClusterIdentifier("devclutemp").status("available").engine("aurora-postgresql").build());
        RdsStubs.describes(rds, RdsStubs.instance("devinst", "available").publiclyAccessible(true).build());

        instances.createWriter(writer(null, null, null), "devclutemp", EXECUTION);

        CreateDbInstanceRequest request = created();
        assertThat(request.publiclyAccessible()).as("no public access while it holds unmasked data").isFalse();
        assertThat(request.tags()).contains(Tag.builder().key(RefreshTags.PUBLICLY_ACCESSIBLE).value("true").build());
    }

    @Test
    void createWriter_restoredClusterNotAvailable_createsNothing() {
        clusterExists(DBCluster.builder().dbClusterIdentifier("devclutemp").status("creating").build());

        assertThatThrownBy(() -> instances.createWriter(writer(null, null, null), "devclutemp", EXECUTION))
                .isInstanceOf(RestoreFailedException.class);
        verify(rds, never()).createDBInstance(any(CreateDbInstanceRequest.class));
    }

    @Test
    void deleteReaders_deletesEveryMemberButTheWriterAndRemembersEach() {
        clusterExists(DBCluster.builder().dbClusterIdentifier("devclu").status("available").dbClusterMembers(
                DBClusterMember.builder().dbInstanceIdentifier("devinst").isClusterWriter(true).build(),
                DBClusterMember.builder().dbInstanceIdentifier("devinst-r1").isClusterWriter(false).build()).build());
        RdsStubs.describes(rds, RdsStubs.instance("devinst-r1", "available").dbInstanceClass("db.r6g.xlarge").build());

        ReadReplicas.Removal removal = instances.deleteReaders("devclu", false);

        ArgumentCaptor<DeleteDbInstanceRequest> captor = ArgumentCaptor.forClass(DeleteDbInstanceRequest.class);
        verify(rds).deleteDBInstance(captor.capture());
        assertThat(captor.getAllValues()).extracting(DeleteDbInstanceRequest::dbInstanceIdentifier).containsExactly("devinst-r1");
        assertThat(removal.replicas()).extracting(ReplicaDescription::name, ReplicaDescription::dbClass)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("devinst-r1", "db.r6g.xlarge"));
        assertThat(List.of(removal.message())).singleElement().asString().contains("devinst-r1");
    }

    @Test
    void createReaders_givesEachReaderTheFilesSubnetGroupCopyTagsAndMinorUpgradeSettings() {
        clusterExists(DBCluster.builder().dbClusterIdentifier("devclu").status("available").engine("aurora-mysql").build());
        ReplicaSpec spec = new ReplicaSpec(List.of(), null, "dev-subnets", "dev-reader-params", false, true);

        instances.createReaders("devclu", List.of(new ReplicaDescription("devinst-r1", "db.r6g.large", "us-east-1b", null, Map.of())),
                spec, EXECUTION);

        CreateDbInstanceRequest request = created();
        assertThat(request.dbInstanceIdentifier()).isEqualTo("devinst-r1");
        assertThat(request.dbClusterIdentifier()).isEqualTo("devclu");
        assertThat(request.dbSubnetGroupName()).as("/createreplicas/subgrp").isEqualTo("dev-subnets");
        assertThat(request.copyTagsToSnapshot()).as("/createreplicas/copytagstosnap").isTrue();
        assertThat(request.autoMinorVersionUpgrade()).as("/createreplicas/autominor").isFalse();
        assertThat(request.dbParameterGroupName()).isEqualTo("dev-reader-params");
    }

    @Test
    void createReaders_withoutTheFilesSettings_leavesThemToTheCluster() {
        clusterExists(DBCluster.builder().dbClusterIdentifier("devclu").status("available").engine("aurora-mysql").build());

        instances.createReaders("devclu", List.of(new ReplicaDescription("devinst-r1", "db.r6g.large", null, null, Map.of())),
                new ReplicaSpec(List.of(), null, null, null, null, null), EXECUTION);

        CreateDbInstanceRequest request = created();
        assertThat(request.dbSubnetGroupName()).isNull();
        assertThat(request.copyTagsToSnapshot()).isNull();
    }
}
