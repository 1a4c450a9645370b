package io.dbrefresh.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.constructs.IConstruct;

import io.dbrefresh.steps.Capability;

/**
 * Each cdk-nag AwsSolutions finding this stack accepts, with the reason a reviewer can check.
 * Suppressions name the exact resource pattern they accept ({@code appliesTo}), so a new
 * wildcard elsewhere is still reported. docs/deploy.md repeats these in prose.
 */
final class NagReasons {

    static final String WILDCARD = "AwsSolutions-IAM5";
    /** What a finding names when a statement's resource is "*": for actions AWS lets act on no narrower resource. */
    private static final String ANY_RESOURCE = "Resource::*";

    private static final NagPackSuppression RDS_BY_TYPE = wildcard(
            "The databases, snapshots and groups a step acts on are named in each refresh file and known only at "
                    + "run time. Resources are RDS ARNs of one type in this account and region; every change to an existing "
                    + "database is conditioned on its dbrefresh:managed=true tag, every create and restore on that tag in the request.",
            matching("/^Resource::arn:<AWS::Partition>:rds:<AWS::Region>:<AWS::AccountId>:[a-z-]+:\\*$/"));

    private static final NagPackSuppression SHARED_BY_SOURCE_ACCOUNTS = wildcard(
            "A refresh across accounts restores what a source account named in context shares with this one: the "
                    + "snapshot copies share-source makes there (named dbrefresh-xa-*, made per execution) and a cluster "
                    + "shared through AWS RAM for a clone (the source-account stack shares only its named sources). Restores "
                    + "only, each conditioned on the dbrefresh:managed=true tag in the request.",
            matching("/^Resource::arn:<AWS::Partition>:rds:<AWS::Region>:[0-9]{12}:(cluster:\\*|(cluster-)?snapshot:dbrefresh-xa-\\*)$/"));

    private static final NagPackSuppression RAM_INVITATIONS = wildcard(
            "share-source accepts the AWS RAM invitation to a source cluster shared for a clone: "
                    + "ram:GetResourceShareInvitations accepts only \"*\"; ram:AcceptResourceShareInvitation only invitations "
                    + "sent by the source accounts named in context, whose ids are generated.",
            ANY_RESOURCE, matching("/^Resource::arn:<AWS::Partition>:ram:<AWS::Region>:[0-9]{12}:resource-share-invitation\\/\\*$/"));

    private static final NagPackSuppression X_RAY = wildcard(
            "Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords (and the sampling reads of "
                    + "Step Functions) have no resource-level permissions; AWS accepts only \"*\".",
            ANY_RESOURCE);

    private static final NagPackSuppression SECRETS = wildcard(
            "Secrets Manager appends a random suffix to every secret ARN; the secrets usable are those under the "
                    + "secretNamePrefix name prefix (dbrefresh/ by default), or the ones the secretArns context value names.",
            matching("/^Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:.*\\*$/"));

    private static final NagPackSuppression SCRIPT_OBJECTS = wildcard(
            "The script keys and report prefixes come from each refresh file; access is to objects of this "
                    + "stack's scripts bucket only.",
            matching("/^Resource::<Scripts[0-9A-F]{8}\\.Arn>\\/\\*$/"));

    private static final NagPackSuppression FLEET_FILES = wildcard(
            "A large fleet's refresh files are one object per refresh, named by the fleet execution and the target; "
                    + "read access is to that one prefix of this stack's scripts bucket only.",
            matching("/^Resource::<Scripts[0-9A-F]{8}\\.Arn>\\/fleet-files\\/\\*$/"));

    private static final NagPackSuppression NETWORK_AND_COMMANDS = wildcard(
            "The EC2 network-interface calls Lambda makes to join the VPC, and ssm:GetCommandInvocation and "
                    + "ssm:ListCommandInvocations, accept only \"*\"; no other action shares these statements.",
            ANY_RESOURCE);

    private static final NagPackSuppression SES_VERIFICATION = wildcard(
            "Pre-flight reads whether the e-mail sender is verified: ses:GetIdentityVerificationAttributes is a read "
                    + "that accepts only \"*\"; granted only where the deployment names e-mail identities.",
            ANY_RESOURCE);

    private static final NagPackSuppression ACCOUNT_READS = wildcard(
            "Pre-flight reads the account's RDS quotas, the orderable instance options and engine versions, and the "
                    + "script method's instances in Systems Manager and the copy's VPC security groups: rds:DescribeAccountAttributes, "
                    + "rds:DescribeOrderableDBInstanceOptions, rds:DescribeDBEngineVersions, ssm:DescribeInstanceInformation "
                    + "and ec2:DescribeSecurityGroups are reads that accept only \"*\".",
            ANY_RESOURCE);

    private static final NagPackSuppression EC2_INSTANCES_BY_TAG = wildcard(
            "The ec2 script method may send commands to instances carrying the scriptRunnerInstanceTag tag: "
                    + "any instance id, narrowed by the ssm:resourceTag condition.",
            matching("/^Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:instance\\/\\*$/"));

    private static final NagPackSuppression JAVA_21 = NagPackSuppression.builder()
            .id("AwsSolutions-L1")
            .reason("The handlers are built and tested for Java 21 (the project's bytecode level), a supported LTS "
                    + "runtime with SnapStart; the runtime moves when the build does.")
            .build();

    private static final NagPackSuppression STATE_MACHINE_LOGS = wildcard(
            "Logging to CloudWatch: the log-delivery actions Step Functions needs (logs:CreateLogDelivery, "
                    + "logs:PutResourcePolicy, ...) have no resource-level permissions; AWS accepts only \"*\".",
            ANY_RESOURCE);

    private static final NagPackSuppression MONITORING_STREAMS = wildcard(
            "RDS enhanced monitoring writes one log stream per database, named by RDS, into the RDSOSMetrics "
                    + "log group of this account and region; the role can touch no other log group.",
            matching("/^Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:RDSOSMetrics:log-stream:\\*$/"));

    private static final NagPackSuppression CHILD_EXECUTIONS = wildcard(
            "The fleet state machine follows and stops the executions it starts of the refresh state machine; "
                    + "their names are chosen at run time, so the resource is every execution of that one state machine.",
            matching("/^Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<RefreshStateMachine[0-9A-F]{8}\\.Name>:\\*$/"));

    private static final NagPackSuppression FLEET_ITERATIONS = wildcard(
            "The fleet state machine's Distributed Map runs each refresh as a child execution of the fleet state machine "
                    + "itself, named by Step Functions at run time; the resource is every such child execution of that one state machine.",
            matching("/^Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<FleetStateMachine[0-9A-F]{8}\\.Name>\\/\\*$/"));

    private NagReasons() {
    }

    /** An IAM5 finding accepted for the wildcard resources {@code appliesTo} names, for {@code reason}. */
    private static NagPackSuppression wildcard(String reason, Object... appliesTo) {
        return NagPackSuppression.builder().id(WILDCARD).reason(reason).appliesTo(List.of(appliesTo)).build();
    }

    private static RegexAppliesTo matching(String regex) {
        return RegexAppliesTo.builder().regex(regex).build();
    }

    /** Only the suppressions a function's permissions can need, so none is there without its finding. */
    private static List<NagPackSuppression> forCapabilities(Set<Capability> granted) {
        List<NagPackSuppression> out = new ArrayList<>();
        if (granted.stream().anyMatch(c -> c.name().startsWith("RDS_"))) {
            out.add(RDS_BY_TYPE);
        }
        if (granted.stream().anyMatch(c -> c.name().startsWith("SECRETS_"))) {
            out.add(SECRETS);
        }
        if (granted.contains(Capability.SCRIPTS_READ) || granted.contains(Capability.SCRIPTS_WRITE)) {
            out.add(SCRIPT_OBJECTS);
        }
        if (granted.contains(Capability.FLEET_FILES_READ)) {
            out.add(FLEET_FILES);
        }
        if (granted.contains(Capability.IN_DATABASE_VPC) || granted.contains(Capability.SSM_READ_COMMAND)) {
            out.add(NETWORK_AND_COMMANDS);
        }
        if (granted.contains(Capability.SES_VERIFICATION_READ)) {
            out.add(SES_VERIFICATION);
        }
        if (granted.contains(Capability.SSM_RUN_COMMAND)) {
            out.add(EC2_INSTANCES_BY_TAG);
        }
        if (granted.contains(Capability.RDS_RESTORE)) {
            out.add(SHARED_BY_SOURCE_ACCOUNTS);
        }
        if (granted.contains(Capability.ACCEPT_SHARED_CLUSTER)) {
            out.add(RAM_INVITATIONS);
        }
        if (granted.contains(Capability.RDS_READ_ACCOUNT) || granted.contains(Capability.SSM_DESCRIBE_INSTANCES)
                || granted.contains(Capability.EC2_DESCRIBE_SECURITY_GROUPS)) {
            out.add(ACCOUNT_READS);
        }
        return out;
    }

    static void apply(DbRefreshStack stack) {
        for (DeployedStep step : stack.steps()) {
            NagSuppressions.addResourceSuppressions(step.function(), List.of(JAVA_21), true);
            NagSuppressions.addResourceSuppressions(step.role(), List.of(X_RAY), true);
            step.permissions().ifPresent(policy -> {
                List<NagPackSuppression> accepted = forCapabilities(step.step().grants());
                if (!accepted.isEmpty()) {
                    NagSuppressions.addResourceSuppressions(policy, accepted, true);
                }
            });
        }
        stack.monitoringRole().ifPresent(role -> NagSuppressions.addResourceSuppressions(role, List.of(MONITORING_STREAMS), true));
        IConstruct stateMachineRole = stack.stateMachine().getRole();
        NagSuppressions.addResourceSuppressions(stateMachineRole, List.of(STATE_MACHINE_LOGS, X_RAY), true);
        NagSuppressions.addResourceSuppressions(stack.fleetStateMachine().getRole(),
                List.of(STATE_MACHINE_LOGS, X_RAY, CHILD_EXECUTIONS), true);
        NagSuppressions.addResourceSuppressions(stack.fleetIterations(), List.of(FLEET_ITERATIONS), true);
    }
}
