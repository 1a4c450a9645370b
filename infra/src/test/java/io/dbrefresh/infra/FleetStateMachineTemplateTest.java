package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.refreshfile.Json;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The fleet state machine: runs the refresh state machine per file, and may do nothing else. */
class FleetStateMachineTemplateTest {

    private final Template template = TestDeployments.defaults().template();

    @Test
    void fleetStateMachine_isDeployedBesideTheRefreshOne_withItsOwnLogsAndTraces() {
        template.resourceCountIs("AWS::StepFunctions::StateMachine", 2);
        assertThat(StepFunctionsTemplateTest.properties(StateMachineTemplateTest.machine(template, "FleetStateMachine")))
                .containsEntry("TracingConfiguration", Map.of("Enabled", true))
                .containsEntry("StateMachineType", "STANDARD");
        template.hasResourceProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of(
                "LogGroupName", Match.stringLikeRegexp("/aws/vendedlogs/states/.*-fleet"))));
        template.hasOutput("FleetStateMachineArn", Match.objectLike(Map.of(
                "Value", Map.of("Ref", Match.stringLikeRegexp("FleetStateMachine[0-9A-F]{8}")))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void fleetStateMachine_startsTheRefreshStateMachineAsChildren_andNamesItsTableAndTopic() {
        Map<String, Object> subs = (Map<String, Object>) StepFunctionsTemplateTest.properties(
                StateMachineTemplateTest.machine(template, "FleetStateMachine")).get("DefinitionSubstitutions");
        assertThat(TemplateStatements.flatten(subs.get(FleetDefinition.REFRESH_ARN))).matches("\\$\\{RefreshStateMachine[0-9A-F]{8}}");
        assertThat(TemplateStatements.flatten(subs.get(FleetDefinition.ALIGN_ARN))).matches("\\$\\{AlignFleet.*Alias.*}");
        assertThat(TemplateStatements.flatten(subs.get(FleetDefinition.TABLE))).matches("\\$\\{History[0-9A-F]{8}}");
        assertThat(TemplateStatements.flatten(subs.get(FleetDefinition.TOPIC))).matches("\\$\\{Notifications[0-9A-F]{8}}");
    }

    @Test
    void fleetRole_mayStartAndFollowOnlyTheRefreshStateMachine_invokeItsAlignment_recordAndAnnounce_andNothingElse() {
        String role = StateMachineTemplateTest.role(template, "FleetStateMachine");
        List<TemplateStatements.Statement> statements = TemplateStatements.ofRole(template, role);

        // the refresh state machine's executions, and the Distributed Map's iterations: child executions of the fleet's own
        assertThat(statements).filteredOn(s -> s.actions().contains("states:StartExecution"))
                .allSatisfy(s -> assertThat(s.actions()).containsExactly("states:StartExecution"))
                .flatMap(TemplateStatements.Statement::flatResources).map(String::valueOf).satisfiesExactlyInAnyOrder(
                        r -> assertThat(r).matches("\\$\\{RefreshStateMachine[0-9A-F]{8}}"),
                        r -> assertThat(r).matches("\\$\\{FleetStateMachine[0-9A-F]{8}}"));
        assertThat(statements).filteredOn(s -> s.actions().contains("states:DescribeExecution"))
                .allSatisfy(s -> assertThat(s.actions()).containsExactlyInAnyOrder("states:DescribeExecution", "states:StopExecution"))
                .flatMap(TemplateStatements.Statement::flatResources).map(String::valueOf).satisfiesExactlyInAnyOrder(
                        r -> assertThat(r).matches("arn:\\$\\{AWS::Partition}:states:\\$\\{AWS::Region}:\\$\\{AWS::AccountId}:execution:"
                                + "\\$\\{RefreshStateMachine[0-9A-F]{8}\\.Name}:\\*"),
                        r -> assertThat(r).matches("arn:\\$\\{AWS::Partition}:states:\\$\\{AWS::Region}:\\$\\{AWS::AccountId}:execution:"
                                + "\\$\\{FleetStateMachine[0-9A-F]{8}\\.Name}/\\*"));
        assertThat(statements).filteredOn(s -> s.actions().contains("dynamodb:PutItem")).singleElement().satisfies(s -> {
            assertThat(s.actions()).containsExactly("dynamodb:PutItem");
            assertThat(s.flatResources()).singleElement().asString().matches("\\$\\{History[0-9A-F]{8}\\.Arn}");
        });
        assertThat(statements).filteredOn(s -> s.actions().contains("sns:Publish")).singleElement()
                .satisfies(s -> assertThat(s.flatResources()).singleElement().asString().matches("\\$\\{Notifications[0-9A-F]{8}}"));
        assertThat(statements).filteredOn(s -> s.actions().contains("lambda:InvokeFunction")).singleElement()
                .satisfies(s -> assertThat(s.flatResources()).singleElement().asString().matches("\\$\\{AlignFleet.*Alias.*}"));
        assertThat(statements).flatMap(TemplateStatements.Statement::actions).allMatch(a -> List.of(
                "lambda:InvokeFunction", "states:StartExecution", "states:DescribeExecution", "states:StopExecution",
                "events:PutTargets", "events:PutRule", "events:DescribeRule",
                "dynamodb:PutItem", "sns:Publish", "kms:Decrypt", "kms:GenerateDataKey").contains(a)
                || a.startsWith("logs:") || a.startsWith("xray:"), "an action of the fleet's job");
        assertThat(statements).filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("events:")))
                .flatMap(TemplateStatements.Statement::flatResources).singleElement().asString()
                .endsWith(":rule/StepFunctionsGetEventsForStepFunctionsExecutionRule");
    }

    @Test
    void definition_runsEachFileAsAChildExecution_isolatesItsFailure_andBoundsTheWaveByTheFleetsConcurrency() throws Exception {
        JsonNode d = Json.MAPPER.readTree(FleetDefinition.json());
        JsonNode refreshes = d.path("States").path(FleetDefinition.REFRESHES);
        assertThat(refreshes.path("Type").asText()).isEqualTo("Map");
        assertThat(refreshes.path("ItemsPath").asText()).as("one wave at a time").isEqualTo("$.current.items");
        assertThat(refreshes.path("MaxConcurrencyPath").asText()).isEqualTo("$.maxConcurrency");
        JsonNode refresh = refreshes.path("ItemProcessor").path("States").path(FleetDefinition.REFRESH);
        assertThat(refresh.path("Resource").asText()).isEqualTo("arn:aws:states:::states:startExecution.sync:2");
        assertThat(refresh.path("Parameters").path("StateMachineArn").asText()).isEqualTo("${RefreshStateMachineArn}");
        assertThat(refresh.path("TimeoutSeconds").asInt()).as("outlasts the child's own bound")
                .isGreaterThan(io.dbrefresh.steps.StateNames.EXECUTION_TIMEOUT_SECONDS);
        assertThat(d.path("TimeoutSeconds").asInt()).isEqualTo(FleetDefinition.FLEET_TIMEOUT_SECONDS);
        assertThat(refresh.path("Catch").get(0).path("ErrorEquals").get(0).asText()).isEqualTo("States.ALL");
        assertThat(refresh.path("Catch").get(0).path("Next").asText()).isEqualTo(FleetDefinition.EXPLAIN_FAILURE);
        JsonNode explain = refreshes.path("ItemProcessor").path("States").path(FleetDefinition.EXPLAIN_FAILURE);
        assertThat(explain.path("Parameters").path("Payload").path("item").path("failure.$").asText()).isEqualTo("$.item.failure");
        assertThat(explain.path("Parameters").path("Payload").path("item").has("input"))
                .as("the refresh file is not sent to be explained").isFalse();
        assertThat(explain.path("Next").asText()).isEqualTo("failed");
        assertThat(refreshes.path("ItemProcessor").path("States").path("failed").path("Parameters").path("error.$").asText())
                .isEqualTo("$.item.reason");
        assertThat(explain.path("Catch").get(0).path("Next").asText()).as("a failure to explain is no failure of the fleet")
                .isEqualTo("failed-unexplained");
        assertThat(d.path("States").path(FleetDefinition.RECORD).path("Resource").asText()).isEqualTo("arn:aws:states:::dynamodb:putItem");
        assertThat(d.path("States").path(FleetDefinition.NOTIFY).path("Resource").asText()).isEqualTo("arn:aws:states:::sns:publish");
    }

    @Test
    void definition_runsEachRefreshAsADistributedMapIteration_readingALargeFleetsStoredFileFirst() throws Exception {
        JsonNode d = Json.MAPPER.readTree(FleetDefinition.json());
        JsonNode refreshes = d.path("States").path(FleetDefinition.REFRESHES);
        assertThat(refreshes.path("ItemProcessor").path("ProcessorConfig").path("Mode").asText()).isEqualTo("DISTRIBUTED");
        assertThat(refreshes.path("ItemProcessor").path("ProcessorConfig").path("ExecutionType").asText()).isEqualTo("STANDARD");
        assertThat(refreshes.has("ItemReader")).as("the items come from the state, which the local engine reads too").isFalse();
        assertThat(refreshes.path("ItemSelector").path("item.$").asText()).isEqualTo("$$.Map.Item.Value");
        assertThat(refreshes.path("ItemSelector").path("fleet.$").asText()).isEqualTo("$.fleet");
        JsonNode states = refreshes.path("ItemProcessor").path("States");
        JsonNode stored = states.path(refreshes.path("ItemProcessor").path("StartAt").asText());
        assertThat(stored.path("Choices").get(0).path("Variable").asText()).isEqualTo("$.item.key");
        assertThat(stored.path("Choices").get(0).path("Next").asText()).isEqualTo(FleetDefinition.READ_FILE);
        assertThat(stored.path("Default").asText()).as("a file in the input runs as it is").isEqualTo(FleetDefinition.REFRESH);
        JsonNode read = states.path(FleetDefinition.READ_FILE);
        assertThat(read.path("Parameters").path("FunctionName").asText()).isEqualTo("${AlignFleetFunctionArn}");
        assertThat(read.path("Next").asText()).isEqualTo(FleetDefinition.REFRESH);
        assertThat(read.path("Catch").get(0).path("Next").asText()).isEqualTo(FleetDefinition.EXPLAIN_FAILURE);
        assertThat(states.path(FleetDefinition.REFRESH).path("Parameters").path("Input.$").asText()).isEqualTo("$.item.input");
    }

    @Test
    void fleetFunction_readsTheStoredFleetFilesPrefixOfTheScriptsBucket_andNoOtherObject() {
        List<TemplateStatements.Statement> statements = TemplateStatements.ofRole(template,
                StepFunctionsTemplateTest.roleOf(template, io.dbrefresh.steps.StepRegistry.ALIGN_FLEET));
        assertThat(statements).filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("s3:"))).singleElement()
                .satisfies(s -> {
                    assertThat(s.actions()).containsExactly("s3:GetObject");
                    assertThat(s.flatResources()).singleElement().asString().matches("\\$\\{Scripts[0-9A-F]{8}\\.Arn}/fleet-files/\\*");
                });
    }

    @Test
    void definition_firstAlignsTheFleetWhenItRuns_throughItsRegisteredFunction() throws Exception {
        JsonNode d = Json.MAPPER.readTree(FleetDefinition.json());
        assertThat(d.path("StartAt").asText()).isEqualTo(FleetDefinition.ALIGN);
        JsonNode align = d.path("States").path(FleetDefinition.ALIGN);
        assertThat(align.path("Resource").asText()).isEqualTo("arn:aws:states:::lambda:invoke");
        assertThat(align.path("Parameters").path("FunctionName").asText()).isEqualTo("${AlignFleetFunctionArn}");
        assertThat(align.path("OutputPath").asText()).isEqualTo("$.Payload");
        assertThat(align.path("Retry").toString()).contains("Lambda.TooManyRequestsException", "io.dbrefresh.aws.ThrottledException");
        assertThat(align.path("TimeoutSeconds").asInt()).isPositive();
    }

    @Test
    void definition_checksTheToleranceAfterEachWave_andStartsNoLaterWaveBeyondIt() throws Exception {
        JsonNode d = Json.MAPPER.readTree(FleetDefinition.json());
        JsonNode choices = d.path("States").path("next-wave").path("Choices");
        assertThat(choices.get(0).path("And").get(0).path("NumericGreaterThanPath").asText()).isEqualTo("$.fleet.tolerance");
        assertThat(choices.get(0).path("Next").asText()).isEqualTo(FleetDefinition.NOT_STARTED);
        assertThat(choices.get(2).path("Next").asText()).as("within the tolerance: the next wave").isEqualTo(FleetDefinition.TAKE_WAVE);
        assertThat(d.path("States").path(FleetDefinition.NOT_STARTED).path("ItemProcessor").toString()).contains("NOT_STARTED");
    }
}
