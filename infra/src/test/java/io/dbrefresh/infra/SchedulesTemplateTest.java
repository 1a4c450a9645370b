package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import io.dbrefresh.fleet.FleetExecutionInput;
import io.dbrefresh.fleet.FleetFiles;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.steps.StepRegistry;

class SchedulesTemplateTest {

    private final Template template = TestDeployments.fullyConfigured().template();

    @Test
    void everyRefreshFileAndFleetFileWithASchedule_getsOneSchedule_andOthersNone() {
        // two refresh files and one fleet file (of two) declare a schedule
        template.resourceCountIs("AWS::Scheduler::Schedule", 3);
        template.hasResourceProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of(
                "ScheduleExpression", "cron(0 3 ? * MON-FRI *)", "State", "ENABLED")));
        template.hasResourceProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of(
                "ScheduleExpression", "cron(0 2 ? * SUN#1 *)")));
    }

    @Test
    void aSchedule_startsTheStateMachineWithTheRefreshFileAsInput() throws IOException {
        String file = Files.readString(TestDeployments.SCHEDULED_FILES.resolve("app1-mysql-weeknights.json")).strip();
        template.hasResourceProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of(
                "ScheduleExpression", "cron(0 3 ? * MON-FRI *)",
                "FlexibleTimeWindow", Map.of("Mode", "OFF"),
                "Target", Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", Match.stringLikeRegexp("RefreshStateMachine.*")),
                        "RoleArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("SchedulerRole.*"), "Arn")),
                        "Input", file)))));
    }

    @Test
    void aScheduledFleet_startsTheFleetStateMachineWithTheInputStartFleetBuilds() throws IOException {
        String expected = FleetExecutionInput.of(FleetFiles.read(TestDeployments.SCHEDULED_FILES.resolve("fleets/nightly.json")).fleet())
                .toString();
        Map<String, Map<String, Object>> fleetSchedules = template.findResources("AWS::Scheduler::Schedule",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("ScheduleExpression", "cron(30 1 ? * * *)")))));
        assertThat(fleetSchedules).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) ((Map<String, Object>) fleetSchedules.values().iterator().next()
                .get("Properties")).get("Target");
        assertThat(target.get("Arn")).isEqualTo(Map.of("Ref", fleetStateMachineId()));
        assertThat(target.get("RoleArn")).isEqualTo(Map.of("Fn::GetAtt", List.of(fleetSchedulerRoleId(), "Arn")));
        assertThat(target.get("Input")).isEqualTo(expected);
        // the input is the fleet, not the fleet file: the refresh files themselves, aligned when it runs
        assertThat(Json.MAPPER.readTree((String) target.get("Input")).path("waves").get(0)).hasSize(2);
        assertThat(Json.MAPPER.readTree((String) target.get("Input")).path("fleet").path("align").asBoolean()).isTrue();
    }

    private String fleetStateMachineId() {
        return onlyId("AWS::StepFunctions::StateMachine", "FleetStateMachine");
    }

    private String fleetSchedulerRoleId() {
        return onlyId("AWS::IAM::Role", "FleetSchedulerRole");
    }

    private String onlyId(String type, String prefix) {
        List<String> ids = template.findResources(type).keySet().stream().filter(id -> id.startsWith(prefix))
                .filter(id -> !id.startsWith(prefix + "Role") && !id.startsWith(prefix + "Logs")).toList();
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    @Test
    void theSchedulerRole_isAssumableOnlyBySchedulerForThisAccount() {
        template.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of(
                "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "scheduler.amazonaws.com"),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")))))))))));
    }

    @Test
    void withoutScheduledFiles_thereIsNoScheduleNorSchedulerRole() {
        Template none = TestDeployments.defaults().template();
        none.resourceCountIs("AWS::Scheduler::Schedule", 0);
        assertThat(none.findResources("AWS::IAM::Role", Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                "AssumeRolePolicyDocument", Match.serializedJson(Match.stringLikeRegexp(".*scheduler.*")))))))).isEmpty();
    }

    @Test
    void aScheduledFileWithAPlainTextPassword_stopsSynthesis() {
        assertThatThrownBy(() -> TestDeployments.synth(
                Map.of("refreshFiles", TestDeployments.FIXTURES.resolve("refresh-files-with-password").toString()),
                StepRegistry.all()))
                .isInstanceOf(InvalidDeploymentSettingsException.class)
                .hasMessageContaining("legacy-temppwd.json")
                .hasMessageContaining("temppwd")
                .hasMessageNotContaining("not-a-real-password-1");
    }
}
