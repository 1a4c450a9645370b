package io.dbrefresh.steps;

import static io.dbrefresh.rds.RdsStubs.instance;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.InstanceShutdown;
import io.dbrefresh.rds.RdsStubs;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.testing.Plans;

class StopOldDatabaseTest extends StepHandlerFixture {

    private final StopOldDatabase handler = new StopOldDatabase(env, new InstanceShutdown(instances));
    private final RefreshPlan plan = Plans.plan("prod", "qa", Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), null, null);

    @Test
    void start_stopsTheOldTargetAndSaysThisExecutionStoppedIt() {
        RdsStubs.describes(rds, instance("qa", "available").build());

        StepResult result = handler.handle(input(plan));

        assertThat(result.acted()).isTrue();
        assertThat(result.resource()).isEqualTo("qa");
        assertThat(result.waitSeconds()).as("the model's clean shutdown: 4 minutes, within the 5-minute bound").isEqualTo(240);
    }

    @Test
    void start_alreadyStopped_saysItDidNotActAndAsksForNoWait() {
        RdsStubs.describes(rds, instance("qa", "stopped").build());

        StepResult result = handler.handle(input(plan));

        assertThat(result.acted()).isFalse();
        assertThat(result.waitSeconds()).isZero();
        assertThat(result.message()).contains("already stopped");
    }
}
