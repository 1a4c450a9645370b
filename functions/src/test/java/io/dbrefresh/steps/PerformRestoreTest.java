package io.dbrefresh.steps;

import static io.dbrefresh.rds.RdsStubs.arn;
import static io.dbrefresh.rds.RdsStubs.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.execution.UnsafeTargetException;
import io.dbrefresh.rds.InstanceRestore;
import io.dbrefresh.rds.RdsStubs;
import io.dbrefresh.rds.Snapshots;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.testing.Plans;

class PerformRestoreTest extends StepHandlerFixture {

    private static final Instant LATEST = Instant.parse("2024-05-01T10:15:00Z");

    private final PerformRestore handler = new PerformRestore(env);
    private final RefreshPlan plan = Plans.plan("prod", "qa", Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), null, null, 60, 240);

    private void sourceAndOldTarget() {
        RdsStubs.describes(rds, instance("prod", "available").latestRestorableTime(LATEST).allocatedStorage(50).build());
        RdsStubs.describes(rds, instance("qa", "stopped").build());
        RdsStubs.tags(rds, arn("qa"), Map.of("owner", "qa-team"));
    }

    @Test
    void start_reportsTheRestoreInProgressWithWhatLaterStepsNeed() {
        sourceAndOldTarget();

        StepResult result = handler.handle(input(plan));

        assertThat(result.step()).isEqualTo("performRestore");
        assertThat(result.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(result.polls()).isZero();
        // the first check at the restore's expected end for the source's 50 GiB: 900 s + 6 s per GiB
        assertThat(result.waitSeconds()).isEqualTo(1200);
        assertThat(result.sizeGiB()).as("the copy's size, for the later steps' schedules").isEqualTo(50);
        assertThat(result.startedAt()).isEqualTo(NOW);
        assertThat(result.resource()).isEqualTo("qatemp");
        assertThat(result.alignedTo()).isEqualTo(LATEST);
        assertThat(result.tags()).as("the old target's tags, for fix-tags").containsExactlyEntriesOf(Map.of("owner", "qa-team"));
        assertThat(result.acted()).isTrue();
    }

    @Test
    void start_throughTheJsonDoor_returnsTheSameResultAsJson() throws Exception {
        sourceAndOldTarget();
        String json = Json.MAPPER.writeValueAsString(input(plan));

        StepResult result = Json.MAPPER.readValue(handler.handle(json), StepResult.class);

        assertThat(result.resource()).isEqualTo("qatemp");
        assertThat(result.alignedTo()).isEqualTo(LATEST);
        assertThat(result.tags()).containsEntry("owner", "qa-team");
    }

    @Test
    void start_tempNamedLikeTheSource_isRefusedBeforeAnyCall() {
        RefreshPlan unsafe = Plans.plan("qatemp", "qa", Plans.restore(RestoreType.LATEST_POINT, "qatemp", "qa"), null, null);

        assertThatThrownBy(() -> handler.handle(input(unsafe))).isInstanceOf(UnsafeTargetException.class);
        verifyNoInteractions(rds);
    }
}
