package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.scripts.TlsPolicy;
import io.dbrefresh.steps.StepFunction;
import io.dbrefresh.steps.StepRegistry;

class StepFunctionsTemplateTest {

    private final Template template = TestDeployments.defaults().template();

    @Test
    void everyRegisteredStep_hasOneFunctionWithItsHandlerMemoryAndTimeout() {
        template.resourceCountIs("AWS::Lambda::Function", StepRegistry.all().size());
        for (StepFunction f : StepRegistry.all()) {
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Handler", f.lambdaHandler(),
                    "MemorySize", f.memoryMb(),
                    "Timeout", f.timeoutSeconds())));
        }
    }

    @Test
    void everyFunction_isJava21OnArm64WithSnapStartOnPublishedVersions() {
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function");
        assertThat(functions).isNotEmpty();
        functions.values().forEach(f -> assertThat(properties(f))
                .containsEntry("Runtime", "java21")
                .containsEntry("Architectures", List.of("arm64"))
                .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions")));
    }

    @Test
    void everyFunction_logsJsonToItsOwnLogGroupAndTraces() {
        // one per function, and one for each state machine (the refresh one, the fleet one)
        template.resourceCountIs("AWS::Logs::LogGroup", StepRegistry.all().size() + 2);
        template.allResourcesProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "LoggingConfig", Match.objectLike(Map.of(
                        "LogFormat", "JSON",
                        "LogGroup", Match.objectLike(Map.of("Ref", Match.anyValue())))),
                "TracingConfig", Map.of("Mode", "Active"))));
    }

    @Test
    void everyLogGroup_keepsLogsForTheDefaultRetention() {
        template.allResourcesProperties("AWS::Logs::LogGroup",
                Match.objectLike(Map.of("RetentionInDays", DeploymentSettings.DEFAULT_LOG_RETENTION_DAYS)));
    }

    @Test
    void logRetention_comesFromContext() {
        TestDeployments.fullyConfigured().template()
                .allResourcesProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 30)));
    }

    @Test
    void everyFunction_hasALiveAliasOnAPublishedVersion() {
        template.resourceCountIs("AWS::Lambda::Version", StepRegistry.all().size());
        template.resourceCountIs("AWS::Lambda::Alias", StepRegistry.all().size());
        template.allResourcesProperties("AWS::Lambda::Alias", Match.objectLike(Map.of(
                "Name", DeployedStep.ALIAS,
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp(".*CurrentVersion.*"), "Version")))));
    }

    @Test
    void everyFunction_verifiesDatabaseServersByDefault_andTheContextRelaxesIt() {
        template.allResourcesProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Environment", Map.of("Variables", Map.of(TlsPolicy.MODE_ENV, "verify-full")))));
        TestDeployments.fullyConfigured().template().allResourcesProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Environment", Map.of("Variables", Map.of(TlsPolicy.MODE_ENV, "require")))));
    }

    @Test
    void everyFunction_isToldTheHistoryTableAndTopic() {
        template.allResourcesProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Environment", Map.of("Variables", Map.of(
                        StepEnvironment.HISTORY_TABLE_ENV, Map.of("Ref", Match.stringLikeRegexp("History.*")),
                        StepEnvironment.TOPIC_ARN_ENV, Map.of("Ref", Match.stringLikeRegexp("Notifications.*")))))));
    }

    @Test
    void everyFunction_hasItsOwnRole() {
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function");
        List<Object> roles = functions.values().stream().map(f -> properties(f).get("Role")).distinct().toList();
        assertThat(roles).hasSize(functions.size());
    }

    @Test
    void aStepNotInTheGrantTable_getsOnlyItsLogsAndTraces() {
        Template full = TestDeployments.fullyConfigured().template();
        String role = roleOf(full, TestDeployments.UNKNOWN_FUTURE_STEP);
        List<String> actions = TemplateStatements.ofRole(full, role).stream()
                .flatMap(s -> s.actions().stream()).distinct().sorted().toList();
        assertThat(actions).containsExactly("logs:CreateLogStream", "logs:PutLogEvents",
                "xray:PutTelemetryRecords", "xray:PutTraceSegments");
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheScriptRunnerAndTheVerification_runInTheDatabasesVpc_andAreToldSo() {
        Template full = TestDeployments.fullyConfigured().template();
        Map<String, Map<String, Object>> inVpc = full.findResources("AWS::Lambda::Function",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("VpcConfig", Match.anyValue())))));
        assertThat(inVpc.values()).extracting(f -> properties(f).get("Handler")).containsExactlyInAnyOrder(
                io.dbrefresh.steps.StepRegistry.SCRIPT_RUNNER.lambdaHandler(), io.dbrefresh.steps.StepRegistry.VERIFY_COPY.lambdaHandler());
        assertThat(inVpc.values()).allSatisfy(f -> {
            assertThat(properties(f)).containsEntry("VpcConfig", Map.of(
                    "SubnetIds", List.of("subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"),
                    "SecurityGroupIds", List.of("sg-0123456789abcdef0")));
            // verify-copy fails closed on a login it cannot try only where it can reach the copy
            Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) properties(f).get("Environment")).get("Variables");
            assertThat(env).containsEntry(io.dbrefresh.secrets.CopyVerification.IN_DATABASE_VPC_ENV, "true");
        });
        Map<String, Map<String, Object>> outside = full.findResources("AWS::Lambda::Function",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("VpcConfig", Match.absent())))));
        assertThat(outside).isNotEmpty();
        assertThat(outside.values()).allSatisfy(f -> assertThat(String.valueOf(properties(f).get("Environment")))
                .doesNotContain(io.dbrefresh.secrets.CopyVerification.IN_DATABASE_VPC_ENV));
    }

    @Test
    void withoutAVpc_noFunctionRunsInOne() {
        template.allResourcesProperties("AWS::Lambda::Function",
                Match.objectLike(Map.of("VpcConfig", Match.absent())));
    }

    /** The logical id of the role of the function for {@code step}. */
    @SuppressWarnings("unchecked")
    static String roleOf(Template t, StepFunction step) {
        Map<String, Map<String, Object>> functions = t.findResources("AWS::Lambda::Function",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("Handler", step.lambdaHandler())))));
        assertThat(functions).hasSize(1);
        Map<String, Object> role = (Map<String, Object>) properties(functions.values().iterator().next()).get("Role");
        return (String) ((List<Object>) role.get("Fn::GetAtt")).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
