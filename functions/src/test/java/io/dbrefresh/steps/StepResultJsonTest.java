package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.Replica;
import io.dbrefresh.refreshfile.ReplicaDescription;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.testing.Plans;

class StepResultJsonTest {

    @Test
    void results_surviveTheStateMachinesJsonUnchanged() throws Exception {
        Instant t = Instant.parse("2024-05-01T10:15:00Z");
        StepResult removed = StepResult.started("deleteReplicas", 60, t, "qa", "deleting", true)
                .withReplicas(List.of(new Replica("qa-r1", "db.t3.small")))
                .withReplicaDetails(List.of(new ReplicaDescription("qa-r1", "db.t3.small", "us-east-1a", "pg", Map.of("team", "bi"))));
        StepResult restored = StepResult.started("performRestore", 60, t, "qatemp", "restoring", true)
                .withAlignedTo(t).withTags(Map.of("owner", "qa-team"));
        StepInput input = new StepInput(Plans.plan("prod", "qa", Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), null, null),
                Map.of(StepId.DELETE_REPLICAS, removed, StepId.PERFORM_RESTORE, restored), new ExecutionRef("arn", "e1"),
                StepId.PERFORM_RESTORE, null, null);

        String json = Json.MAPPER.writeValueAsString(input);
        StepInput back = Json.MAPPER.readValue(json, StepInput.class);

        assertThat(json).contains("\"deleteReplicas\"").contains("\"performRestore\"");
        assertThat(back.result(StepId.DELETE_REPLICAS)).isEqualTo(removed);
        assertThat(back.result(StepId.PERFORM_RESTORE)).isEqualTo(restored);
    }
}
