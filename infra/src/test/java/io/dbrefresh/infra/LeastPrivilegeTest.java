package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awscdk.assertions.Template;

import io.dbrefresh.infra.TemplateStatements.Statement;
import io.dbrefresh.rds.CrossAccountNames;
import io.dbrefresh.steps.StepFunction;
import io.dbrefresh.steps.StepRegistry;

class LeastPrivilegeTest {

    private static final String RDS_ARN = "arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:";
    private static final Set<String> DESTRUCTIVE_RDS = Set.of("rds:DeleteDBInstance", "rds:DeleteDBCluster",
            "rds:StopDBInstance", "rds:StopDBCluster", "rds:ModifyDBInstance", "rds:ModifyDBCluster",
            "rds:RemoveTagsFromResource");

    static Stream<String> deployments() {
        return Stream.of("defaults", "fullyConfigured");
    }

    static Template template(String deployment) {
        return deployment.equals("defaults") ? TestDeployments.defaults().template()
                : TestDeployments.fullyConfigured().template();
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void noAllowStatementAnywhere_hasAWildcardAction(String deployment) {
        List<Statement> statements = TemplateStatements.all(template(deployment));
        assertThat(statements).isNotEmpty();
        assertThat(statements).filteredOn(Statement::allows)
                .allSatisfy(s -> assertThat(s.actions()).as("actions of %s", s.logicalId()).isNotEmpty()
                        .noneMatch(a -> a.contains("*")));
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void theOnlyDenyStatements_areTheTlsOnlyGuardsAndTheDatabaseDenies(String deployment) {
        List<Statement> denies = TemplateStatements.all(template(deployment)).stream().filter(s -> !s.allows()).toList();
        assertThat(denies).filteredOn(s -> s.actions().stream().noneMatch(a -> a.startsWith("rds:")))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.condition()).isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
        assertThat(denies).filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("rds:")))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(StepPermissions.CHANGES_TO_DATABASES).containsAll(s.actions()));
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void everyRoleThatChangesDatabases_isDeniedChangingProductionOrProtectedOnes(String deployment) {
        Template t = template(deployment);
        for (String step : List.of("DeleteOldDatabase", "RenameDatabase", "StopOldDatabase", "FixTags", "Recover", "PerformRestore", "CheckStep")) {
            List<Statement> denies = TemplateStatements.ofRole(t, StepFunctionsTemplateTest.roleOf(t, StepRegistry.byName(step).orElseThrow()))
                    .stream().filter(s -> !s.allows()).toList();
            assertThat(denies).as(step).extracting(Statement::condition).contains(
                    Map.of("StringEqualsIgnoreCase", Map.of("aws:ResourceTag/environment", List.of("prd", "prod", "production"))),
                    Map.of("StringEqualsIgnoreCase", Map.of("aws:ResourceTag/env", List.of("prd", "prod", "production"))),
                    Map.of("StringEqualsIgnoreCase", Map.of("aws:ResourceTag/dbrefresh:protected", "true")),
                    Map.of("ForAnyValue:StringEquals", Map.of("aws:TagKeys", List.of("dbrefresh:managed"))));
        }
    }

    @Test
    void productionDatabasesNamedInContext_areDeniedEveryChange() {
        List<Statement> named = TemplateStatements.all(TestDeployments.fullyConfigured().template()).stream()
                .filter(s -> !s.allows() && s.condition().isEmpty() && s.actions().contains("rds:DeleteDBInstance")).toList();
        assertThat(named).isNotEmpty().allSatisfy(s -> {
            assertThat(s.actions()).containsExactlyInAnyOrderElementsOf(StepPermissions.CHANGES_TO_DATABASES)
                    .noneMatch(a -> a.startsWith("rds:Restore"));
            assertThat(s.flatResources()).containsExactlyInAnyOrder(RDS_ARN + "db:" + TestDeployments.PRODUCTION_INSTANCE,
                    RDS_ARN + "cluster:" + TestDeployments.PRODUCTION_INSTANCE, TestDeployments.PRODUCTION_CLUSTER);
        });
        assertThat(TemplateStatements.all(TestDeployments.defaults().template()))
                .filteredOn(s -> !s.allows() && s.condition().isEmpty()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void noStatement_grantsStsOrIamBeyondPassRole_andAssumingTheNamedSourceRoles(String deployment) {
        // sts:AssumeRole only on the source-account roles named at deployment (withSourceAccounts_... holds them)
        assertThat(TemplateStatements.all(template(deployment))).filteredOn(Statement::allows)
                .filteredOn(s -> s.actions().contains("sts:AssumeRole"))
                .allSatisfy(s -> assertThat(s.flatResources()).allMatch(r -> r.endsWith(":role/" + CrossAccountNames.ROLE_NAME)
                        || r.equals(TestDeployments.OTHER_SOURCE_ROLE)));
        assertThat(TemplateStatements.all(template(deployment))).filteredOn(Statement::allows)
                .flatMap(Statement::actions)
                .noneMatch(a -> a.startsWith("sts:") && !a.equals("sts:AssumeRole"))
                .filteredOn(a -> a.startsWith("iam:")).containsOnly("iam:PassRole");
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void rdsActions_reachOnlyRdsArnsOfThisAccountAndRegion(String deployment) {
        List<Statement> all = TemplateStatements.all(template(deployment)).stream().filter(Statement::allows)
                .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("rds:"))).toList();
        // the account's quotas, orderable options and engine versions are reads that take only "*" (the
        // synthesizer merges them with the function's other "*" reads into one statement)
        List<Statement> accountReads = all.stream().filter(s -> s.flatResources().contains("*")).toList();
        assertThat(accountReads).singleElement().satisfies(s -> {
            assertThat(s.actions()).filteredOn(a -> a.startsWith("rds:")).containsExactlyInAnyOrder("rds:DescribeAccountAttributes",
                    "rds:DescribeOrderableDBInstanceOptions", "rds:DescribeDBEngineVersions");
            assertThat(s.actions()).allMatch(a -> a.substring(a.indexOf(':') + 1).matches("(Describe|Get|List).*"));
            assertThat(s.flatResources()).containsExactly("*");
        });
        // across accounts, restores also reach what the source accounts share (withSourceAccounts_restores... holds them)
        List<Statement> rds = all.stream().filter(s -> !accountReads.contains(s)).filter(s -> !restoresOfShared(s)).toList();
        assertThat(rds).isNotEmpty().allSatisfy(s -> {
            assertThat(s.actions()).allMatch(a -> a.startsWith("rds:"));
            assertThat(s.flatResources()).allMatch(r -> r.matches(Pattern.quote(RDS_ARN) + "[a-z-]+:\\*"));
        });
    }

    private static boolean restoresOfShared(Statement s) {
        return s.flatResources().stream().anyMatch(r -> r.matches("arn:\\$\\{AWS::Partition}:rds:\\$\\{AWS::Region}:[0-9]{12}:.*"));
    }

    @Test
    void withSourceAccounts_restoresReachOnlyTheSourceAccountsCopiesAndClusters_bornManaged() {
        List<Statement> shared = TemplateStatements.all(TestDeployments.fullyConfigured().template()).stream()
                .filter(Statement::allows).filter(LeastPrivilegeTest::restoresOfShared).toList();

        assertThat(shared).isNotEmpty().allSatisfy(s -> {
            assertThat(s.actions()).containsExactlyInAnyOrder("rds:RestoreDBInstanceFromDBSnapshot", "rds:RestoreDBClusterFromSnapshot",
                    "rds:RestoreDBClusterToPointInTime");
            List<String> expected = new java.util.ArrayList<>();
            for (String account : List.of(TestDeployments.SOURCE_ACCOUNT, "210987654322")) {
                String arn = "arn:${AWS::Partition}:rds:${AWS::Region}:" + account + ":";
                expected.addAll(List.of(arn + "snapshot:" + CrossAccountNames.COPY_PREFIX + "*",
                        arn + "cluster-snapshot:" + CrossAccountNames.COPY_PREFIX + "*", arn + "cluster:*"));
            }
            assertThat(s.flatResources()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(s.condition()).containsEntry("StringEquals", Map.of("aws:RequestTag/dbrefresh:managed", "true"));
        });
        assertThat(TemplateStatements.all(TestDeployments.defaults().template())).as("without source accounts, nothing of theirs")
                .noneMatch(LeastPrivilegeTest::restoresOfShared);
    }

    @Test
    void withSourceAccounts_onlyShareSourceMayAcceptRamInvitations_sentByTheSourceAccounts() {
        Template t = TestDeployments.fullyConfigured().template();
        List<Statement> ram = TemplateStatements.all(t).stream().filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("ram:")))
                .toList();

        assertThat(ram).hasSize(2).allSatisfy(s -> assertThat(s.logicalId()).startsWith("ShareSourcePermissions"));
        assertThat(ram).filteredOn(s -> s.actions().contains("ram:AcceptResourceShareInvitation")).singleElement()
                .satisfies(s -> assertThat(s.flatResources()).containsExactlyInAnyOrder(
                        "arn:${AWS::Partition}:ram:${AWS::Region}:" + TestDeployments.SOURCE_ACCOUNT + ":resource-share-invitation/*",
                        "arn:${AWS::Partition}:ram:${AWS::Region}:210987654322:resource-share-invitation/*"));
        assertThat(ram).filteredOn(s -> s.flatResources().contains("*")).singleElement()
                .satisfies(s -> assertThat(s.actions()).containsExactly("ram:GetResourceShareInvitations"));
        assertThat(TemplateStatements.all(TestDeployments.defaults().template())).flatMap(Statement::actions)
                .noneMatch(a -> a.startsWith("ram:"));
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void destructiveRdsActionsOnDatabases_requireTheManagedTag(String deployment) {
        List<Statement> onDatabases = TemplateStatements.all(template(deployment)).stream().filter(Statement::allows)
                .filter(s -> s.actions().stream().anyMatch(DESTRUCTIVE_RDS::contains))
                .filter(s -> s.flatResources().stream().anyMatch(r -> r.endsWith(":db:*") || r.endsWith(":cluster:*")))
                .toList();
        assertThat(onDatabases).isNotEmpty().allSatisfy(s -> assertThat(s.condition())
                .isEqualTo(Map.of("StringEquals", Map.of("aws:ResourceTag/dbrefresh:managed", "true"))));
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void snapshotDeletes_areFixTagsAlone_andOnlyOfSnapshotsTaggedManagedWithTheirTarget(String deployment) {
        // snapshot housekeeping: a snapshot dbrefresh did not make (no managed tag, no snapshot-of) is never deletable
        Template t = template(deployment);
        List<Statement> deletes = TemplateStatements.all(t).stream().filter(Statement::allows)
                .filter(s -> s.actions().contains("rds:DeleteDBSnapshot") || s.actions().contains("rds:DeleteDBClusterSnapshot"))
                .toList();
        assertThat(deletes).isNotEmpty().allSatisfy(s -> {
            assertThat(s.condition()).isEqualTo(Map.of(
                    "StringEquals", Map.of("aws:ResourceTag/dbrefresh:managed", "true"),
                    "Null", Map.of("aws:ResourceTag/dbrefresh:snapshot-of", "false")));
            assertThat(s.flatResources()).allMatch(r -> r.endsWith(":snapshot:*") || r.endsWith(":cluster-snapshot:*"));
        });
        List<Statement> fixTags = TemplateStatements.ofRole(t, StepFunctionsTemplateTest.roleOf(t,
                StepRegistry.forStep(io.dbrefresh.refreshfile.StepId.FIX_TAGS).orElseThrow()));
        assertThat(fixTags).as("fix-tags prunes").containsAll(deletes);
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void theCheck_mayRestoreTheSnapshotCopyThatPerformRestoreStarted(String deployment) {
        // InstanceRestore.progress restores a kmskeyid copy once it is available: that call runs in the check
        Template t = template(deployment);
        List<Statement> check = TemplateStatements.ofRole(t, StepFunctionsTemplateTest.roleOf(t, StepRegistry.byName("CheckStep").orElseThrow()));
        assertThat(check).filteredOn(Statement::allows).flatExtracting(Statement::actions)
                .contains("rds:RestoreDBInstanceFromDBSnapshot", "rds:RestoreDBClusterFromSnapshot");
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void theCheck_mayReadTheSecretWhosePasswordItLogsInWith(String deployment) {
        // PasswordCheck (change-admin-pwd's check) reads the new password from the secret to prove a login
        Template t = template(deployment);
        List<Statement> check = TemplateStatements.ofRole(t, StepFunctionsTemplateTest.roleOf(t, StepRegistry.byName("CheckStep").orElseThrow()));
        assertThat(check).filteredOn(Statement::allows).filteredOn(s -> s.actions().contains("secretsmanager:GetSecretValue"))
                .isNotEmpty().allSatisfy(s -> assertThat(s.flatResources()).allSatisfy(r -> assertThat(r).contains(":secret:")));
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void restoresAndCreates_requireTheManagedTagInTheRequest(String deployment) {
        List<Statement> creates = TemplateStatements.all(template(deployment)).stream().filter(Statement::allows)
                .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("rds:Restore") || a.equals("rds:CreateDBInstance")
                        || a.equals("rds:CreateDBInstanceReadReplica")))
                .toList();
        assertThat(creates).isNotEmpty().allSatisfy(s -> assertThat(s.condition()).isEqualTo(Map.of(
                "StringEquals", Map.of("aws:RequestTag/dbrefresh:managed", "true"),
                "ForAnyValue:StringEquals", Map.of("aws:TagKeys", List.of("dbrefresh:managed")))));
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void passRole_isOnlyForTheMonitoringRole_andOnlyToRdsMonitoring(String deployment) {
        List<Statement> passRole = TemplateStatements.all(template(deployment)).stream()
                .filter(s -> s.actions().contains("iam:PassRole")).toList();
        assertThat(passRole).isNotEmpty().allSatisfy(s -> {
            assertThat(s.actions()).containsExactly("iam:PassRole");
            assertThat(s.flatResources()).singleElement().asString().matches("\\$\\{RdsMonitoringRole[0-9A-F]{8}\\.Arn}");
            assertThat(s.condition()).isEqualTo(
                    Map.of("StringEquals", Map.of("iam:PassedToService", "monitoring.rds.amazonaws.com")));
        });
    }

    @Test
    void kmsIdentityPermissions_coverOnlyTheContextKeysAndTheTopicKey() {
        List<Statement> kms = TemplateStatements.all(TestDeployments.fullyConfigured().template()).stream()
                .filter(s -> s.type().equals("AWS::IAM::Policy"))
                .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("kms:"))).toList();
        assertThat(kms).flatMap(Statement::flatResources).contains(TestDeployments.ACCOUNT_KEY)
                .allMatch(r -> r.equals(TestDeployments.ACCOUNT_KEY) || r.matches("\\$\\{NotificationKey[0-9A-F]{8}\\.Arn}"));
    }

    @Test
    void withoutContextKeys_onlyTheTopicKeyIsUsable() {
        List<Statement> kms = TemplateStatements.all(TestDeployments.defaults().template()).stream()
                .filter(s -> s.type().equals("AWS::IAM::Policy"))
                .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("kms:"))).toList();
        assertThat(kms).isNotEmpty().flatMap(Statement::flatResources)
                .allMatch(r -> r.matches("\\$\\{NotificationKey[0-9A-F]{8}\\.Arn}"));
    }

    @Test
    void rdsMayCreateGrantsOnContextKeys_onlyForItsOwnResources() {
        List<Statement> grants = TemplateStatements.all(TestDeployments.fullyConfigured().template()).stream()
                .filter(s -> s.actions().contains("kms:CreateGrant")).toList();
        assertThat(grants).isNotEmpty().allSatisfy(s -> {
            assertThat(s.flatResources()).containsExactly(TestDeployments.ACCOUNT_KEY);
            assertThat(s.condition()).containsEntry("Bool", Map.of("kms:GrantIsForAWSResource", "true"));
        });
    }

    @Test
    void secrets_areOnlyThoseNamedInContext() {
        assertThat(TemplateStatements.all(TestDeployments.fullyConfigured().template()))
                .filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("secretsmanager:")))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.flatResources()).containsExactly(TestDeployments.APP_SECRET));
    }

    @Test
    void withoutSecretsInContext_onlyTheDbrefreshPrefixIsUsable() {
        assertThat(TemplateStatements.all(TestDeployments.defaults().template()))
                .filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("secretsmanager:")))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.flatResources()).containsExactly(
                        "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:dbrefresh/*"));
    }

    @Test
    void ssmCommands_runOnlyTheShellDocumentOnTheNamedOrTaggedInstances() {
        List<Statement> send = TemplateStatements.all(TestDeployments.fullyConfigured().template()).stream()
                .filter(s -> s.actions().contains("ssm:SendCommand")).toList();
        assertThat(send).flatMap(Statement::flatResources).containsExactlyInAnyOrder(
                "arn:${AWS::Partition}:ssm:${AWS::Region}::document/AWS-RunShellScript",
                "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:instance/" + TestDeployments.RUNNER_INSTANCE,
                "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:instance/*");
        assertThat(send).filteredOn(s -> s.flatResources().stream().anyMatch(r -> r.endsWith("instance/*")))
                .singleElement().satisfies(s -> assertThat(s.condition())
                        .isEqualTo(Map.of("StringEquals", Map.of("ssm:resourceTag/dbrefresh-runner", "true"))));
    }

    @Test
    void withoutScriptRunnerInstances_noStepMayRunCommands() {
        assertThat(TemplateStatements.all(TestDeployments.defaults().template()))
                .flatMap(Statement::actions).noneMatch(a -> a.startsWith("ssm:"));
    }

    @Test
    void sendMsg_mayOnlyPublishToTheTopicAndReadTheCopyBesidesLoggingAndTracing() {
        Template t = TestDeployments.defaults().template();
        String role = StepFunctionsTemplateTest.roleOf(t, StepRegistry.byName("SendMsg").orElseThrow());
        assertThat(TemplateStatements.ofRole(t, role)).flatMap(Statement::actions).containsExactlyInAnyOrder(
                "logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTraceSegments", "xray:PutTelemetryRecords",
                "sns:Publish", "kms:GenerateDataKey", "kms:Decrypt",
                "rds:DescribeDBInstances", "rds:DescribeDBClusters", "rds:DescribeDBSnapshots",
                "rds:DescribeDBClusterSnapshots", "rds:ListTagsForResource");
    }

    @Test
    void withoutSourceAccounts_noRoleMayAssumeAnyRole() {
        assertThat(TemplateStatements.all(TestDeployments.defaults().template()))
                .flatMap(Statement::actions).noneMatch(a -> a.startsWith("sts:"));
    }

    @Test
    void withSourceAccounts_onlyTheCrossAccountStepsAndRecoveryMayAssume_exactlyTheNamedSourceRoles() {
        Template t = TestDeployments.fullyConfigured().template();
        List<String> assuming = java.util.stream.Stream.of(StepRegistry.SHARE_SOURCE, StepRegistry.REMOVE_SOURCE_COPIES,
                StepRegistry.RECOVER, StepRegistry.RECOVER_ENDED_EXECUTION).map(StepFunction::name).toList();

        List<Statement> sts = TemplateStatements.all(t).stream().filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("sts:")))
                .toList();

        assertThat(sts).hasSize(assuming.size()).allSatisfy(s -> {
            assertThat(s.allows()).isTrue();
            assertThat(s.actions()).containsExactly("sts:AssumeRole");
            assertThat(s.flatResources()).containsExactlyInAnyOrder(
                    "arn:${AWS::Partition}:iam::" + TestDeployments.SOURCE_ACCOUNT + ":role/" + CrossAccountNames.ROLE_NAME,
                    TestDeployments.OTHER_SOURCE_ROLE);
            assertThat(s.logicalId()).matches("(" + String.join("|", assuming) + ")Permissions[0-9A-F]+");
        });
        for (String fn : List.of("ShareSource", "RemoveSourceCopies")) {
            String role = StepFunctionsTemplateTest.roleOf(t, StepRegistry.byName(fn).orElseThrow());
            // share-source may accept, in this account, the AWS RAM invitation to a cluster shared for a clone
            assertThat(TemplateStatements.ofRole(t, role)).as(fn + ": nothing in this account but logs and traces")
                    .flatMap(Statement::actions).allMatch(a -> a.equals("sts:AssumeRole") || a.startsWith("logs:") || a.startsWith("xray:")
                            || fn.equals("ShareSource") && List.of("ram:GetResourceShareInvitations", "ram:AcceptResourceShareInvitation")
                                    .contains(a));
        }
    }

    @Test
    void withoutEmailIdentities_noRoleMaySendEmail() {
        assertThat(TemplateStatements.all(TestDeployments.defaults().template()))
                .flatMap(Statement::actions).noneMatch(a -> a.startsWith("ses:"));
    }

    @Test
    void withEmailIdentities_onlyTheFailureReportsSendersMaySendRawEmail_fromExactlyThoseIdentitiesAndConfigurationSets() {
        Template t = TestDeployments.fullyConfigured().template();
        String role = StepFunctionsTemplateTest.roleOf(t, StepRegistry.byName("SendMsg").orElseThrow());
        List<Statement> ses = TemplateStatements.ofRole(t, role).stream()
                .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("ses:"))).toList();

        assertThat(ses).singleElement().satisfies(s -> {
            assertThat(s.allows()).isTrue();
            assertThat(s.actions()).containsExactly("ses:SendRawEmail");
            assertThat(s.flatResources()).containsExactlyInAnyOrder(
                    "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/" + TestDeployments.EMAIL_IDENTITY,
                    "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:configuration-set/" + TestDeployments.EMAIL_CONFIGURATION_SET);
        });
        // the recovery of a stopped or timed-out run sends the failure report send-msg-failure would have sent
        String recovery = StepFunctionsTemplateTest.roleOf(t, StepRegistry.RECOVER_ENDED_EXECUTION);
        assertThat(TemplateStatements.all(t).stream().filter(s -> s.actions().contains("ses:SendRawEmail")))
                .as("no other role").hasSize(2)
                .allSatisfy(s -> assertThat(s.logicalId()).matches("(SendMsg|" + StepRegistry.RECOVER_ENDED_EXECUTION.name()
                        + ")Permissions[0-9A-F]+"))
                .allSatisfy(s -> assertThat(s.actions()).containsExactly("ses:SendRawEmail"));
        assertThat(TemplateStatements.ofRole(t, recovery).stream().filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("ses:"))))
                .singleElement().satisfies(s -> assertThat(s.flatResources()).containsExactlyInAnyOrder(
                        "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/" + TestDeployments.EMAIL_IDENTITY,
                        "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:configuration-set/"
                                + TestDeployments.EMAIL_CONFIGURATION_SET));
    }

    @Test
    void preflight_makesReadCallsOnly_andMayDescribeTheContextKeysAndNoOther() {
        Template t = TestDeployments.fullyConfigured().template();
        String role = StepFunctionsTemplateTest.roleOf(t, StepRegistry.PREFLIGHT);
        List<Statement> statements = TemplateStatements.ofRole(t, role);
        assertThat(statements).flatMap(Statement::actions)
                .allMatch(a -> a.startsWith("logs:") || a.startsWith("xray:")
                        || a.substring(a.indexOf(':') + 1).matches("(Describe|Get|List|Head).*"));
        List<Statement> kms = statements.stream().filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("kms:"))).toList();
        assertThat(kms).singleElement().satisfies(s -> {
            assertThat(s.actions()).containsExactly("kms:DescribeKey");
            assertThat(s.flatResources()).containsExactly(TestDeployments.ACCOUNT_KEY);
        });
        assertThat(statements).flatMap(Statement::actions).filteredOn(a -> a.startsWith("ses:"))
                .as("with e-mail identities: the sender's verification, read only")
                .containsExactly("ses:GetIdentityVerificationAttributes");
        assertThat(TemplateStatements.ofRole(TestDeployments.defaults().template(),
                StepFunctionsTemplateTest.roleOf(TestDeployments.defaults().template(), StepRegistry.PREFLIGHT)))
                .as("no context keys: no key to describe").flatMap(Statement::actions).noneMatch(a -> a.startsWith("kms:"));
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void preflight_mayDescribeSecurityGroups_theOneEc2CallOfAnyFunctionOutsideTheVpc(String deployment) {
        // SecurityGroups (pre-flight) reads the copy's groups; EC2 authorises its describe calls on "*" only
        Template t = template(deployment);
        List<Statement> preflight = TemplateStatements.ofRole(t, StepFunctionsTemplateTest.roleOf(t, StepRegistry.PREFLIGHT));
        assertThat(preflight).filteredOn(Statement::allows).filteredOn(s -> s.actions().contains("ec2:DescribeSecurityGroups"))
                .singleElement().satisfies(s -> assertThat(s.flatResources()).containsExactly("*"));
        assertThat(preflight).flatMap(Statement::actions).filteredOn(a -> a.startsWith("ec2:"))
                .containsExactly("ec2:DescribeSecurityGroups");
        assertThat(TemplateStatements.all(t)).filteredOn(Statement::allows).flatMap(Statement::actions)
                .filteredOn(a -> a.equals("ec2:DescribeSecurityGroups")).hasSize(1);
    }

    @Test
    void updateDynamoDb_mayOnlyUseTheHistoryTableBesidesLoggingAndTracing() {
        Template t = TestDeployments.defaults().template();
        String role = StepFunctionsTemplateTest.roleOf(t, StepRegistry.byName("UpdateDynamoDb").orElseThrow());
        List<Statement> statements = TemplateStatements.ofRole(t, role);
        assertThat(statements).filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("dynamodb:")))
                .flatMap(Statement::flatResources)
                .allMatch(r -> r.matches("\\$\\{History[0-9A-F]{8}\\.Arn}(/index/by-[a-z]+)?"));
        assertThat(statements).flatMap(Statement::actions)
                .allMatch(a -> a.startsWith("dynamodb:") || a.startsWith("logs:") || a.startsWith("xray:"));
    }

    @Test
    void schedules_mayOnlyStartThisStateMachine() {
        Template t = TestDeployments.fullyConfigured().template();
        List<Statement> scheduler = TemplateStatements.ofRole(t, schedulerRole(t));
        assertThat(scheduler).singleElement().satisfies(s -> {
            assertThat(s.actions()).containsExactly("states:StartExecution");
            assertThat(s.flatResources()).singleElement().asString().matches("\\$\\{RefreshStateMachine[0-9A-F]{8}}");
        });
    }

    @ParameterizedTest
    @MethodSource("deployments")
    @SuppressWarnings("unchecked")
    void rolesForStepFunctionsMonitoringAndSchedules_trustTheirServiceForThisAccountOnly(String deployment) {
        Map<String, Map<String, Object>> roles = template(deployment).findResources("AWS::IAM::Role");
        long checked = 0;
        for (Map<String, Object> role : roles.values()) {
            Map<String, Object> document = (Map<String, Object>) StepFunctionsTemplateTest.properties(role)
                    .get("AssumeRolePolicyDocument");
            Map<String, Object> trust = ((List<Map<String, Object>>) document.get("Statement")).get(0);
            Object service = ((Map<String, Object>) trust.get("Principal")).get("Service");
            if (Set.of("states.amazonaws.com", "monitoring.rds.amazonaws.com", "scheduler.amazonaws.com").contains(service)) {
                checked++;
                assertThat(trust.get("Condition")).as("trust of %s", service).isEqualTo(
                        Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))));
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(2);
    }

    @Test
    void fleetSchedules_mayOnlyStartTheFleetStateMachine() {
        Template t = TestDeployments.fullyConfigured().template();
        String role = schedulerRole(t, "FleetStateMachine");
        assertThat(role).isNotEqualTo(schedulerRole(t));
        assertThat(TemplateStatements.ofRole(t, role)).singleElement().satisfies(s -> {
            assertThat(s.actions()).containsExactly("states:StartExecution");
            assertThat(s.flatResources()).singleElement().asString().matches("\\$\\{FleetStateMachine[0-9A-F]{8}}");
        });
    }

    /** The role of the schedules of the refresh state machine. */
    static String schedulerRole(Template t) {
        return schedulerRole(t, "RefreshStateMachine");
    }

    /** The role of the schedules whose target is the state machine of this logical id prefix (one role for them all). */
    @SuppressWarnings("unchecked")
    static String schedulerRole(Template t, String stateMachine) {
        List<String> roles = t.findResources("AWS::Scheduler::Schedule").values().stream()
                .map(s -> (Map<String, Object>) StepFunctionsTemplateTest.properties(s).get("Target"))
                .filter(target -> TemplateStatements.flatten(target.get("Arn")).matches("\\$\\{" + stateMachine + "[0-9A-F]{8}}"))
                .map(target -> TemplateStatements.flatten(target.get("RoleArn")).replaceAll("^\\$\\{(.*)\\.Arn}$", "$1"))
                .distinct().toList();
        assertThat(roles).as("the role of the schedules of %s", stateMachine).hasSize(1);
        return roles.get(0);
    }
}
