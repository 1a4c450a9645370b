package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dbrefresh.history.HistoryTable;

class DeploymentSettingsTest {

    private static final Path BASE = Path.of("/repo/infra");

    private static DeploymentSettings settings(Map<String, Object> context) {
        return DeploymentSettings.fromContext(new HashMap<>(context)::get, BASE);
    }

    @Test
    void withNoContext_defaultsPointAtTheBuildAndTheRepositoryFolders() {
        DeploymentSettings s = settings(Map.of());

        assertThat(s.functionsJar()).isEqualTo(Path.of("/repo/functions/target/lambda"));
        assertThat(s.refreshFiles()).isEqualTo(Path.of("/repo/refresh-files"));
        assertThat(s.stateMachineDefinition()).isEqualTo(Path.of("/repo/statemachine/refresh.asl.json"));
        assertThat(s.historyTableName()).isEqualTo(HistoryTable.DEFAULT_NAME);
        assertThat(s.logRetentionDays()).isEqualTo(DeploymentSettings.DEFAULT_LOG_RETENTION_DAYS);
        assertThat(s.logExecutionData()).isTrue();
        assertThat(s.network()).isEmpty();
        assertThat(s.notificationEmails()).isEmpty();
        assertThat(s.productionDatabases()).isEmpty();
    }

    @Test
    void secretNamePrefix_defaultsToDbrefresh_andRefusesAWildcard() {
        assertThat(settings(Map.of()).secretNamePrefix()).isEqualTo("dbrefresh/");
        assertThat(settings(Map.of("secretNamePrefix", "/qa/")).secretNamePrefix()).isEqualTo("/qa/");
        assertThatThrownBy(() -> settings(Map.of("secretNamePrefix", "qa/*")))
                .isInstanceOf(InvalidDeploymentSettingsException.class).hasMessageContaining("no wildcard");
    }

    @Test
    void databaseTls_defaultsToVerifyFull_mayBeRelaxedToRequire_andNeverTurnedOff() {
        assertThat(settings(Map.of()).databaseTls()).isEqualTo("verify-full");
        assertThat(settings(Map.of("databaseTls", "require")).databaseTls()).isEqualTo("require");
        assertThatThrownBy(() -> settings(Map.of("databaseTls", "disable")))
                .isInstanceOf(InvalidDeploymentSettingsException.class).hasMessageContaining("databaseTls \"disable\"");
    }

    @Test
    void projectVersion_isTheBuildsVersion() {
        assertThat(DeploymentSettings.projectVersion()).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
    }

    @Test
    void lists_areReadFromJsonArraysAndFromCommaSeparatedStrings() {
        DeploymentSettings s = settings(Map.of(
                "notificationEmails", "a@example.com, b@example.com",
                "kmsKeyArns", List.of("arn:aws:kms:eu-west-1:111122223333:key/k1")));

        assertThat(s.notificationEmails()).containsExactly("a@example.com", "b@example.com");
        assertThat(s.kmsKeyArns()).containsExactly("arn:aws:kms:eu-west-1:111122223333:key/k1");
    }

    @Test
    void booleansAndNumbers_areReadFromStringsAsTheCommandLineGivesThem() {
        DeploymentSettings s = settings(Map.of("logExecutionData", "false", "logRetentionDays", "30"));

        assertThat(s.logExecutionData()).isFalse();
        assertThat(s.logRetentionDays()).isEqualTo(30);
    }

    @Test
    void aBooleanThatIsNeitherTrueNorFalse_isRefused() {
        assertThatThrownBy(() -> settings(Map.of("logExecutionData", "yes")))
                .isInstanceOf(InvalidDeploymentSettingsException.class).hasMessageContaining("logExecutionData");
    }

    @Test
    void aVpc_needsSubnetsAndSecurityGroups() {
        assertThatThrownBy(() -> settings(Map.of("vpcId", "vpc-1")))
                .isInstanceOf(InvalidDeploymentSettingsException.class).hasMessageContaining("subnetIds");
    }

    @Test
    void subnetsWithoutAVpc_areRefused() {
        assertThatThrownBy(() -> settings(Map.of("subnetIds", "subnet-1")))
                .isInstanceOf(InvalidDeploymentSettingsException.class).hasMessageContaining("vpcId");
    }

    @Test
    void endpoints_needTheRouteTablesForTheS3Gateway() {
        assertThatThrownBy(() -> settings(Map.of("vpcId", "vpc-1", "subnetIds", "subnet-1",
                "securityGroupIds", "sg-1", "createVpcEndpoints", true)))
                .isInstanceOf(InvalidDeploymentSettingsException.class).hasMessageContaining("routeTableIds");
    }

    @Test
    void theRemovedTargetTagKeys_failSynthesisNamingTheManagedTagAndTheMigration() {
        for (String removed : List.of("targetTagKey", "targetTagValue")) {
            assertThatThrownBy(() -> settings(Map.of(removed, "environment")))
                    .isInstanceOf(InvalidDeploymentSettingsException.class)
                    .hasMessageContaining(removed + " is no longer read")
                    .hasMessageContaining("dbrefresh:managed=true")
                    .hasMessageContaining("dbrefresh adopt TARGET")
                    .hasMessageContaining("docs/deploy.md");
        }
    }

    @Test
    void sourceAccountsAndRoles_areReadAsLists_andAWildcardOrAMalformedIdIsRefused() {
        DeploymentSettings s = settings(Map.of("sourceAccountIds", "210987654321, 210987654322",
                "sourceRoleArns", "arn:aws:iam::210987654323:role/ops/prod-copier"));

        assertThat(s.sourceAccountIds()).containsExactly("210987654321", "210987654322");
        assertThat(s.sourceRoleArns()).containsExactly("arn:aws:iam::210987654323:role/ops/prod-copier");
        assertThat(settings(Map.of()).sourceAccountIds()).isEmpty();
        assertThatThrownBy(() -> settings(Map.of("sourceAccountIds", "*")))
                .isInstanceOf(InvalidDeploymentSettingsException.class).hasMessageContaining("12-digit");
        assertThatThrownBy(() -> settings(Map.of("sourceRoleArns", "arn:aws:iam::*:role/dbrefresh-source-access")))
                .isInstanceOf(InvalidDeploymentSettingsException.class).hasMessageContaining("no wildcard");
    }

    @Test
    void productionDatabases_areReadAsAList() {
        assertThat(settings(Map.of("productionDatabases", "shopprod, shopprod-aurora")).productionDatabases())
                .containsExactly("shopprod", "shopprod-aurora");
    }

    @Test
    void theRunnerInstanceTag_isKeyEqualsValue() {
        assertThat(settings(Map.of("scriptRunnerInstanceTag", "role=dbrefresh-runner")).scriptRunnerInstanceTag())
                .contains(new DeploymentSettings.Tag("role", "dbrefresh-runner"));
        assertThatThrownBy(() -> settings(Map.of("scriptRunnerInstanceTag", "dbrefresh-runner")))
                .isInstanceOf(InvalidDeploymentSettingsException.class).hasMessageContaining("key=value");
    }

    @Test
    void aLogRetentionCloudWatchDoesNotOffer_isRefused() {
        assertThatThrownBy(() -> LogRetention.days(42))
                .isInstanceOf(InvalidDeploymentSettingsException.class).hasMessageContaining("logRetentionDays");
    }
}
