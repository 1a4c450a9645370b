package io.dbrefresh.steps;

import static io.dbrefresh.rds.RdsStubs.arn;
import static io.dbrefresh.rds.RdsStubs.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.RdsStubs;
import io.dbrefresh.rds.TargetTags;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.testing.Plans;

class FixTagsTest extends StepHandlerFixture {

    private static final Instant ALIGNED = Instant.parse("2024-05-01T10:15:00Z");

    private final FixTags handler = new FixTags(env);
    private final RefreshPlan plan = Plans.plan("prod", "qa", Plans.restore(RestoreType.FROM_SNAPSHOT, "prod", "qa"), null, null);

    @Test
    void start_givesTheTargetTheOldTargetsTagsRecordedByPerformRestore() {
        RdsStubs.describes(rds, instance("qa", "available").build());
        RdsStubs.tags(rds, arn("qa"), Map.of("owner", "dba", "pci", "in-scope"));
        StepResult restored = StepResult.started("performRestore", 60, NOW, "qatemp", "restored", true)
                .withAlignedTo(ALIGNED).withSnapshot("prod-weekly").withTags(Map.of("owner", "qa-team"));

        StepResult result = handler.handle(input(plan, Map.of(StepId.PERFORM_RESTORE, restored)));

        assertThat(result.tags()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "owner", "qa-team",
                "dbrefresh:managed", "true",
                "dbrefresh:execution", EXECUTION,
                "dbrefresh:refreshed-at", NOW.toString(),
                "dbrefresh:source", "prod",
                "dbrefresh:restore-type", "fromsnapshot",
                "dbrefresh:aligned-to", ALIGNED.toString(),
                "dbrefresh:snapshot", "prod-weekly"));
        assertThat(result.resource()).isEqualTo("qa");
    }

    @Test
    void start_withoutPerformRestoresResult_failsRatherThanStrippingTags() {
        assertThatThrownBy(() -> handler.handle(input(plan))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("perform-restore");
    }
}
