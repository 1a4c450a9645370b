package io.dbrefresh.steps;

import static io.dbrefresh.rds.RdsStubs.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.UnsafeTargetException;
import io.dbrefresh.rds.InstanceDeletion;
import io.dbrefresh.rds.RdsStubs;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.testing.Plans;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;

class DeleteOldDatabaseTest extends StepHandlerFixture {

    private final DeleteOldDatabase handler = new DeleteOldDatabase(env);

    private static RefreshPlan plan(boolean finalSnapshot) {
        return Plans.plan("prod", "qa", Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), Plans.delete("qa", finalSnapshot, false), null,
                60, 60);
    }

    @Test
    void start_recordsTheFinalSnapshotNameInItsResult() {
        RdsStubs.describes(rds, instance("qa", "stopped").build());
        RdsStubs.describes(rds, instance("qatemp", "available").build());

        StepResult result = handler.handle(input(plan(true)));

        assertThat(result.snapshot()).isEqualTo("qa-final-20240501102030");
        assertThat(result.resource()).isEqualTo("qa");
        assertThat(result.acted()).isTrue();
        // the model: a deletion (420 s) with a final snapshot (180 s + 1 s per GiB of the default 100)
        assertThat(result.waitSeconds()).isEqualTo(700);
    }

    @Test
    void start_planWithoutFinalSnapshot_skipsIt() {
        RdsStubs.describes(rds, instance("qa", "stopped").build());
        RdsStubs.describes(rds, instance("qatemp", "available").build());

        StepResult result = handler.handle(input(plan(false)));

        ArgumentCaptor<DeleteDbInstanceRequest> delete = ArgumentCaptor.forClass(DeleteDbInstanceRequest.class);
        verify(rds).deleteDBInstance(delete.capture());
        assertThat(delete.getValue().skipFinalSnapshot()).isTrue();
        assertThat(result.snapshot()).isNull();
    }

    @Test
    void start_targetAbsent_skipsWithNothingToWaitFor() {
        StepResult result = handler.handle(input(plan(true)));

        assertThat(result.acted()).isFalse();
        assertThat(result.waitSeconds()).isZero();
        assertThat(result.message()).contains("absent");
    }

    @Test
    void start_targetThatIsTheSource_isRefusedBeforeAnyCall() {
        RefreshPlan unsafe = Plans.plan("qa", "qa", Plans.restore(RestoreType.LATEST_POINT, "qa", "qa"), Plans.delete("qa", true, false), null);

        assertThatThrownBy(() -> handler.handle(input(unsafe))).isInstanceOf(UnsafeTargetException.class).hasMessageContaining("source");
        verifyNoInteractions(rds);
    }
}
