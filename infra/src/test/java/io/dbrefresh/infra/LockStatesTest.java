package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Where the lock sits in the generated definition: taken before anything runs, released on both paths. */
class LockStatesTest {

    private final JsonNode states = StateMachineDefinition.build().get("States");

    @Test
    void theLockIsTakenRightAfterValidationBeforeAnyStep() {
        assertThat(states.path("validate-refresh-file").path("Next").asText()).isEqualTo("acquire-lock");
        assertThat(states.path("acquire-lock").path("Next").asText()).isEqualTo("guard-target");
        // its answer stays in the history: what it leaves in the state is the empty results map the steps write under
        assertThat(states.path("acquire-lock").path("ResultSelector").isObject()).isTrue();
        assertThat(states.path("acquire-lock").path("ResultSelector").isEmpty()).isTrue();
        assertThat(states.path("acquire-lock").path("ResultPath").asText()).isEqualTo("$.results");
        assertThat(states.path("acquire-lock").path("Resource").asText()).isEqualTo("${AcquireLockFunctionArn}");
        assertThat(states.path("acquire-lock").path("Parameters").path("execution").path("id.$").asText())
                .isEqualTo("$$.Execution.Id");
    }

    @Test
    void aLockThatCannotBeTakenFailsWithoutRecoveryOrRelease() {
        JsonNode c = states.path("acquire-lock").path("Catch").get(0);
        assertThat(c.path("Next").asText()).isEqualTo("target-locked");
        assertThat(states.path("target-locked").path("Type").asText()).isEqualTo("Fail");
        assertThat(states.path("target-locked").path("ErrorPath").asText()).isEqualTo("$.error.Error");
    }

    @Test
    void bothEndingsGoThroughUpdateDynamoDbWhichReleases() {
        String fn = "${UpdateDynamoDbFunctionArn}";
        assertThat(states.path("update-dynamodb").path("Resource").asText()).isEqualTo(fn);
        assertThat(states.path("update-dynamodb-failure").path("Resource").asText()).isEqualTo(fn);
        assertThat(states.path("recover").path("Next").asText()).isEqualTo("update-dynamodb-failure");
    }
}
