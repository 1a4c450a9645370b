package io.dbrefresh.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

import io.dbrefresh.infra.DeploymentSettings.Tag;
import io.dbrefresh.rds.CrossAccountNames;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.rds.TargetGuard;
import io.dbrefresh.steps.Capability;

/**
 * The IAM statements behind each {@link Capability}: every action named (no wildcard in an
 * action), every resource an ARN of this account and region. Where AWS accepts no resource
 * but {@code *} for an action, the statement holds only such actions, so the exception is
 * visible and its nag suppression can say why (see docs/deploy.md, "The IAM it creates").
 *
 * <p>The blast radius: every action that changes or removes an existing database (stop,
 * start, modify and rename, reboot, delete, add or remove tags) is allowed only on databases
 * tagged {@value RefreshTags#MANAGED}{@code =true} (targets a person adopted, copies a refresh
 * made); every create or restore only when the request gives the new database that tag, so
 * a copy is born managed. Deny statements back this up for databases tagged protected or
 * production, for the production databases named in context, and against removing the tag.
 *
 * @param productionDatabases DB instance and cluster identifiers no role may change (context {@code productionDatabases})
 * @param secretArns     the secrets the password and script steps may use
 * @param kmsKeyArns     customer managed keys of databases, snapshots and secrets; empty for AWS managed keys
 * @param ssmInstanceArns  EC2 instances the ec2 script method may target
 * @param ssmInstanceTag   or: the tag that selects them
 * @param historyIndexArns the history table's indexes, one ARN each
 * @param emailIdentityArns SES identities send-msg may send the e-mail report from; empty: none
 * @param emailConfigurationSetArns SES configuration sets the report may be sent with
 * @param sourceRoleArns   the source-account roles a cross-account refresh may assume, each by its ARN (in
 *                         other accounts: the one exception to "this account"); empty: none
 */
public record StepPermissions(
        Stack stack,
        List<String> productionDatabases,
        String monitoringRoleArn,
        List<String> secretArns,
        List<String> kmsKeyArns,
        String scriptsBucketArn,
        List<String> ssmInstanceArns,
        Optional<Tag> ssmInstanceTag,
        String historyTableArn,
        List<String> historyIndexArns,
        String topicArn,
        String topicKeyArn,
        List<String> emailIdentityArns,
        List<String> emailConfigurationSetArns,
        List<String> sourceRoleArns) {

    static final List<String> DATABASES = List.of("db", "cluster");
    static final List<String> SNAPSHOTS = List.of("snapshot", "cluster-snapshot");
    /** What a restore or a new instance names besides the database: groups and options. */
    static final List<String> SETTINGS = List.of("subgrp", "pg", "cluster-pg", "og", "secgrp");

    /** The condition every change to an existing database carries. */
    static final Map<String, Object> ON_MANAGED = Map.of("StringEquals",
            Map.of("aws:ResourceTag/" + RefreshTags.MANAGED, RefreshTags.MANAGED_VALUE));
    /**
     * The condition of a snapshot delete: only a snapshot dbrefresh made, which carries the managed
     * tag and the target it belongs to. No role may put either on a snapshot (a final snapshot
     * takes them from its managed database; a copy is born with them), so no other snapshot qualifies.
     */
    static final Map<String, Object> DBREFRESH_SNAPSHOT = Map.of(
            "StringEquals", Map.of("aws:ResourceTag/" + RefreshTags.MANAGED, RefreshTags.MANAGED_VALUE),
            "Null", Map.of("aws:ResourceTag/" + RefreshTags.SNAPSHOT_OF, "false"));
    /** The condition every create and restore carries: the new database is born managed. */
    static final Map<String, Object> BORN_MANAGED = Map.of(
            "StringEquals", Map.of("aws:RequestTag/" + RefreshTags.MANAGED, RefreshTags.MANAGED_VALUE),
            "ForAnyValue:StringEquals", Map.of("aws:TagKeys", List.of(RefreshTags.MANAGED)));

    /**
     * Every RDS action any role may take on an existing database besides reading it, for the
     * deny statements. Restores are not among them: their source is production, read only.
     */
    static final List<String> CHANGES_TO_DATABASES = List.of(
            "rds:DeleteDBInstance", "rds:DeleteDBCluster", "rds:StopDBInstance", "rds:StopDBCluster",
            "rds:StartDBInstance", "rds:StartDBCluster", "rds:ModifyDBInstance", "rds:ModifyDBCluster",
            "rds:RebootDBInstance", "rds:RebootDBCluster", "rds:AddTagsToResource", "rds:RemoveTagsFromResource",
            "rds:CreateDBInstance", "rds:CreateDBInstanceReadReplica");
    /** The capabilities that change databases: a role with one of them gets the deny statements too. */
    static final Set<Capability> CHANGES = Set.of(Capability.RDS_RESTORE, Capability.RDS_CREATE_INSTANCE,
            Capability.RDS_CREATE_REPLICA, Capability.RDS_STOP_START, Capability.RDS_MODIFY, Capability.RDS_DELETE,
            Capability.RDS_TAG);

    /** The statements for {@code capabilities}, in a stable order. */
    public List<PolicyStatement> statementsFor(Set<Capability> capabilities) {
        List<PolicyStatement> out = new ArrayList<>();
        for (Capability c : Capability.values()) {
            if (capabilities.contains(c)) {
                out.addAll(statements(c));
            }
        }
        if (capabilities.stream().anyMatch(CHANGES::contains)) {
            out.addAll(denies());
        }
        return out;
    }

    /**
     * Explicit denies, which no allow (of this stack or attached later) overrides: no change to a
     * database tagged protected or production, nor to the production databases named in
     * context, and no removal of the managed tag.
     */
    List<PolicyStatement> denies() {
        List<PolicyStatement> out = new ArrayList<>();
        List<String> production = TargetGuard.PRODUCTION.stream().sorted().toList();
        for (String key : TargetGuard.ENVIRONMENT_TAGS.stream().sorted().toList()) {
            out.add(deny(CHANGES_TO_DATABASES, rds(DATABASES),
                    Map.of("StringEqualsIgnoreCase", Map.of("aws:ResourceTag/" + key, production))));
        }
        out.add(deny(CHANGES_TO_DATABASES, rds(DATABASES),
                Map.of("StringEqualsIgnoreCase", Map.of("aws:ResourceTag/" + TargetGuard.PROTECTED_TAG, "true"))));
        if (!productionDatabases.isEmpty()) {
            List<String> named = new ArrayList<>();
            for (String id : productionDatabases) {
                named.addAll(rdsNamed("db", id));
                named.addAll(rdsNamed("cluster", id));
            }
            out.add(deny(CHANGES_TO_DATABASES, named, null));
        }
        out.add(deny(List.of("rds:RemoveTagsFromResource"), rds(DATABASES),
                Map.of("ForAnyValue:StringEquals", Map.of("aws:TagKeys", List.of(RefreshTags.MANAGED)))));
        return out;
    }

    private List<PolicyStatement> statements(Capability c) {
        return switch (c) {
            case RDS_READ -> List.of(allow(
                    List.of("rds:DescribeDBInstances", "rds:DescribeDBClusters", "rds:DescribeDBSnapshots",
                            "rds:DescribeDBClusterSnapshots", "rds:ListTagsForResource"),
                    rds(concat(DATABASES, SNAPSHOTS))));
            case RDS_READ_SETTINGS -> List.of(allow(
                    List.of("rds:DescribeDBSubnetGroups", "rds:DescribeDBParameterGroups",
                            "rds:DescribeDBClusterParameterGroups", "rds:DescribeOptionGroups"),
                    rds(SETTINGS)));
            // these take no resource but "*": reads of the account's quotas and of what RDS offers in the region
            case RDS_READ_ACCOUNT -> List.of(allow(
                    List.of("rds:DescribeAccountAttributes", "rds:DescribeOrderableDBInstanceOptions", "rds:DescribeDBEngineVersions"),
                    List.of("*")));
            // the instance that runs the scripts is found (by tag) and checked online through this list, which takes only "*"
            case SSM_DESCRIBE_INSTANCES -> ssmTargetsConfigured()
                    ? List.of(allow(List.of("ssm:DescribeInstanceInformation"), List.of("*")))
                    : List.of();
            // EC2's describe calls authorise on no resource but "*"; the call reads, it changes nothing
            case EC2_DESCRIBE_SECURITY_GROUPS -> List.of(allow(List.of("ec2:DescribeSecurityGroups"), List.of("*")));
            case HISTORY_DESCRIBE -> List.of(allow(List.of("dynamodb:DescribeTable"), List.of(historyTableArn)));
            case TOPIC_DESCRIBE -> List.of(allow(List.of("sns:GetTopicAttributes"), List.of(topicArn)));
            // tagging at creation is authorised as AddTagsToResource too: allowed only with the managed tag in the request
            case RDS_RESTORE -> restores();
            case RDS_CREATE_INSTANCE -> List.of(bornManaged(
                    List.of("rds:CreateDBInstance", "rds:AddTagsToResource"),
                    rds(concat(DATABASES, SETTINGS))));
            case RDS_CREATE_REPLICA -> List.of(bornManaged(
                    List.of("rds:CreateDBInstanceReadReplica", "rds:AddTagsToResource"),
                    rds(concat(DATABASES, SETTINGS))));
            case RDS_STOP_START -> onTargets(
                    List.of("rds:StopDBInstance", "rds:StartDBInstance", "rds:StopDBCluster", "rds:StartDBCluster"),
                    List.of());
            case RDS_MODIFY -> onTargets(List.of("rds:ModifyDBInstance", "rds:ModifyDBCluster"), SETTINGS);
            // a final snapshot is part of every delete: creating it is authorised on the database and the snapshot;
            // the new snapshot may then be marked with the execution that deleted its database, and with nothing else
            case RDS_DELETE -> List.of(
                    onManaged(List.of("rds:DeleteDBInstance", "rds:DeleteDBCluster", "rds:CreateDBSnapshot",
                            "rds:CreateDBClusterSnapshot", "rds:AddTagsToResource")),
                    allow(List.of("rds:CreateDBSnapshot", "rds:CreateDBClusterSnapshot"), rds(SNAPSHOTS)),
                    PolicyStatement.Builder.create().actions(List.of("rds:AddTagsToResource")).resources(rds(SNAPSHOTS))
                            .conditions(Map.of("ForAllValues:StringEquals", Map.of("aws:TagKeys", List.of(RefreshTags.EXECUTION)),
                                    "Null", Map.of("aws:TagKeys", "false")))
                            .build());
            case RDS_TAG -> List.of(onManaged(List.of("rds:AddTagsToResource", "rds:RemoveTagsFromResource")));
            case RDS_SNAPSHOT_PRUNE -> List.of(PolicyStatement.Builder.create()
                    .actions(List.of("rds:DeleteDBSnapshot", "rds:DeleteDBClusterSnapshot"))
                    .resources(rds(SNAPSHOTS)).conditions(DBREFRESH_SNAPSHOT).build());
            case PASS_MONITORING_ROLE -> List.of(PolicyStatement.Builder.create()
                    .actions(List.of("iam:PassRole"))
                    .resources(List.of(monitoringRoleArn))
                    .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "monitoring.rds.amazonaws.com")))
                    .build());
            case KMS_FOR_RDS -> kmsKeyArns.isEmpty() ? List.of() : List.of(
                    allow(List.of("kms:DescribeKey"), kmsKeyArns),
                    PolicyStatement.Builder.create()
                            .actions(List.of("kms:CreateGrant"))
                            .resources(kmsKeyArns)
                            .conditions(Map.of(
                                    "Bool", Map.of("kms:GrantIsForAWSResource", "true"),
                                    "StringEquals", Map.of("kms:ViaService", "rds." + Aws.REGION + ".amazonaws.com")))
                            .build());
            // pre-flight reads a file's kmskeyid: the keys the deployment may use, described and nothing more
            case KMS_DESCRIBE -> kmsKeyArns.isEmpty() ? List.of() : List.of(allow(List.of("kms:DescribeKey"), kmsKeyArns));
            // the action takes no resource but "*"; only a deployment that may send e-mail reads it
            case SES_VERIFICATION_READ -> emailIdentityArns.isEmpty() ? List.of()
                    : List.of(allow(List.of("ses:GetIdentityVerificationAttributes"), List.of("*")));
            case SECRETS_DESCRIBE -> List.of(allow(List.of("secretsmanager:DescribeSecret"), secretArns));
            case SECRETS_READ -> withSecretsKeys(
                    allow(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"), secretArns),
                    List.of("kms:Decrypt"));
            // the password step creates the named secret when it does not exist yet (with its tags), within the same scope
            case SECRETS_WRITE -> withSecretsKeys(
                    allow(List.of("secretsmanager:PutSecretValue", "secretsmanager:DescribeSecret",
                            "secretsmanager:CreateSecret", "secretsmanager:TagResource"), secretArns),
                    List.of("kms:Decrypt", "kms:GenerateDataKey"));
            case SECRETS_ROTATE -> List.of(
                    allow(List.of("secretsmanager:RotateSecret", "secretsmanager:DescribeSecret"), secretArns));
            case SCRIPTS_READ -> List.of(
                    allow(List.of("s3:ListBucket"), List.of(scriptsBucketArn)),
                    allow(List.of("s3:GetObject"), List.of(scriptsBucketArn + "/*")));
            // a large fleet's refresh files: the one prefix start --fleet writes them under, read only
            case FLEET_FILES_READ -> List.of(allow(List.of("s3:GetObject"),
                    List.of(scriptsBucketArn + "/" + io.dbrefresh.fleet.StoredRefreshFiles.PREFIX + "*")));
            case SCRIPTS_WRITE -> List.of(allow(List.of("s3:PutObject", "s3:DeleteObject"), List.of(scriptsBucketArn + "/*")));
            case SSM_RUN_COMMAND -> ssmRunCommand();
            // GetCommandInvocation and ListCommandInvocations accept no resource but "*"
            case SSM_READ_COMMAND -> ssmTargetsConfigured()
                    ? List.of(allow(List.of("ssm:GetCommandInvocation", "ssm:ListCommandInvocations"), List.of("*")))
                    : List.of();
            case HISTORY_WRITE -> List.of(
                    allow(List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:GetItem", "dynamodb:DeleteItem",
                            "dynamodb:Query"), List.of(historyTableArn)),
                    allow(List.of("dynamodb:Query"), historyIndexArns));
            case NOTIFY -> notifications();
            // the network interfaces are granted where the function is placed in the VPC
            case ASSUME_SOURCE_ROLE -> sourceRoleArns.isEmpty() ? List.of()
                    : List.of(allow(List.of("sts:AssumeRole"), sourceRoleArns));
            // GetResourceShareInvitations takes no resource but "*"; the acceptance only invitations the source accounts sent
            case ACCEPT_SHARED_CLUSTER -> sourceAccounts().isEmpty() ? List.of() : List.of(
                    allow(List.of("ram:GetResourceShareInvitations"), List.of("*")),
                    allow(List.of("ram:AcceptResourceShareInvitation"), sourceAccounts().stream()
                            .map(a -> stack.formatArn(ArnComponents.builder().service("ram").account(a)
                                    .resource("resource-share-invitation").resourceName("*").build())).toList()));
            // DATABASE_LOGIN is the database's own password, not IAM
            case IN_DATABASE_VPC, INVOKE_SCRIPT_RUNNER, READ_EXECUTIONS, DATABASE_LOGIN -> List.of();
        };
    }

    /**
     * Restores into this account; across accounts also from what a source account shares with it:
     * the snapshot copies share-source names {@value CrossAccountNames#COPY_PREFIX}*, and a
     * cluster shared through AWS RAM for a clone. The new database is born managed either way.
     */
    private List<PolicyStatement> restores() {
        List<String> actions = List.of("rds:RestoreDBInstanceToPointInTime", "rds:RestoreDBInstanceFromDBSnapshot",
                "rds:RestoreDBClusterToPointInTime", "rds:RestoreDBClusterFromSnapshot", "rds:CopyDBSnapshot", "rds:AddTagsToResource");
        List<PolicyStatement> out = new ArrayList<>(List.of(bornManaged(actions, rds(concat(DATABASES, SNAPSHOTS, SETTINGS)))));
        List<String> shared = new ArrayList<>();
        for (String account : sourceAccounts()) {
            shared.add(inAccount(account, "snapshot", CrossAccountNames.COPY_PREFIX + "*"));
            shared.add(inAccount(account, "cluster-snapshot", CrossAccountNames.COPY_PREFIX + "*"));
            shared.add(inAccount(account, "cluster", "*"));
        }
        if (!shared.isEmpty()) {
            out.add(bornManaged(List.of("rds:RestoreDBInstanceFromDBSnapshot", "rds:RestoreDBClusterFromSnapshot",
                    "rds:RestoreDBClusterToPointInTime"), shared));
        }
        return out;
    }

    /** The accounts of the source roles (sts:AssumeRole's resources): their copies and clusters are what they share. */
    List<String> sourceAccounts() {
        return sourceRoleArns.stream().map(r -> r.split(":")).filter(p -> p.length > 4 && p[4].matches("[0-9]{12}"))
                .map(p -> p[4]).distinct().sorted().toList();
    }

    private String inAccount(String account, String type, String name) {
        return stack.formatArn(ArnComponents.builder().service("rds").account(account).resource(type).resourceName(name)
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
    }

    /** The topic, and SES only on the identities (and configuration sets) the deployment names. */
    private List<PolicyStatement> notifications() {
        List<PolicyStatement> out = new ArrayList<>(List.of(
                allow(List.of("sns:Publish"), List.of(topicArn)),
                allow(List.of("kms:GenerateDataKey", "kms:Decrypt"), List.of(topicKeyArn))));
        if (!emailIdentityArns.isEmpty()) {
            List<String> resources = new ArrayList<>(emailIdentityArns);
            resources.addAll(emailConfigurationSetArns);
            out.add(allow(List.of("ses:SendRawEmail"), resources));
        }
        return out;
    }

    /**
     * Actions that change or remove a database: on instances and clusters, only managed ones;
     * on the groups they use ({@code others}) without the tag, since a group is used, not
     * changed, and carries no such tag.
     */
    private List<PolicyStatement> onTargets(List<String> actions, List<String> others) {
        List<PolicyStatement> out = new ArrayList<>();
        out.add(onManaged(actions));
        if (!others.isEmpty()) {
            out.add(allow(actions, rds(others)));
        }
        return out;
    }

    private PolicyStatement onManaged(List<String> actions) {
        return PolicyStatement.Builder.create().actions(actions).resources(rds(DATABASES)).conditions(ON_MANAGED).build();
    }

    private static PolicyStatement bornManaged(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().actions(actions).resources(resources).conditions(BORN_MANAGED).build();
    }

    private static PolicyStatement deny(List<String> actions, List<String> resources, Map<String, Object> conditions) {
        PolicyStatement.Builder b = PolicyStatement.Builder.create().effect(Effect.DENY).actions(actions).resources(resources);
        if (conditions != null) {
            b.conditions(conditions);
        }
        return b.build();
    }

    private List<PolicyStatement> withSecretsKeys(PolicyStatement secrets, List<String> kmsActions) {
        if (kmsKeyArns.isEmpty()) {
            return List.of(secrets);
        }
        return List.of(secrets, PolicyStatement.Builder.create()
                .actions(kmsActions)
                .resources(kmsKeyArns)
                .conditions(Map.of("StringEquals",
                        Map.of("kms:ViaService", "secretsmanager." + Aws.REGION + ".amazonaws.com")))
                .build());
    }

    private List<PolicyStatement> ssmRunCommand() {
        if (!ssmTargetsConfigured()) {
            return List.of();
        }
        String document = stack.formatArn(ArnComponents.builder().service("ssm").account("").resource("document")
                .resourceName("AWS-RunShellScript").build());
        List<PolicyStatement> out = new ArrayList<>();
        out.add(allow(List.of("ssm:SendCommand"), List.of(document)));
        if (!ssmInstanceArns.isEmpty()) {
            out.add(allow(List.of("ssm:SendCommand"), ssmInstanceArns));
        }
        ssmInstanceTag.ifPresent(t -> out.add(PolicyStatement.Builder.create()
                .actions(List.of("ssm:SendCommand"))
                .resources(List.of(stack.formatArn(ArnComponents.builder().service("ec2").resource("instance")
                        .resourceName("*").build())))
                .conditions(Map.of("StringEquals", Map.of("ssm:resourceTag/" + t.key(), t.value())))
                .build()));
        return out;
    }

    private boolean ssmTargetsConfigured() {
        return !ssmInstanceArns.isEmpty() || ssmInstanceTag.isPresent();
    }

    /** {@code arn:<partition>:rds:<region>:<account>:<type>:<id>}; an ARN given as the id is kept as it is. */
    List<String> rdsNamed(String type, String id) {
        if (id.startsWith("arn:")) {
            return id.contains(":" + type + ":") ? List.of(id) : List.of();
        }
        return List.of(stack.formatArn(ArnComponents.builder().service("rds").resource(type)
                .resourceName(id).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build()));
    }

    /** {@code arn:<partition>:rds:<region>:<account>:<type>:*} for each type. */
    List<String> rds(List<String> types) {
        return types.stream().map(type -> stack.formatArn(ArnComponents.builder().service("rds").resource(type)
                .resourceName("*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build())).toList();
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().actions(actions).resources(resources).build();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return out;
    }
}
