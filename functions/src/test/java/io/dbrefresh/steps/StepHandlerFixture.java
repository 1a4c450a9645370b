package io.dbrefresh.steps;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.RdsStubs;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.services.rds.RdsClient;

/** What the start-handler tests share: a mocked RDS, a fixed clock, an execution. */
abstract class StepHandlerFixture {

    static final String EXECUTION = "refresh-qa-42";
    static final Instant NOW = Instant.parse("2024-05-01T10:20:30Z");

    final RdsClient rds = RdsStubs.rds();
    final RdsInstances instances = new RdsInstances(rds);
    final StepEnvironment env = new StepEnvironment(clientsOver(rds), Clock.fixed(NOW, ZoneOffset.UTC), null, null, null);

    /** The handlers build their collaborators from the environment's clients: here, RDS alone, mocked. */
    private static AwsClients clientsOver(RdsClient rds) {
        AwsClients aws = mock(AwsClients.class);
        when(aws.rds()).thenReturn(rds);
        return aws;
    }

    static StepInput input(RefreshPlan plan) {
        return input(plan, Map.of());
    }

    static StepInput input(RefreshPlan plan, Map<StepId, StepResult> results) {
        return new StepInput(plan, new HashMap<>(results),
                new ExecutionRef("arn:aws:states:us-east-1:123456789012:execution:refresh:" + EXECUTION, EXECUTION), null, null, null);
    }
}
