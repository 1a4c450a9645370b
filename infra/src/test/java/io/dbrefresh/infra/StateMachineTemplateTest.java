package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.steps.StateNames;
import io.dbrefresh.steps.StepRegistry;

class StateMachineTemplateTest {

    private static final Path DEFINITION = TestDeployments.INFRA.resolve("../statemachine/refresh.asl.json").normalize();

    private final Template template = TestDeployments.defaults().template();

    @Test
    void everyPlaceholderInTheDefinition_hasASubstitutionToAFunctionAlias() throws IOException {
        Set<String> placeholders = placeholdersIn(Files.readString(DEFINITION));
        assertThat(placeholders).isNotEmpty();

        Map<String, Object> substitutions = substitutions(template);
        assertThat(substitutions.keySet()).containsAll(placeholders);
        Set<String> aliases = template.findResources("AWS::Lambda::Alias").keySet();
        placeholders.forEach(p -> assertThat(substitutions.get(p))
                .as("substitution of %s", p)
                .isInstanceOfSatisfying(Map.class, ref -> assertThat(aliases).contains((String) ref.get("Ref"))));
    }

    @Test
    void everyRegisteredFunction_isSubstitutedByItsOwnPlaceholder() {
        assertThat(substitutions(template).keySet())
                .containsExactlyInAnyOrderElementsOf(StepRegistry.all().stream().map(f -> f.placeholder()).toList());
    }

    @Test
    void definition_isTheFileFromTheStatemachineFolder_shippedAsAnAsset() {
        template.hasResourceProperties("AWS::StepFunctions::StateMachine", Match.objectLike(Map.of(
                "StateMachineType", "STANDARD",
                "DefinitionS3Location", Match.objectLike(Map.of("Key", Match.stringLikeRegexp(".*\\.json"))))));
    }

    @Test
    void definition_boundsEveryExecutionWithATimeout() throws IOException {
        Map<?, ?> definition = Json.MAPPER.readValue(DEFINITION.toFile(), Map.class);
        assertThat(definition.get("TimeoutSeconds")).isEqualTo(StateNames.EXECUTION_TIMEOUT_SECONDS);
    }

    @Test
    void stateMachine_logsEverythingWithExecutionDataAndTraces() {
        template.hasResourceProperties("AWS::StepFunctions::StateMachine", Match.objectLike(Map.of(
                "LoggingConfiguration", Match.objectLike(Map.of(
                        "Level", "ALL",
                        "IncludeExecutionData", true,
                        "Destinations", List.of(Map.of("CloudWatchLogsLogGroup", Map.of("LogGroupArn",
                                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("StateMachineLogs.*"), "Arn"))))))),
                "TracingConfiguration", Map.of("Enabled", true))));
    }

    @Test
    void stateMachineLogs_leaveOutExecutionData_whenAsked() {
        TestDeployments.fullyConfigured().template().hasResourceProperties("AWS::StepFunctions::StateMachine",
                Match.objectLike(Map.of("LoggingConfiguration", Match.objectLike(Map.of(
                        "Level", "ALL", "IncludeExecutionData", false)))));
    }

    @Test
    void stateMachineLogs_goToAVendedLogsGroupWithRetention() {
        template.hasResourceProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of(
                "LogGroupName", Match.stringLikeRegexp("/aws/vendedlogs/states/.*"),
                "RetentionInDays", DeploymentSettings.DEFAULT_LOG_RETENTION_DAYS)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void stateMachine_mayInvokeOnlyItsOwnFunctionAliases() {
        String role = stateMachineRole(template);
        List<TemplateStatements.Statement> invokes = TemplateStatements.ofRole(template, role).stream()
                .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("lambda:"))).toList();
        assertThat(invokes).singleElement().satisfies(s -> {
            assertThat(s.actions()).containsExactly("lambda:InvokeFunction");
            Set<String> refs = s.resources().stream().map(r -> (String) ((Map<String, Object>) r).get("Ref"))
                    .collect(Collectors.toSet());
            Set<String> aliases = new java.util.HashSet<>(template.findResources("AWS::Lambda::Alias").keySet());
            // the fleet's first step belongs to the fleet state machine
            assertThat(aliases.removeIf(a -> a.startsWith(io.dbrefresh.steps.StepRegistry.ALIGN_FLEET.name()))).isTrue();
            assertThat(refs).isEqualTo(aliases);
        });
    }

    @Test
    void aDefinitionWithAPlaceholderNoFunctionFills_stopsSynthesis(@TempDir Path dir) throws IOException {
        Path definition = dir.resolve("refresh.asl.json");
        Files.writeString(definition, Files.readString(DEFINITION)
                .replace("${SendMsgFunctionArn}", "${NoSuchStepFunctionArn}"));
        assertThatThrownBy(() -> TestDeployments.synth(
                Map.of("stateMachineDefinition", definition.toString(), "refreshFiles", dir.toString()),
                StepRegistry.all()))
                .hasMessageContaining("NoSuchStepFunctionArn");
    }

    static Set<String> placeholdersIn(String definition) {
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(definition);
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> substitutions(Template t) {
        return (Map<String, Object>) StepFunctionsTemplateTest.properties(machine(t, "RefreshStateMachine")).get("DefinitionSubstitutions");
    }

    @SuppressWarnings("unchecked")
    static String stateMachineRole(Template t) {
        return role(t, "RefreshStateMachine");
    }

    /** The role of the state machine whose logical id starts with {@code prefix}. */
    @SuppressWarnings("unchecked")
    static String role(Template t, String prefix) {
        Map<String, Object> props = StepFunctionsTemplateTest.properties(machine(t, prefix));
        return (String) ((List<Object>) ((Map<String, Object>) props.get("RoleArn")).get("Fn::GetAtt")).get(0);
    }

    /** The one state machine whose logical id starts with {@code prefix} (the refresh one, the fleet one). */
    static Map<String, Object> machine(Template t, String prefix) {
        Map<String, Map<String, Object>> machines = t.findResources("AWS::StepFunctions::StateMachine");
        List<Map<String, Object>> found = machines.entrySet().stream()
                .filter(e -> e.getKey().matches(prefix + "[0-9A-F]{8}")).map(Map.Entry::getValue).toList();
        assertThat(found).as("state machines %s", machines.keySet()).hasSize(1);
        return found.get(0);
    }
}
