package io.dbrefresh.rds;

import static io.dbrefresh.rds.RdsStubs.arn;
import static io.dbrefresh.rds.RdsStubs.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.UnsafeTargetException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

class InstanceRenameTest {

    private static final String EXECUTION = "refresh-qa-42";

    private final RdsClient rds = RdsStubs.rds();
    private final InstanceRename rename = new InstanceRename(new RdsInstances(rds));

    @Test
    void rename_tempOfThisExecution_getsTheTargetNameImmediately() {
        RdsStubs.describes(rds, instance("qatemp", "available").build());
        RdsStubs.tags(rds, arn("qatemp"), Map.of("dbrefresh:execution", EXECUTION));

        rename.rename("qatemp", "qa", EXECUTION);

        ArgumentCaptor<ModifyDbInstanceRequest> modify = ArgumentCaptor.forClass(ModifyDbInstanceRequest.class);
        verify(rds).modifyDBInstance(modify.capture());
        assertThat(modify.getValue().dbInstanceIdentifier()).isEqualTo("qatemp");
        assertThat(modify.getValue().newDBInstanceIdentifier()).isEqualTo("qa");
        assertThat(modify.getValue().applyImmediately()).isTrue();
    }

    @Test
    void rename_givesTheCopyThePublicAccessTheOldTargetHad() {
        RdsStubs.describes(rds, instance("qatemp", "available").publiclyAccessible(false).build());
        RdsStubs.tags(rds, arn("qatemp"), Map.of("dbrefresh:execution", EXECUTION, "dbrefresh:publicly-accessible", "true"));

        rename.rename("qatemp", "qa", EXECUTION);

        ArgumentCaptor<ModifyDbInstanceRequest> modify = ArgumentCaptor.forClass(ModifyDbInstanceRequest.class);
        verify(rds).modifyDBInstance(modify.capture());
        assertThat(modify.getValue().newDBInstanceIdentifier()).isEqualTo("qa");
        assertThat(modify.getValue().publiclyAccessible()).isTrue();
    }

    @Test
    void rename_withoutAnOldTargetsValue_leavesTheCopyPrivate() {
        RdsStubs.describes(rds, instance("qatemp", "available").publiclyAccessible(false).build());
        RdsStubs.tags(rds, arn("qatemp"), Map.of("dbrefresh:execution", EXECUTION));

        rename.rename("qatemp", "qa", EXECUTION);

        ArgumentCaptor<ModifyDbInstanceRequest> modify = ArgumentCaptor.forClass(ModifyDbInstanceRequest.class);
        verify(rds).modifyDBInstance(modify.capture());
        assertThat(modify.getValue().publiclyAccessible()).as("not made public by the rename").isNull();
    }

    @Test
    void rename_targetNameStillTaken_isRefused() {
        RdsStubs.describes(rds, instance("qatemp", "available").build());
        RdsStubs.tags(rds, arn("qatemp"), Map.of("dbrefresh:execution", EXECUTION));
        RdsStubs.describes(rds, instance("qa", "stopped").build());

        assertThatThrownBy(() -> rename.rename("qatemp", "qa", EXECUTION))
                .isInstanceOf(UnsafeTargetException.class).hasMessageContaining("still exists");
        verify(rds, never()).modifyDBInstance(any(ModifyDbInstanceRequest.class));
    }

    @Test
    void rename_tempNotRestoredByThisExecution_isRefused() {
        RdsStubs.describes(rds, instance("qatemp", "available").build());
        RdsStubs.tags(rds, arn("qatemp"), Map.of("dbrefresh:execution", "an-older-run"));

        assertThatThrownBy(() -> rename.rename("qatemp", "qa", EXECUTION)).isInstanceOf(UnsafeTargetException.class);
        verify(rds, never()).modifyDBInstance(any(ModifyDbInstanceRequest.class));
    }

    @Test
    void rename_retriedAfterTheRename_reportsProgressWithoutRenamingAgain() {
        RdsStubs.describes(rds, instance("qa", "renaming").build());
        RdsStubs.tags(rds, arn("qa"), Map.of("dbrefresh:execution", EXECUTION));

        InstanceRename.Rename renamed = rename.rename("qatemp", "qa", EXECUTION);

        assertThat(renamed.resumed()).isTrue();
        verify(rds, never()).modifyDBInstance(any(ModifyDbInstanceRequest.class));
    }

    @Test
    void progress_doneWhenTheTargetNameIsAvailableAndIsThisExecutionsCopy() {
        RdsStubs.describes(rds, instance("qa", "renaming").build(), instance("qa", "available").build());
        RdsStubs.tags(rds, arn("qa"), Map.of("dbrefresh:execution", EXECUTION));

        assertThat(rename.progress("qatemp", "qa", EXECUTION).progress()).isEqualTo(Progress.IN_PROGRESS);
        assertThat(rename.progress("qatemp", "qa", EXECUTION).progress()).isEqualTo(Progress.DONE);
    }

    @Test
    void progress_targetAvailableButNotThisExecutionsCopy_fails() {
        RdsStubs.describes(rds, instance("qa", "available").build());

        assertThat(rename.progress("qatemp", "qa", EXECUTION).progress()).isEqualTo(Progress.FAILED);
    }
}
