package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.dbrefresh.execution.Progress;

class InstanceStatusTest {

    @ParameterizedTest
    @ValueSource(strings = {"available", "AVAILABLE"})
    void classify_available_isDone(String status) {
        assertThat(InstanceStatus.classify(status)).isEqualTo(Progress.DONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"creating", "backing-up", "modifying", "rebooting", "renaming", "resetting-master-credentials",
            "starting", "stopping", "stopped", "storage-optimization", "upgrading", "configuring-enhanced-monitoring",
            "configuring-iam-database-auth", "configuring-log-exports", "converting-to-vpc", "moving-to-vpc", "maintenance",
            "storage-initialization", "storage-config-upgrade", "a-status-aws-adds-next-year"})
    void classify_transitionalStatus_isInProgress(String status) {
        assertThat(InstanceStatus.classify(status)).isEqualTo(Progress.IN_PROGRESS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"failed", "incompatible-restore", "incompatible-parameters", "incompatible-network",
            "incompatible-option-group", "incompatible-credentials", "incompatible-create", "inaccessible-encryption-credentials",
            "inaccessible-encryption-credentials-recoverable", "insufficient-capacity", "storage-full", "restore-error",
            "deleting", "delete-precheck"})
    void classify_terminalStatus_failsAtOnce(String status) {
        assertThat(InstanceStatus.classify(status)).isEqualTo(Progress.FAILED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"failed", "incompatible-restore", "incompatible-parameters", "incompatible-network",
            "incompatible-option-group", "incompatible-credentials", "inaccessible-encryption-credentials",
            "inaccessible-encryption-credentials-recoverable", "storage-full", "restore-error"})
    void terminalSet_holdsEveryDocumentedFailureStatus(String status) {
        assertThat(InstanceStatus.TERMINAL).contains(status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloning-failed", "migration-failed"})
    void classify_failedClusterStatus_failsAtOnceInsteadOfPollingUntilTheTimeout(String status) {
        assertThat(InstanceStatus.classify(status)).isEqualTo(Progress.FAILED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"available", "stopping", "starting", "backing-up"})
    void towardsStopped_anyLiveStatus_isInProgress(String status) {
        assertThat(InstanceStatus.towards(InstanceStatus.STOPPED, status)).isEqualTo(Progress.IN_PROGRESS);
    }

    @Test
    void towardsStopped_stopped_isDone() {
        assertThat(InstanceStatus.towards(InstanceStatus.STOPPED, "stopped")).isEqualTo(Progress.DONE);
    }

    @Test
    void classify_unknownYet_isInProgress() {
        assertThat(InstanceStatus.classify(null)).isEqualTo(Progress.IN_PROGRESS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"storage-full", "failed"})
    void towardsStopped_terminalStatus_fails(String status) {
        assertThat(InstanceStatus.towards(InstanceStatus.STOPPED, status)).isEqualTo(Progress.FAILED);
    }
}
