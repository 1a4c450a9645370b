package io.dbrefresh.steps;

import static io.dbrefresh.rds.RdsStubs.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.RdsStubs;
import io.dbrefresh.rds.ReadReplicas;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.Replica;
import io.dbrefresh.refreshfile.ReplicaDescription;
import io.dbrefresh.refreshfile.ReplicaSpec;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.testing.Plans;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceReadReplicaRequest;

class CreateReadReplicasTest extends StepHandlerFixture {

    private final CreateReadReplicas handler = new CreateReadReplicas(env);

    private static RefreshPlan plan(ReplicaSpec replicas) {
        return Plans.plan("prod", "qa", Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), null, replicas);
    }

    private static StepResult removed() {
        return StepResult.started("deleteReplicas", 60, NOW, "qa", "deleted", true)
                .withReplicas(List.of(new Replica("qa-r1", "db.t3.small")))
                .withReplicaDetails(List.of(new ReplicaDescription("qa-r1", "db.t3.small", "us-east-1b", null, Map.of())));
    }

    private List<CreateDbInstanceReadReplicaRequest> created(int count) {
        ArgumentCaptor<CreateDbInstanceReadReplicaRequest> captor = ArgumentCaptor.forClass(CreateDbInstanceReadReplicaRequest.class);
        verify(rds, times(count)).createDBInstanceReadReplica(captor.capture());
        return captor.getAllValues();
    }

    @Test
    void start_recreatesWhatDeleteReplicasRemovedWhereItWas() {
        RdsStubs.describes(rds, instance("qa", "available").build());

        StepResult result = handler.handle(input(plan(Plans.replicasAsBefore()), Map.of(StepId.DELETE_REPLICAS, removed())));

        CreateDbInstanceReadReplicaRequest r = created(1).getFirst();
        assertThat(r.dbInstanceIdentifier()).isEqualTo("qa-r1");
        assertThat(r.dbInstanceClass()).isEqualTo("db.t3.small");
        assertThat(r.availabilityZone()).isEqualTo("us-east-1b");
        assertThat(result.replicas()).containsExactly(new Replica("qa-r1", "db.t3.small"));
        assertThat(result.acted()).isTrue();
    }

    @Test
    void start_replicasListedInThePlan_areCreatedInstead() {
        RdsStubs.describes(rds, instance("qa", "available").build());
        ReplicaSpec listed = new ReplicaSpec(List.of(new Replica("qa-ro1", "db.t3.large"), new Replica("qa-ro2", "db.t3.large")),
                null, null, null, null, null);

        handler.handle(input(plan(listed), Map.of(StepId.DELETE_REPLICAS, removed())));

        assertThat(created(2)).extracting(CreateDbInstanceReadReplicaRequest::dbInstanceIdentifier).containsExactly("qa-ro1", "qa-ro2");
    }

    @Test
    void start_noReplicasBeforeAndNoneListed_createsNothingAndAsksForNoWait() {
        RdsStubs.describes(rds, instance("qa", "available").build());

        StepResult result = handler.handle(input(plan(Plans.replicasAsBefore())));

        verify(rds, never()).createDBInstanceReadReplica(any(CreateDbInstanceReadReplicaRequest.class));
        assertThat(result.waitSeconds()).isZero();
        assertThat(result.acted()).isFalse();
    }
}
