package io.dbrefresh.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress;
import software.amazon.awscdk.services.ec2.CfnVPCEndpoint;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NoncurrentVersionTransition;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.history.HistoryIndexes;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.rds.CrossAccountNames;
import io.dbrefresh.steps.Capability;
import io.dbrefresh.steps.StepFunction;
import io.dbrefresh.steps.StepRegistry;

/**
 * Everything one dbrefresh deployment needs, in one stack. The constructor is the table of
 * contents; each {@code create...} method is one chapter. What a deployment may choose comes
 * in {@link DeploymentSettings}; the list of functions comes from the step registry.
 */
public class DbRefreshStack extends Stack {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private final DeploymentSettings settings;
    private final RetentionDays logRetention;
    private final Key notificationKey;
    private final Topic topic;
    private final Table historyTable;
    private final Bucket scriptsBucket;
    private final String monitoringRoleArn;
    private Role monitoringRole;
    private final Optional<DeployedStep.Network> scriptRunnerNetwork;
    private final List<DeployedStep> steps;
    private final StateMachine stateMachine;
    private final StateMachine fleetStateMachine;
    private Policy fleetIterations;

    public DbRefreshStack(Construct scope, String id, StackProps props, DeploymentSettings settings,
                          List<StepFunction> functions) {
        super(scope, id, props);
        this.settings = settings;
        this.logRetention = LogRetention.days(settings.logRetentionDays());

        this.notificationKey = createNotificationKey();
        this.topic = createTopic();
        this.historyTable = createHistoryTable();
        this.scriptsBucket = createScriptsBucket(createAccessLogsBucket());
        this.monitoringRoleArn = createOrImportMonitoringRole();
        this.scriptRunnerNetwork = settings.network().map(this::createScriptRunnerNetwork);
        this.steps = createStepFunctions(functions);
        this.stateMachine = createStateMachine();
        this.fleetStateMachine = createFleetStateMachine();
        allowLockHolderLookup();
        createEndedExecutionRecovery();
        createSchedules();
        createFleetSchedules();
        Alarm failures = createFailureAlarm();
        createDashboard(failures);
        createOutputs();
        NagReasons.apply(this);
    }

    /** The customer managed key of the topic: CloudWatch alarms can publish only to a topic whose key lets them. */
    private Key createNotificationKey() {
        AccountRootPrincipal account = new AccountRootPrincipal();
        PolicyDocument policy = PolicyDocument.Builder.create().statements(List.of(
                PolicyStatement.Builder.create().sid("KeyAdministration")
                        .principals(List.of(account))
                        .actions(List.of("kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy",
                                "kms:GetKeyRotationStatus", "kms:EnableKeyRotation", "kms:DisableKeyRotation",
                                "kms:RotateKeyOnDemand", "kms:ListKeyRotations", "kms:ListResourceTags",
                                "kms:TagResource", "kms:UntagResource", "kms:UpdateKeyDescription",
                                "kms:EnableKey", "kms:DisableKey", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
                                "kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"))
                        .resources(List.of("*")).build(),
                // IAM policies in this account decide who may use the key (only the SendMsg role does)
                PolicyStatement.Builder.create().sid("UseThroughIamPolicies")
                        .principals(List.of(account))
                        .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                        .resources(List.of("*")).build(),
                PolicyStatement.Builder.create().sid("CloudWatchAlarmsPublish")
                        .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                        .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                        .resources(List.of("*"))
                        .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                        .build()))
                .build();
        return Key.Builder.create(this, "NotificationKey")
                .description("dbrefresh: encrypts the notification topic")
                .enableKeyRotation(true)
                .policy(policy)
                .removalPolicy(RemovalPolicy.DESTROY)
                .pendingWindow(Duration.days(30))
                .build();
    }

    private Topic createTopic() {
        Topic t = Topic.Builder.create(this, "Notifications")
                .displayName("dbrefresh")
                .masterKey(notificationKey)
                .enforceSsl(true)
                .build();
        t.addToResourcePolicy(PolicyStatement.Builder.create().sid("CloudWatchAlarmsPublish")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(t.getTopicArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build());
        settings.notificationEmails().forEach(email -> t.addSubscription(new EmailSubscription(email)));
        return t;
    }

    /** The refresh history: the original's keys, plus indexes by application, source and status. */
    private Table createHistoryTable() {
        Table table = Table.Builder.create(this, "History")
                .tableName(settings.historyTableName())
                .partitionKey(stringAttribute(HistoryTable.PARTITION_KEY))
                .sortKey(stringAttribute(HistoryTable.SORT_KEY))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                // only the per-target lock items carry it: an abandoned lock goes away by itself
                .timeToLiveAttribute(HistoryIndexes.TTL_ATTRIBUTE)
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        for (HistoryIndexes.Index index : HistoryIndexes.all()) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index.name())
                    .partitionKey(stringAttribute(index.partitionKey()))
                    .sortKey(stringAttribute(index.sortKey()))
                    .projectionType(ProjectionType.ALL)
                    .build());
        }
        return table;
    }

    /** Server access logs of the scripts bucket: who read or changed which masking script, when. */
    private Bucket createAccessLogsBucket() {
        return Bucket.Builder.create(this, "AccessLogs")
                // the log delivery service writes only to buckets encrypted with S3 managed keys
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(365)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    /** The post-refresh SQL: versioned, so the script that ran on a given day can be read back. */
    private Bucket createScriptsBucket(Bucket accessLogs) {
        Bucket.Builder b = Bucket.Builder.create(this, "Scripts")
                .versioned(true)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("scripts/")
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .noncurrentVersionExpiration(Duration.days(365))
                        .noncurrentVersionTransitions(List.of(NoncurrentVersionTransition.builder()
                                .storageClass(StorageClass.INFREQUENT_ACCESS)
                                .transitionAfter(Duration.days(30)).build()))
                        .build(),
                        // a large fleet's refresh files are read once, by the run that stored them (a week at most)
                        LifecycleRule.builder().id("FleetFiles").prefix(io.dbrefresh.fleet.StoredRefreshFiles.PREFIX)
                                .expiration(Duration.days(30)).noncurrentVersionExpiration(Duration.days(1)).build()))
                .removalPolicy(RemovalPolicy.RETAIN);
        settings.scriptsBucketName().ifPresent(b::bucketName);
        return b.build();
    }

    /** The role RDS enhanced monitoring uses, the only role any step may pass. */
    private String createOrImportMonitoringRole() {
        if (settings.monitoringRoleArn().isPresent()) {
            return settings.monitoringRoleArn().get();
        }
        String logGroup = formatArn(ArnComponents.builder().service("logs").resource("log-group")
                .resourceName("RDSOSMetrics").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        Role role = Role.Builder.create(this, "RdsMonitoringRole")
                .assumedBy(fromThisAccount("monitoring.rds.amazonaws.com"))
                .description("RDS enhanced monitoring of refreshed databases: writes OS metrics to RDSOSMetrics")
                .inlinePolicies(Map.of("EnhancedMonitoring", PolicyDocument.Builder.create().statements(List.of(
                        PolicyStatement.Builder.create()
                                .actions(List.of("logs:CreateLogGroup", "logs:PutRetentionPolicy"))
                                .resources(List.of(logGroup)).build(),
                        PolicyStatement.Builder.create()
                                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams",
                                        "logs:GetLogEvents"))
                                .resources(List.of(logGroup + ":log-stream:*")).build())).build()))
                .build();
        this.monitoringRole = role;
        return role.getRoleArn();
    }

    /**
     * The script runner's place in the databases' VPC; with {@code createVpcEndpoints}, the
     * endpoints it needs to reach S3, Secrets Manager, SSM and the RDS API without a NAT gateway.
     */
    private DeployedStep.Network createScriptRunnerNetwork(DeploymentSettings.Network n) {
        if (n.createEndpoints()) {
            createVpcEndpoints(n);
        }
        return new DeployedStep.Network(n.subnetIds(), n.securityGroupIds());
    }

    private void createVpcEndpoints(DeploymentSettings.Network n) {
        CfnSecurityGroup endpoints = CfnSecurityGroup.Builder.create(this, "EndpointsGroup")
                .vpcId(n.vpcId())
                .groupDescription("dbrefresh: HTTPS from the script runner to the AWS API endpoints")
                .build();
        for (int i = 0; i < n.securityGroupIds().size(); i++) {
            CfnSecurityGroupIngress.Builder.create(this, "EndpointsFromRunner" + i)
                    .groupId(endpoints.getAttrGroupId())
                    .sourceSecurityGroupId(n.securityGroupIds().get(i))
                    .ipProtocol("tcp").fromPort(443).toPort(443)
                    .description("HTTPS from the dbrefresh script runner")
                    .build();
        }
        for (String service : List.of("secretsmanager", "ssm", "rds")) {
            CfnVPCEndpoint.Builder.create(this, "Endpoint-" + service)
                    .vpcId(n.vpcId())
                    .serviceName("com.amazonaws." + Aws.REGION + "." + service)
                    .vpcEndpointType("Interface")
                    .privateDnsEnabled(true)
                    .subnetIds(n.subnetIds())
                    .securityGroupIds(List.of(endpoints.getAttrGroupId()))
                    .build();
        }
        CfnVPCEndpoint.Builder.create(this, "Endpoint-s3")
                .vpcId(n.vpcId())
                .serviceName("com.amazonaws." + Aws.REGION + ".s3")
                .vpcEndpointType("Gateway")
                .routeTableIds(n.routeTableIds())
                .build();
    }

    /** One function per registry entry, each with its own role and only the permissions its step needs. */
    private List<DeployedStep> createStepFunctions(List<StepFunction> functions) {
        // one asset per jar: the functions of one shape share it
        Map<Path, Code> codes = new java.util.HashMap<>();
        for (StepFunction f : functions) {
            Path jar = settings.jarOf(f);
            if (!Files.isRegularFile(jar)) {
                throw new InvalidDeploymentSettingsException("the jar of function " + f.name() + ", " + jar
                        + ", does not exist: build the functions' jars with `mvn -pl functions -am package -DskipTests` from the"
                        + " project root, or point the functionsJar context value at them");
            }
            codes.computeIfAbsent(jar, j -> Code.fromAsset(j.toString()));
        }
        List<ILayerVersion> drivers = driversLayer(functions);
        Map<String, String> environment = Map.of(
                StepEnvironment.HISTORY_TABLE_ENV, historyTable.getTableName(),
                StepEnvironment.TOPIC_ARN_ENV, topic.getTopicArn(),
                io.dbrefresh.scripts.TlsPolicy.MODE_ENV, settings.databaseTls());
        StepPermissions permissions = stepPermissions();
        List<DeployedStep> deployed = new ArrayList<>();
        // the script runner goes first: the step that starts it needs its ARN
        List<StepFunction> ordered = new ArrayList<>(functions);
        ordered.sort(java.util.Comparator.comparing(f -> f.name().equals(StepRegistry.SCRIPT_RUNNER.name()) ? 0 : 1));
        DeployedStep scriptRunner = null;
        for (StepFunction f : ordered) {
            Set<Capability> granted = f.grants();
            Optional<DeployedStep.Network> network = granted.contains(Capability.IN_DATABASE_VPC)
                    ? scriptRunnerNetwork : Optional.empty();
            Map<String, String> env = new java.util.HashMap<>(environment);
            if (granted.contains(Capability.INVOKE_SCRIPT_RUNNER) && scriptRunner != null) {
                env.put(io.dbrefresh.scripts.ScriptRunLauncher.FUNCTION_ENV, scriptRunner.aliasArn());
            }
            if (network.isPresent()) {
                // verify-copy fails closed only where it can reach the copy: in the databases' VPC
                env.put(io.dbrefresh.secrets.CopyVerification.IN_DATABASE_VPC_ENV, "true");
            }
            DeployedStep step = new DeployedStep(this, f.name(), new DeployedStep.Props(f, codes.get(settings.jarOf(f)), env,
                    logRetention, network, granted.contains(Capability.DATABASE_LOGIN) ? drivers : List.of()));
            List<PolicyStatement> statements = new ArrayList<>(permissions.statementsFor(granted));
            if (network.isPresent()) {
                statements.add(networkInterfaceStatement());
            }
            if (granted.contains(Capability.INVOKE_SCRIPT_RUNNER) && scriptRunner != null) {
                statements.add(PolicyStatement.Builder.create().actions(List.of("lambda:InvokeFunction"))
                        .resources(List.of(scriptRunner.aliasArn())).build());
            }
            if (f.name().equals(StepRegistry.SCRIPT_RUNNER.name())) {
                // a retried asynchronous run would run the scripts twice: the check reports a dead run instead
                step.function().configureAsyncInvoke(software.amazon.awscdk.services.lambda.EventInvokeConfigOptions.builder()
                        .retryAttempts(0).build());
                scriptRunner = step;
            }
            step.allow(statements);
            deployed.add(step);
        }
        return deployed;
    }

    /**
     * The JDBC drivers, one layer for the functions that log in to databases (their jars leave
     * the drivers out); none when one jar serves every function, or when no function logs in.
     */
    private List<ILayerVersion> driversLayer(List<StepFunction> functions) {
        if (settings.driversLayer().isEmpty() || functions.stream().noneMatch(f -> f.grants().contains(Capability.DATABASE_LOGIN))) {
            return List.of();
        }
        Path zip = settings.driversLayer().get();
        if (!Files.isRegularFile(zip)) {
            throw new InvalidDeploymentSettingsException("the JDBC drivers' layer " + zip + " does not exist: build the"
                    + " functions' jars with `mvn -pl functions -am package -DskipTests` from the project root");
        }
        return List.of(LayerVersion.Builder.create(this, "JdbcDrivers")
                .description("dbrefresh: the JDBC drivers of the functions that log in to databases")
                .code(Code.fromAsset(zip.toString()))
                .compatibleRuntimes(List.of(software.amazon.awscdk.services.lambda.Runtime.JAVA_21))
                .compatibleArchitectures(List.of(Architecture.ARM_64))
                .build());
    }

    private StepPermissions stepPermissions() {
        List<String> secrets = settings.secretArns().isEmpty()
                ? List.of(formatArn(ArnComponents.builder().service("secretsmanager").resource("secret")
                        .resourceName(settings.secretNamePrefix() + "*")
                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build()))
                : settings.secretArns();
        List<String> instances = settings.scriptRunnerInstanceIds().stream()
                .map(id -> formatArn(ArnComponents.builder().service("ec2").resource("instance").resourceName(id).build()))
                .toList();
        List<String> indexes = HistoryIndexes.all().stream()
                .map(i -> historyTable.getTableArn() + "/index/" + i.name()).toList();
        return new StepPermissions(this, settings.productionDatabases(), monitoringRoleArn, secrets, settings.kmsKeyArns(),
                scriptsBucket.getBucketArn(), instances, settings.scriptRunnerInstanceTag(),
                historyTable.getTableArn(), indexes, topic.getTopicArn(), notificationKey.getKeyArn(),
                settings.emailIdentities().stream().map(id -> formatArn(ArnComponents.builder().service("ses")
                        .resource("identity").resourceName(id).build())).toList(),
                settings.emailConfigurationSets().stream().map(set -> formatArn(ArnComponents.builder().service("ses")
                        .resource("configuration-set").resourceName(set).build())).toList(),
                sourceRoleArns());
    }

    /** The source-account stacks' roles of the accounts named, and the other roles named: what cross-account steps may assume. */
    private List<String> sourceRoleArns() {
        List<String> roles = new ArrayList<>(settings.sourceAccountIds().stream()
                .map(a -> "arn:" + Aws.PARTITION + ":iam::" + a + ":role/" + CrossAccountNames.ROLE_NAME).toList());
        roles.addAll(settings.sourceRoleArns());
        return roles;
    }

    /** What Lambda needs to attach a function to the VPC; EC2 accepts only "*" for the describe calls. */
    private static PolicyStatement networkInterfaceStatement() {
        return PolicyStatement.Builder.create()
                .actions(List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
                        "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"))
                .resources(List.of("*"))
                .build();
    }

    /**
     * The lock asks Step Functions whether the execution holding it has ended, to take an
     * abandoned lock over at once. Granted after the state machine exists, in a policy of its
     * own, so the functions do not depend on the state machine that calls them.
     */
    private void allowLockHolderLookup() {
        steps.stream().filter(s -> s.step().name().equals(StepRegistry.ACQUIRE_LOCK.name())).findFirst().ifPresent(lock ->
                executionReadPolicy("LockHolderLookup", List.of("states:DescribeExecution"), lock.role(),
                        "Execution names are chosen per run; the lock may describe executions of this state machine only."));
    }

    /**
     * A policy of its own, made after the state machine (so the function does not depend on the
     * state machine that calls it), letting {@code role} call {@code actions} on this state
     * machine's executions and no other's; cdk-nag's wildcard finding is suppressed for that
     * resource alone, with {@code reason}.
     */
    private void executionReadPolicy(String id, List<String> actions, Role role, String reason) {
        software.amazon.awscdk.services.iam.Policy policy = software.amazon.awscdk.services.iam.Policy.Builder.create(this, id)
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(actions)
                        .resources(List.of(formatArn(ArnComponents.builder().service("states").resource("execution")
                                .resourceName(stateMachine.getStateMachineName() + ":*")
                                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build())))
                        .build()))
                .roles(List.of(role))
                .build();
        io.github.cdklabs.cdknag.NagSuppressions.addResourceSuppressions(policy, List.of(
                io.github.cdklabs.cdknag.NagPackSuppression.builder().id(NagReasons.WILDCARD)
                        .reason(reason)
                        .appliesTo(List.of(io.github.cdklabs.cdknag.RegexAppliesTo.builder()
                                .regex("/^Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:.*:\\*$/")
                                .build()))
                        .build()), true);
    }

    /**
     * An execution stopped (StopExecution), timed out, or failed where no Catch reaches it
     * never runs its recovery path: an EventBridge rule on this state machine's executions
     * that end FAILED, TIMED_OUT or ABORTED starts the function that recovers it from its
     * history (one whose own recovery path ran is left as it is). The function may read this
     * state machine's executions only, in a policy of its own made after the state machine.
     */
    private void createEndedExecutionRecovery() {
        steps.stream().filter(s -> s.step().name().equals(StepRegistry.RECOVER_ENDED_EXECUTION.name())).findFirst().ifPresent(fn -> {
            executionReadPolicy("EndedExecutionHistory", List.of("states:DescribeExecution", "states:GetExecutionHistory"),
                    fn.role(), "Execution names are chosen per run; the recovery may read executions of this state machine only.");
            software.amazon.awscdk.services.events.Rule.Builder.create(this, "EndedExecutionRule")
                    .description("dbrefresh: recover a refresh that was stopped, timed out or failed outside its recovery path")
                    .eventPattern(software.amazon.awscdk.services.events.EventPattern.builder()
                            .source(List.of("aws.states"))
                            .detailType(List.of("Step Functions Execution Status Change"))
                            .detail(Map.of("status", List.of("FAILED", "TIMED_OUT", "ABORTED"),
                                    "stateMachineArn", List.of(stateMachine.getStateMachineArn())))
                            .build())
                    .targets(List.of(software.amazon.awscdk.services.events.targets.LambdaFunction.Builder.create(fn.alias())
                            .retryAttempts(4)
                            .maxEventAge(Duration.hours(6))
                            .build()))
                    .build();
        });
    }

    /**
     * The state machine from the definition file, each {@code ${...}ArnFunction} placeholder
     * bound to its function's alias; it may invoke those aliases and nothing else.
     */
    private StateMachine createStateMachine() {
        Map<String, String> substitutions = new LinkedHashMap<>();
        steps.forEach(s -> substitutions.put(s.step().placeholder(), s.aliasArn()));
        Set<String> missing = new LinkedHashSet<>(placeholdersIn());
        missing.removeAll(substitutions.keySet());
        if (!missing.isEmpty()) {
            throw new InvalidDeploymentSettingsException(settings.stateMachineDefinition() + " uses " + missing
                    + " but the step registry has no such function: regenerate the definition from the registry");
        }
        Role role = Role.Builder.create(this, "StateMachineRole")
                .assumedBy(fromThisAccount("states.amazonaws.com"))
                .description("dbrefresh state machine: invokes its own step functions, writes its logs and traces")
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("lambda:InvokeFunction"))
                .resources(steps.stream().filter(s -> !isAlignFleet(s)).map(DeployedStep::aliasArn).toList())
                .build());
        return stateMachine("RefreshStateMachine", "StateMachineLogs", "-refresh",
                DefinitionBody.fromFile(settings.stateMachineDefinition().toString()), substitutions, role);
    }

    /**
     * A standard state machine with X-Ray tracing, logging every event to a log group of its own
     * ({@code logsId}, named after the stack and {@code logSuffix}), execution data as the
     * settings say.
     */
    private StateMachine stateMachine(String id, String logsId, String logSuffix, DefinitionBody definition,
                                      Map<String, String> substitutions, Role role) {
        LogGroup logs = LogGroup.Builder.create(this, logsId)
                // Step Functions delivers through CloudWatch vended logs; this prefix keeps the
                // account's log resource policy small
                .logGroupName("/aws/vendedlogs/states/" + getStackName() + logSuffix)
                .retention(logRetention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        return StateMachine.Builder.create(this, id)
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(definition)
                .definitionSubstitutions(substitutions)
                .role(role)
                .tracingEnabled(true)
                .logs(LogOptions.builder()
                        .destination(logs)
                        .level(LogLevel.ALL)
                        .includeExecutionData(settings.logExecutionData())
                        .build())
                .build();
    }

    private static boolean isAlignFleet(DeployedStep s) {
        return s.step().name().equals(StepRegistry.ALIGN_FLEET.name());
    }

    /** The fleet's first step, deployed with the other functions of the registry. */
    private DeployedStep alignFleet() {
        return steps.stream().filter(DbRefreshStack::isAlignFleet).findFirst()
                .orElseThrow(() -> new InvalidDeploymentSettingsException("the fleet state machine needs the function "
                        + StepRegistry.ALIGN_FLEET.name() + ", which the deployment's function list leaves out"));
    }

    /**
     * The fleet state machine: the refresh state machine once per file of a fleet, as child
     * executions. Its role may start and follow executions of the refresh state machine only,
     * write the history table's rows and publish to the topic; nothing else.
     */
    private StateMachine createFleetStateMachine() {
        Role role = Role.Builder.create(this, "FleetStateMachineRole")
                .assumedBy(fromThisAccount("states.amazonaws.com"))
                .description("dbrefresh fleet state machine: runs the refresh state machine per file, records and announces the fleet")
                .build();
        role.addToPolicy(PolicyStatement.Builder.create().sid("StartRefreshes")
                .actions(List.of("states:StartExecution"))
                .resources(List.of(stateMachine.getStateMachineArn()))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("FollowAndStopRefreshes")
                .actions(List.of("states:DescribeExecution", "states:StopExecution"))
                .resources(List.of(executionsOf(stateMachine)))
                .build());
        // startExecution.sync learns of a child's end through this managed EventBridge rule
        role.addToPolicy(PolicyStatement.Builder.create().sid("SyncRule")
                .actions(List.of("events:PutTargets", "events:PutRule", "events:DescribeRule"))
                .resources(List.of(Stack.of(this).formatArn(ArnComponents.builder().service("events").resource("rule")
                        .resourceName("StepFunctionsGetEventsForStepFunctionsExecutionRule").build())))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("AlignFleet")
                .actions(List.of("lambda:InvokeFunction"))
                .resources(List.of(alignFleet().aliasArn()))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("RecordFleet")
                .actions(List.of("dynamodb:PutItem"))
                .resources(List.of(historyTable.getTableArn()))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("AnnounceFleet")
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("EncryptedTopic")
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of(notificationKey.getKeyArn()))
                .build());
        StateMachine fleet = stateMachine("FleetStateMachine", "FleetStateMachineLogs", "-fleet",
                DefinitionBody.fromString(FleetDefinition.json()),
                Map.of(FleetDefinition.REFRESH_ARN, stateMachine.getStateMachineArn(),
                        FleetDefinition.ALIGN_ARN, alignFleet().aliasArn(),
                        FleetDefinition.TABLE, historyTable.getTableName(),
                        FleetDefinition.TOPIC, topic.getTopicArn()), role);
        // each refresh runs in a Distributed Map: an iteration is a child execution of the fleet state machine itself,
        // started and followed by it. A policy of its own, not the role's default one: the state machine depends on
        // its role's default policy, so naming the state machine there would be a cycle
        this.fleetIterations = Policy.Builder.create(this, "FleetIterationsPolicy")
                .roles(List.of(role))
                .statements(List.of(
                        PolicyStatement.Builder.create().sid("RunIterations")
                                .actions(List.of("states:StartExecution"))
                                .resources(List.of(fleet.getStateMachineArn()))
                                .build(),
                        PolicyStatement.Builder.create().sid("FollowAndStopIterations")
                                .actions(List.of("states:DescribeExecution", "states:StopExecution"))
                                .resources(List.of(Stack.of(this).formatArn(ArnComponents.builder().service("states")
                                        .resource("execution").arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                                        .resourceName(fleet.getStateMachineName() + "/*").build())))
                                .build()))
                .build();
        return fleet;
    }

    /** What lets the fleet state machine run its Distributed Map's iterations (child executions of itself). */
    public Policy fleetIterations() {
        return fleetIterations;
    }

    /** The ARN pattern of every execution of {@code machine}. */
    private String executionsOf(StateMachine machine) {
        return Stack.of(this).formatArn(ArnComponents.builder().service("states").resource("execution")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .resourceName(machine.getStateMachineName() + ":*").build());
    }

    /** The {@code ${...}} placeholders the definition file uses. */
    Set<String> placeholdersIn() {
        String definition;
        try {
            definition = Files.readString(settings.stateMachineDefinition());
        } catch (IOException e) {
            throw new InvalidDeploymentSettingsException("cannot read the state machine definition "
                    + settings.stateMachineDefinition(), e);
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(definition);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** One EventBridge Scheduler schedule per refresh file that declares one, the file itself as the input. */
    private void createSchedules() {
        createSchedules(RefreshSchedules.read(settings.refreshFiles()), stateMachine, "",
                "dbrefresh schedules: start refreshes of this state machine, nothing else", "refresh file ");
    }

    /**
     * One schedule per fleet file in {@code fleets/} of the refresh-file folder that declares one,
     * with the input {@code dbrefresh start --fleet} builds; its role may start the fleet state machine only.
     */
    private void createFleetSchedules() {
        createSchedules(RefreshSchedules.readFleets(settings.refreshFiles().resolve("fleets")), fleetStateMachine, "Fleet",
                "dbrefresh fleet schedules: start runs of the fleet state machine, nothing else", "fleet file fleets/");
    }

    /**
     * A schedule per scheduled file, each starting {@code target} with the file's input, under one role
     * that may start {@code target} and nothing else; no role when nothing is scheduled.
     *
     * @param idPrefix  before the construct ids {@code SchedulerRole} and {@code Schedule-<file>}
     * @param fileNoun  before the file's name in each schedule's description
     */
    private void createSchedules(List<RefreshSchedules.ScheduledRun> scheduled, StateMachine target, String idPrefix,
                                 String roleDescription, String fileNoun) {
        if (scheduled.isEmpty()) {
            return;
        }
        Role role = Role.Builder.create(this, idPrefix + "SchedulerRole")
                .assumedBy(fromThisAccount("scheduler.amazonaws.com"))
                .description(roleDescription)
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("states:StartExecution"))
                .resources(List.of(target.getStateMachineArn()))
                .build());
        for (RefreshSchedules.ScheduledRun s : scheduled) {
            CfnSchedule.Builder.create(this, idPrefix + "Schedule-" + s.baseName())
                    .description("dbrefresh: " + fileNoun + s.file().getFileName())
                    .scheduleExpression(s.expression())
                    .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                    .state("ENABLED")
                    .target(CfnSchedule.TargetProperty.builder()
                            .arn(target.getStateMachineArn())
                            .roleArn(role.getRoleArn())
                            .input(s.input())
                            // a refresh or fleet that cannot start within an hour of its time is better skipped than run late
                            .retryPolicy(CfnSchedule.RetryPolicyProperty.builder()
                                    .maximumRetryAttempts(3).maximumEventAgeInSeconds(3600).build())
                            .build())
                    .build();
        }
    }

    /** Alarm when a refresh fails, times out or is stopped; the topic tells the subscribers. */
    private Alarm createFailureAlarm() {
        MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
        // an ordered map: Map.of's order changes from run to run, and so would the template
        Map<String, IMetric> inputs = new java.util.LinkedHashMap<>();
        inputs.put("failed", stateMachine.metricFailed(fiveMinutes));
        inputs.put("timedOut", stateMachine.metricTimedOut(fiveMinutes));
        inputs.put("aborted", stateMachine.metricAborted(fiveMinutes));
        MathExpression failedOrTimedOut = MathExpression.Builder.create()
                .expression("FILL(failed, 0) + FILL(timedOut, 0) + FILL(aborted, 0)")
                .usingMetrics(inputs)
                .label("Failed, timed-out or stopped refreshes")
                .period(Duration.minutes(5))
                .build();
        Alarm alarm = Alarm.Builder.create(this, "RefreshFailedAlarm")
                .alarmDescription("A dbrefresh execution failed, timed out or was stopped: see the execution and the history table")
                .metric(failedOrTimedOut)
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        return alarm;
    }

    private void createDashboard(Alarm failures) {
        MetricOptions hourly = MetricOptions.builder().period(Duration.hours(1)).statistic("Sum").build();
        List<IMetric> lambdaErrors = steps.stream()
                .map(s -> (IMetric) s.function().metricErrors(MetricOptions.builder()
                        .period(Duration.hours(1)).statistic("Sum").label(s.step().name()).build()))
                .toList();
        Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(getStackName() + "-refreshes")
                .widgets(List.of(List.of(
                        GraphWidget.Builder.create().title("Refreshes").width(12)
                                .left(List.of(stateMachine.metricStarted(hourly), stateMachine.metricSucceeded(hourly),
                                        stateMachine.metricFailed(hourly), stateMachine.metricTimedOut(hourly)))
                                .build(),
                        GraphWidget.Builder.create().title("Step function errors").width(12)
                                .left(lambdaErrors).build()),
                        List.of(AlarmStatusWidget.Builder.create().title("Alarms").width(24)
                                .alarms(List.of(failures)).build())))
                .build();
    }

    private void createOutputs() {
        CfnOutput.Builder.create(this, "StateMachineArn").value(stateMachine.getStateMachineArn())
                .description("start a refresh: aws stepfunctions start-execution --state-machine-arn <this>").build();
        CfnOutput.Builder.create(this, "FleetStateMachineArn").value(fleetStateMachine.getStateMachineArn())
                .description("start with dbrefresh start --fleet FILE").build();
        CfnOutput.Builder.create(this, "HistoryTableName").value(historyTable.getTableName()).build();
        CfnOutput.Builder.create(this, "TopicArn").value(topic.getTopicArn()).build();
        CfnOutput.Builder.create(this, "ScriptsBucketName").value(scriptsBucket.getBucketName())
                .description("bucketname for the runscripts block of refresh files").build();
    }

    /** A service principal that may act for this account only (no confused deputy). */
    private static ServicePrincipal fromThisAccount(String service) {
        return ServicePrincipal.Builder.create(service)
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build();
    }

    private static Attribute stringAttribute(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public StateMachine fleetStateMachine() {
        return fleetStateMachine;
    }

    public List<DeployedStep> steps() {
        return steps;
    }

    /** The enhanced monitoring role, when this stack created it. */
    public Optional<Role> monitoringRole() {
        return Optional.ofNullable(monitoringRole);
    }

    public DeploymentSettings settings() {
        return settings;
    }
}
