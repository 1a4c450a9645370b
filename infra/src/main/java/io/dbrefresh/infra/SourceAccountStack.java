package io.dbrefresh.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

import io.dbrefresh.rds.CrossAccountNames;
import io.dbrefresh.rds.RefreshTags;

/**
 * The production (source) account's side of a cross-account refresh: a key made for sharing
 * and a role the target account's dbrefresh functions assume. The role may describe the named
 * sources and their snapshots, snapshot them, copy their snapshots re-encrypted with the
 * sharing key, share those copies with the target accounts, share the named clusters through
 * AWS RAM for cloning, and delete the copies and shares it made; nothing else. Everything it
 * creates carries the {@value CrossAccountNames#COPY_PREFIX} name prefix and the managed tag,
 * and its share and delete rights hold on that prefix only.
 */
public final class SourceAccountStack extends Stack {

    /** The stack name unless {@code sourceStackName} says otherwise. */
    public static final String DEFAULT_STACK_NAME = "DbRefreshSource";

    private final SourceAccountSettings settings;
    private final Key sharingKey;
    private final Role role;

    public SourceAccountStack(Construct scope, String id, StackProps props, SourceAccountSettings settings) {
        super(scope, id, props);
        this.settings = settings;
        this.sharingKey = createSharingKey();
        this.role = createRole();
        grantReads();
        grantSnapshotsAndCopies();
        grantKeys();
        grantClusterSharing();
        suppressFindings();
        createOutputs();
    }

    public Role role() {
        return role;
    }

    public Key sharingKey() {
        return sharingKey;
    }

    /** Snapshots under the default aws/rds key cannot be shared: copies are re-encrypted with this one, which the targets may use through RDS. */
    private Key createSharingKey() {
        Key key = Key.Builder.create(this, "SharingKey")
                .description("dbrefresh: re-encrypts snapshot copies shared with the non-production accounts")
                .alias(CrossAccountNames.KEY_ALIAS)
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(30))
                .build();
        for (String target : settings.targetAccountIds()) {
            key.addToResourcePolicy(PolicyStatement.Builder.create()
                    .sid("TargetAccount" + target + "ThroughRds")
                    .principals(List.of(new AccountPrincipal(target)))
                    .actions(List.of("kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant", "kms:ReEncryptFrom",
                            "kms:ReEncryptTo", "kms:GenerateDataKeyWithoutPlaintext"))
                    .resources(List.of("*"))
                    .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "rds." + Aws.REGION + ".amazonaws.com")))
                    .build());
        }
        return key;
    }

    /** Trusted by the target accounts' dbrefresh function roles only (named after their stack), not by the whole account. */
    private Role createRole() {
        List<String> callers = settings.targetAccountIds().stream()
                .map(a -> "arn:" + Aws.PARTITION + ":iam::" + a + ":role/" + settings.targetStackName() + "-*").toList();
        Role r = Role.Builder.create(this, "SourceAccess")
                .roleName(CrossAccountNames.ROLE_NAME)
                .description("dbrefresh: copies and shares snapshots of the named sources with the non-production accounts")
                .assumedBy(new AccountPrincipal(settings.targetAccountIds().getFirst())
                        .withConditions(Map.of("ArnLike", Map.of("aws:PrincipalArn", callers))))
                .maxSessionDuration(Duration.hours(1))
                .build();
        for (String other : settings.targetAccountIds().subList(1, settings.targetAccountIds().size())) {
            r.getAssumeRolePolicy().addStatements(PolicyStatement.Builder.create()
                    .principals(List.of(new AccountPrincipal(other)))
                    .actions(List.of("sts:AssumeRole"))
                    .conditions(Map.of("ArnLike", Map.of("aws:PrincipalArn", callers)))
                    .build());
        }
        return r;
    }

    private void grantReads() {
        List<String> sources = new ArrayList<>();
        for (String source : settings.sourceDatabases()) {
            sources.add(rds("db", source));
            sources.add(rds("cluster", source));
        }
        role.addToPolicy(allow(List.of("rds:DescribeDBInstances", "rds:DescribeDBClusters"), sources));
        // the copies' tags say which execution made them (removal) and what they were copied from
        List<String> tagged = new ArrayList<>(sources);
        tagged.addAll(copies());
        role.addToPolicy(allow(List.of("rds:ListTagsForResource"), tagged));
        List<String> snapshots = new ArrayList<>(sources);
        snapshots.addAll(sourceSnapshots());
        snapshots.addAll(copies());
        role.addToPolicy(allow(List.of("rds:DescribeDBSnapshots", "rds:DescribeDBClusterSnapshots"), snapshots));
    }

    /**
     * A fresh snapshot of a named source, or a copy of one of its snapshots, is born under the
     * copy prefix with the managed tag; only such snapshots may be shared or deleted.
     */
    private void grantSnapshotsAndCopies() {
        List<String> sources = new ArrayList<>();
        for (String source : settings.sourceDatabases()) {
            sources.add(rds("db", source));
            sources.add(rds("cluster", source));
        }
        List<String> fresh = new ArrayList<>(sources);
        fresh.addAll(copies());
        role.addToPolicy(allow(List.of("rds:CreateDBSnapshot", "rds:CreateDBClusterSnapshot"), fresh));
        List<String> copyFrom = new ArrayList<>(sourceSnapshots());
        copyFrom.addAll(copies());
        role.addToPolicy(allow(List.of("rds:CopyDBSnapshot", "rds:CopyDBClusterSnapshot"), copyFrom));
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("rds:AddTagsToResource"))
                .resources(copies())
                .conditions(Map.of("StringEquals", Map.of("aws:RequestTag/" + RefreshTags.MANAGED, RefreshTags.MANAGED_VALUE)))
                .build());
        role.addToPolicy(allow(List.of("rds:ModifyDBSnapshotAttribute", "rds:ModifyDBClusterSnapshotAttribute",
                "rds:DeleteDBSnapshot", "rds:DeleteDBClusterSnapshot"), copies()));
    }

    /** The sharing key for the copies; the sources' own customer managed keys to read them, through RDS only. */
    private void grantKeys() {
        List<String> keys = new ArrayList<>(List.of(sharingKey.getKeyArn()));
        keys.addAll(settings.sourceKmsKeyArns());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kms:DescribeKey", "kms:CreateGrant", "kms:Decrypt", "kms:Encrypt", "kms:ReEncryptFrom",
                        "kms:ReEncryptTo", "kms:GenerateDataKeyWithoutPlaintext"))
                .resources(keys)
                .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "rds." + Aws.REGION + ".amazonaws.com")))
                .build());
    }

    /**
     * Aurora cloning across accounts: a RAM share of a named cluster, to a target account only,
     * tagged at creation; only shares with the managed tag may be changed or deleted.
     */
    private void grantClusterSharing() {
        String shares = formatArn(ArnComponents.builder().service("ram").resource("resource-share").resourceName("*").build());
        List<String> clusters = settings.sourceDatabases().stream().map(s -> rds("cluster", s)).toList();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ram:CreateResourceShare", "ram:TagResource"))
                .resources(List.of(shares))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:RequestTag/" + RefreshTags.MANAGED, RefreshTags.MANAGED_VALUE,
                                "ram:RequestedResourceType", "rds:Cluster"),
                        "ForAllValues:StringEquals", Map.of("ram:Principal", settings.targetAccountIds()),
                        "ForAllValues:ArnEquals", Map.of("ram:ResourceArn", clusters)))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ram:DeleteResourceShare", "ram:DisassociateResourceShare", "ram:GetResourceShareAssociations"))
                .resources(List.of(shares))
                .conditions(Map.of("StringEquals", Map.of("aws:ResourceTag/" + RefreshTags.MANAGED, RefreshTags.MANAGED_VALUE)))
                .build());
        // GetResourceShares lists; it takes no resource but "*" and reveals names only
        role.addToPolicy(allow(List.of("ram:GetResourceShares"), List.of("*")));
    }

    private void suppressFindings() {
        NagSuppressions.addResourceSuppressions(role, List.of(
                NagPackSuppression.builder().id(NagReasons.WILDCARD)
                        .reason("Snapshot names of a source are only known at run time (automated snapshots are rds:<source>-<date>); "
                                + "the patterns name the sources of the sourceDatabases context value, and the copies this role makes "
                                + "under the " + CrossAccountNames.COPY_PREFIX + " prefix, the only snapshots it may share or delete.")
                        .appliesTo(List.of(RegexAppliesTo.builder()
                                .regex("/^Resource::arn:<AWS::Partition>:rds:<AWS::Region>:<AWS::AccountId>:(cluster-)?snapshot:.*\\*$/")
                                .build()))
                        .build(),
                NagPackSuppression.builder().id(NagReasons.WILDCARD)
                        .reason("RAM share ARNs carry a generated id: creation is conditioned on the resource type, the named clusters, "
                                + "the target accounts and the managed tag in the request; changes and deletion on that tag; "
                                + "ram:GetResourceShares accepts only \"*\".")
                        .appliesTo(List.of("Resource::*", RegexAppliesTo.builder()
                                .regex("/^Resource::arn:<AWS::Partition>:ram:<AWS::Region>:<AWS::AccountId>:resource-share\\/\\*$/")
                                .build()))
                        .build()), true);
    }

    private void createOutputs() {
        CfnOutput.Builder.create(this, "SourceRoleArn").value(role.getRoleArn())
                .description("restore.sourceaccount.rolearn in the refresh files of the target accounts").build();
        CfnOutput.Builder.create(this, "SharingKeyArn").value(sharingKey.getKeyArn()).build();
    }

    /** Automated ({@code rds:<source>-...}) and manual ({@code <source>-...}) snapshots of each named source. */
    private List<String> sourceSnapshots() {
        List<String> out = new ArrayList<>();
        for (String source : settings.sourceDatabases()) {
            for (String type : List.of("snapshot", "cluster-snapshot")) {
                out.add(rds(type, "rds:" + source + "-*"));
                out.add(rds(type, source + "-*"));
            }
        }
        return out;
    }

    private List<String> copies() {
        return List.of(rds("snapshot", CrossAccountNames.COPY_PREFIX + "*"), rds("cluster-snapshot", CrossAccountNames.COPY_PREFIX + "*"));
    }

    private String rds(String type, String name) {
        return formatArn(ArnComponents.builder().service("rds").resource(type).resourceName(name)
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
    }
}
