package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import io.dbrefresh.infra.TemplateStatements.Statement;
import io.dbrefresh.steps.StepRegistry;

/**
 * An execution stopped, timed out or failed outside its recovery path is recovered from
 * outside: an EventBridge rule on this state machine's ended executions starts the recovery
 * function, which may read this state machine's executions and nothing more of Step Functions.
 */
class EndedExecutionRecoveryTemplateTest {

    private final Template template = TestDeployments.defaults().template();

    @Test
    void aRuleOnThisStateMachinesFailedTimedOutAndAbortedExecutions_startsTheRecoveryFunction() {
        template.resourceCountIs("AWS::Events::Rule", 1);
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Map.of(
                        "source", List.of("aws.states"),
                        "detail-type", List.of("Step Functions Execution Status Change"),
                        "detail", Map.of(
                                "status", List.of("FAILED", "TIMED_OUT", "ABORTED"),
                                "stateMachineArn", List.of(Map.of("Ref", Match.stringLikeRegexp("RefreshStateMachine.*"))))),
                "State", "ENABLED",
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", Match.stringLikeRegexp(StepRegistry.RECOVER_ENDED_EXECUTION.name() + "Alias.*")),
                        "RetryPolicy", Match.objectLike(Map.of("MaximumRetryAttempts", 4))))))));
    }

    @Test
    void eventBridgeMayInvokeTheRecoveryAlias_fromThatRuleOnly() {
        template.hasResourceProperties("AWS::Lambda::Permission", Match.objectLike(Map.of(
                "Action", "lambda:InvokeFunction",
                "Principal", "events.amazonaws.com",
                "FunctionName", Map.of("Ref", Match.stringLikeRegexp(StepRegistry.RECOVER_ENDED_EXECUTION.name() + "Alias.*")),
                "SourceArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("EndedExecutionRule.*"), "Arn")))));
    }

    @Test
    void theRecoveryFunction_readsOnlyThisStateMachinesExecutions() {
        List<Statement> sfn = TemplateStatements.all(template).stream()
                .filter(s -> s.actions().stream().anyMatch(a -> a.equals("states:GetExecutionHistory")))
                .toList();
        assertThat(sfn).hasSize(1);
        assertThat(sfn.get(0).actions()).containsExactlyInAnyOrder("states:DescribeExecution", "states:GetExecutionHistory");
        assertThat(sfn.get(0).flatResources()).singleElement().asString()
                .contains(":states:").contains(":execution:").contains("RefreshStateMachine").endsWith(":*");
    }
}
