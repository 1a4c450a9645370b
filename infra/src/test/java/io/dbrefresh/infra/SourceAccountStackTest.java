package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.dbrefresh.infra.TemplateStatements.Statement;
import io.dbrefresh.rds.CrossAccountNames;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** The production account's stack: a sharing key and a role that can touch only the named sources and its own copies. */
class SourceAccountStackTest {

    private static final String TARGET = "444455556666";
    private static final String OTHER_TARGET = "777788889999";
    private static final List<String> SOURCES = List.of("shopprod", "shopprod-aurora");

    private static final SourceAccountStack STACK = synth(Map.of(
            "sourceDatabases", String.join(",", SOURCES), "targetAccountIds", List.of(TARGET, OTHER_TARGET)));
    private static final Template TEMPLATE = Template.fromStack(STACK);

    /** Every action the role may take: a new one must be added here on purpose. */
    private static final Set<String> ROLE_ACTIONS = Set.of(
            "rds:DescribeDBInstances", "rds:DescribeDBClusters", "rds:ListTagsForResource",
            "rds:DescribeDBSnapshots", "rds:DescribeDBClusterSnapshots",
            "rds:CreateDBSnapshot", "rds:CreateDBClusterSnapshot", "rds:CopyDBSnapshot", "rds:CopyDBClusterSnapshot",
            "rds:AddTagsToResource", "rds:ModifyDBSnapshotAttribute", "rds:ModifyDBClusterSnapshotAttribute",
            "rds:DeleteDBSnapshot", "rds:DeleteDBClusterSnapshot",
            "kms:DescribeKey", "kms:CreateGrant", "kms:Decrypt", "kms:Encrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo",
            "kms:GenerateDataKeyWithoutPlaintext",
            "ram:CreateResourceShare", "ram:TagResource", "ram:DeleteResourceShare", "ram:DisassociateResourceShare",
            "ram:GetResourceShareAssociations", "ram:GetResourceShares");

    @Test
    void theRole_isAssumableOnlyByTheTargetAccountsDbrefreshRoles() {
        TEMPLATE.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of(
                "RoleName", CrossAccountNames.ROLE_NAME,
                "MaxSessionDuration", 3600)));
        String trust = TemplateStatements.flatten(TEMPLATE.findResources("AWS::IAM::Role").values().iterator().next()
                .get("Properties"));
        assertThat(trust).contains(":iam::" + TARGET + ":root", ":iam::" + OTHER_TARGET + ":root",
                ":iam::" + TARGET + ":role/DbRefresh-*", ":iam::" + OTHER_TARGET + ":role/DbRefresh-*", "aws:PrincipalArn");
    }

    @Test
    void theRole_takesNoActionBeyondReadingCopyingSharingAndDeletingItsCopies() {
        assertThat(roleStatements()).allSatisfy(s -> assertThat(s.allows()).isTrue())
                .flatMap(Statement::actions).isSubsetOf(ROLE_ACTIONS)
                .noneMatch(a -> a.contains("*"))
                .noneMatch(a -> a.matches("rds:(Delete|Modify|Stop|Start|Reboot)DB(Instance|Cluster)|rds:RestoreDB.*"));
    }

    @Test
    void sharingAndDeleting_holdOnlyOnTheCopiesPrefix() {
        List<String> resources = roleStatements().stream()
                .filter(s -> s.actions().stream().anyMatch(a -> a.matches("rds:(Delete|Modify)DB(Cluster)?SnapshotAttribute?")
                        || a.startsWith("rds:Delete")))
                .flatMap(s -> s.flatResources().stream()).toList();

        assertThat(resources).isNotEmpty().allSatisfy(r -> assertThat(r).matches(".*:(cluster-)?snapshot:" + CrossAccountNames.COPY_PREFIX + "\\*"));
    }

    @Test
    void everyRdsResource_isANamedSourceItsSnapshotsOrACopy() {
        List<String> rds = roleStatements().stream().flatMap(s -> s.flatResources().stream()).filter(r -> r.contains(":rds:")).toList();

        assertThat(rds).isNotEmpty().allSatisfy(r -> assertThat(r).matches(
                ".*:(db|cluster):(shopprod|shopprod-aurora)"
                        + "|.*:(cluster-)?snapshot:(rds:)?(shopprod|shopprod-aurora)-\\*"
                        + "|.*:(cluster-)?snapshot:" + CrossAccountNames.COPY_PREFIX + "\\*"));
    }

    @Test
    void clusterSharing_isConditionedOnTheNamedClustersAndTheTargetAccounts() {
        Statement create = roleStatements().stream().filter(s -> s.actions().contains("ram:CreateResourceShare")).findFirst().orElseThrow();
        String condition = TemplateStatements.flatten(create.condition());

        assertThat(condition).contains("rds:Cluster", TARGET, OTHER_TARGET, ":cluster:shopprod", "dbrefresh:managed")
                .contains("ram:ResourceArn", "ram:Principal");
    }

    @Test
    void ramSharesMayBeChangedDeletedOrReadOnlyWithTheManagedTag_andOnlyListingTakesEveryResource() {
        List<Statement> onShares = roleStatements().stream()
                .filter(s -> s.actions().stream().anyMatch(a -> a.matches("ram:(DeleteResourceShare|DisassociateResourceShare|GetResourceShareAssociations)")))
                .toList();

        assertThat(onShares).isNotEmpty().allSatisfy(s -> {
            assertThat(s.flatResources()).allSatisfy(r -> assertThat(r).matches(".*:ram:.*:resource-share/\\*"));
            assertThat(s.condition()).isEqualTo(Map.of("StringEquals", Map.of("aws:ResourceTag/dbrefresh:managed", "true")));
        });
        assertThat(roleStatements()).filteredOn(s -> s.flatResources().contains("*")).flatMap(Statement::actions)
                .containsExactly("ram:GetResourceShares");
    }

    @Test
    void theSharingKey_rotates_andTheTargetsMayUseItThroughRdsOnly() {
        TEMPLATE.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
        TEMPLATE.hasResourceProperties("AWS::KMS::Alias", Match.objectLike(Map.of("AliasName", CrossAccountNames.KEY_ALIAS)));
        List<Statement> forTargets = TemplateStatements.all(TEMPLATE).stream()
                .filter(s -> "AWS::KMS::Key".equals(s.type()) && TemplateStatements.flatten(s.body().get("Principal")).contains(TARGET))
                .toList();

        assertThat(forTargets).singleElement().satisfies(s -> {
            assertThat(s.actions()).doesNotContain("kms:*", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion");
            assertThat(TemplateStatements.flatten(s.condition())).contains("kms:ViaService", "rds.");
        });
    }

    @Test
    void awsSolutionsChecks_reportNoUnsuppressedErrorOrWarning() {
        List<SynthesisMessage> findings = new java.util.ArrayList<>(Annotations.fromStack(STACK)
                .findError("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        findings.addAll(Annotations.fromStack(STACK).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));

        assertThat(findings).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }

    @Test
    void cfnLint_findsNothingInTheSourceTemplate() throws Exception {
        java.nio.file.Path out = TestDeployments.INFRA.resolve("target/cfn-lint");
        java.nio.file.Files.createDirectories(out);
        java.nio.file.Path template = out.resolve("source-account.template.json");
        io.dbrefresh.refreshfile.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(template.toFile(), TEMPLATE.toJSON());

        Process lint = new ProcessBuilder("cfn-lint", "--format", "parseable", "--", template.toString())
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(lint.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).as("cfn-lint finished").isTrue();
        assertThat(output).as("cfn-lint findings").isEmpty();
        assertThat(lint.exitValue()).isZero();
    }

    @Test
    void withoutSourceDatabasesAndTargets_thereIsNoSourceStack() {
        App app = App.Builder.create().build();
        assertThat(DbRefreshApp.buildSourceAccount(app)).isEmpty();
    }

    @Test
    void sourcesWithoutTargets_orAWildcardSource_refuseToSynthesize() {
        assertThatThrownBy(() -> synth(Map.of("sourceDatabases", "shopprod")))
                .isInstanceOf(InvalidDeploymentSettingsException.class).hasMessageContaining("targetAccountIds");
        assertThatThrownBy(() -> synth(Map.of("sourceDatabases", "shop*", "targetAccountIds", TARGET)))
                .isInstanceOf(InvalidDeploymentSettingsException.class).hasMessageContaining("no wildcard");
        assertThatThrownBy(() -> synth(Map.of("sourceDatabases", "shopprod", "targetAccountIds", "4444")))
                .isInstanceOf(InvalidDeploymentSettingsException.class).hasMessageContaining("12-digit");
    }

    private static List<Statement> roleStatements() {
        String role = TEMPLATE.findResources("AWS::IAM::Role").keySet().iterator().next();
        return TemplateStatements.ofRole(TEMPLATE, role);
    }

    private static SourceAccountStack synth(Map<String, Object> context) {
        Map<String, Object> all = new HashMap<>(TestDeployments.cdkJsonContext());
        all.putAll(context);
        App app = App.Builder.create().context(all).build();
        SourceAccountStack stack = DbRefreshApp.buildSourceAccount(app).orElseThrow();
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        app.synth();
        return stack;
    }
}
