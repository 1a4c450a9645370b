package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import io.dbrefresh.history.HistoryIndexes;
import io.dbrefresh.history.HistoryTable;

class HistoryTableTemplateTest {

    private final Template template = TestDeployments.defaults().template();

    @Test
    void historyTable_keepsTheOriginalNameAndKeys() {
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "TableName", HistoryTable.DEFAULT_NAME,
                "KeySchema", List.of(
                        Map.of("AttributeName", HistoryTable.PARTITION_KEY, "KeyType", "HASH"),
                        Map.of("AttributeName", HistoryTable.SORT_KEY, "KeyType", "RANGE")))));
    }

    @Test
    void historyTable_isOnDemandEncryptedWithPointInTimeRecovery() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "SSESpecification", Map.of("SSEEnabled", true),
                "PointInTimeRecoverySpecification", Match.objectLike(Map.of("PointInTimeRecoveryEnabled", true)))));
    }

    @Test
    void historyTable_survivesTheStackAndAccidentalDeletion() {
        template.hasResource("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", true)))));
    }

    @Test
    void historyTable_hasEveryNamedIndex_sortedByRestoreDate() {
        for (HistoryIndexes.Index index : HistoryIndexes.all()) {
            template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                    "GlobalSecondaryIndexes", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "IndexName", index.name(),
                            "KeySchema", List.of(
                                    Map.of("AttributeName", index.partitionKey(), "KeyType", "HASH"),
                                    Map.of("AttributeName", HistoryTable.SORT_KEY, "KeyType", "RANGE")),
                            "Projection", Map.of("ProjectionType", "ALL"))))))));
        }
        assertThat(HistoryIndexes.all()).extracting(HistoryIndexes.Index::name)
                .containsExactly(HistoryIndexes.BY_APPLICATION, HistoryIndexes.BY_SOURCE, HistoryIndexes.BY_STATUS);
    }

    @Test
    void historyTableName_comesFromContext() {
        TestDeployments.fullyConfigured().template().hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of("TableName", "team-refresh-history")));
    }

    @Test
    void lockItems_expireThroughTheTableTtl() {
        TestDeployments.defaults().template().hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(java.util.Map.of(
                "TimeToLiveSpecification", java.util.Map.of("AttributeName", io.dbrefresh.history.HistoryIndexes.TTL_ATTRIBUTE,
                        "Enabled", true))));
    }

    @Test
    void theLock_mayDescribeExecutionsOfThisStateMachineOnly() {
        Template t = TestDeployments.defaults().template();
        String role = StepFunctionsTemplateTest.roleOf(t, io.dbrefresh.steps.StepRegistry.ACQUIRE_LOCK);
        assertThat(TemplateStatements.ofRole(t, role)).flatMap(TemplateStatements.Statement::actions)
                .contains("states:DescribeExecution");
        // the lock's, and others' (the fleet state machine follows its children): each on executions of this stack's
        // refresh state machine only, but for the fleet's Distributed Map, which follows its own iterations: the child
        // executions Step Functions names <fleet state machine>/<map run>:<id>, and nothing else
        String executions = "arn:\\$\\{AWS::Partition}:states:\\$\\{AWS::Region}:\\$\\{AWS::AccountId}:execution:";
        List<TemplateStatements.Statement> describing = TemplateStatements.all(t).stream()
                .filter(st -> st.actions().contains("states:DescribeExecution")).toList();
        assertThat(describing).filteredOn(st -> !st.logicalId().startsWith("FleetIterationsPolicy"))
                .isNotEmpty().allSatisfy(st -> assertThat(st.flatResources()).singleElement().asString()
                        .matches(executions + "\\$\\{RefreshStateMachine[0-9A-F]{8}\\.Name}:\\*"));
        assertThat(describing).filteredOn(st -> st.logicalId().startsWith("FleetIterationsPolicy"))
                .singleElement().satisfies(st -> assertThat(st.flatResources()).singleElement().asString()
                        .matches(executions + "\\$\\{FleetStateMachine[0-9A-F]{8}\\.Name}/\\*"));
    }
}
