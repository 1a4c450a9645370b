package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The plan as the state machine receives it in $.plan. */
class PlanJsonTest {

    @Test
    void plan_survivesAJsonRoundTrip() throws Exception {
        RefreshPlan plan = Fixture.of("aurora.json")
                .with("/restore/restoretype", "restorepoint")
                .with("/restore/restoretime", "2026-11-20T03:00:00Z")
                .with("/createreplicas/replicas", "auposinstd-b_db.r6g.large")
                .with("/createreplicas/torun", true)
                .with("/changemasterpwd/secretname", "/dev/app2/auposclud")
                .with("/changemasterpwd/torun", true)
                .plan();

        String json = Json.MAPPER.writeValueAsString(plan);

        assertThat(Json.MAPPER.readValue(json, RefreshPlan.class)).isEqualTo(plan);
    }

    @Test
    void stepKeys_areTheStepIds_thatTheStateMachineReads() throws Exception {
        JsonNode json = Json.MAPPER.valueToTree(Fixture.of("rds.json").plan());

        assertThat(json.at("/steps/performRestore/run").asBoolean()).isTrue();
        assertThat(json.at("/steps/createInstance/run").asBoolean()).isFalse();
        assertThat(json.at("/steps/renameDatabase/maxPolls").asInt()).isEqualTo(240);
        assertThat(json.at("/steps/performRestore/id").asText()).isEqualTo("performRestore");
    }

    @Test
    void instants_areIsoText_andNullsAreLeftOut() {
        JsonNode json = Json.MAPPER.valueToTree(Fixture.of("rds.json")
                .with("/restore/restoretype", "restorepoint")
                .with("/restore/restoretime", "2026-11-20T03:00:00Z")
                .plan());

        assertThat(json.at("/restore/restoreTime").asText()).isEqualTo("2026-11-20T03:00:00Z");
        assertThat(json.at("/restore").has("snapshot")).isFalse();
    }

    @Test
    void legacyPassword_neverAppearsInThePlanJson() throws Exception {
        RefreshPlan plan = Fixture.of("rds.json")
                .with("/changemasterpwd/temppwd", "s3cretPassw0rd")
                .with("/changemasterpwd/torun", true)
                .with("/runscripts/engine", "mysql")
                .with("/runscripts/access", "pwd")
                .with("/runscripts/temppwd", "s3cretPassw0rd")
                .with("/runscripts/bucketname", "app1-scripts")
                .with("/runscripts/prefix", "sql")
                .with("/runscripts/keys", "01.sql")
                .with("/runscripts/torun", true)
                .plan();

        String json = Json.MAPPER.writeValueAsString(plan);

        assertThat(plan.password().tempPassword()).isEqualTo("s3cretPassw0rd");
        assertThat(plan.scripts().tempPassword()).isEqualTo("s3cretPassw0rd");
        assertThat(json).doesNotContain("s3cretPassw0rd").doesNotContain("tempPassword");
        assertThat(plan.password().toString()).doesNotContain("s3cretPassw0rd");
    }
}
