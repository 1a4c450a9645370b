package io.dbrefresh.steps;

import static io.dbrefresh.rds.RdsStubs.instance;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.RdsStubs;
import io.dbrefresh.rds.ReadReplicas;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.Replica;
import io.dbrefresh.refreshfile.ReplicaDescription;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.testing.Plans;

class DeleteReplicasTest extends StepHandlerFixture {

    private final DeleteReplicas handler = new DeleteReplicas(env);
    private final RefreshPlan plan = Plans.plan("prod", "qa", Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), null, null);

    @Test
    void start_remembersEveryReplicaItDeletes() {
        RdsStubs.describes(rds, instance("qa", "available").readReplicaDBInstanceIdentifiers("qa-r1", "qa-r2").build());
        RdsStubs.describes(rds, instance("qa-r1", "available").dbInstanceClass("db.t3.small").availabilityZone("us-east-1a").build());
        RdsStubs.describes(rds, instance("qa-r2", "available").dbInstanceClass("db.t3.medium").availabilityZone("us-east-1b").build());

        StepResult result = handler.handle(input(plan));

        assertThat(result.replicas()).containsExactly(new Replica("qa-r1", "db.t3.small"), new Replica("qa-r2", "db.t3.medium"));
        assertThat(result.replicaDetails()).extracting(ReplicaDescription::availabilityZone).containsExactly("us-east-1a", "us-east-1b");
        assertThat(result.acted()).isTrue();
        assertThat(result.resource()).isEqualTo("qa");
    }
}
