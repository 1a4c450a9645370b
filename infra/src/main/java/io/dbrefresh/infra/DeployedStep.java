package io.dbrefresh.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

import io.dbrefresh.steps.StepFunction;

/**
 * One step of the state machine as deployed: its own role, its own log group, the Lambda
 * function (Java 21 on arm64, SnapStart on published versions, JSON logs, X-Ray) and the
 * {@code live} alias the state machine calls, so every invocation runs a published,
 * snapshotted version.
 */
public class DeployedStep extends Construct {

    /** The alias every state machine Task calls. */
    public static final String ALIAS = "live";

    private final StepFunction step;
    private final Role role;
    private final Function function;
    private final Alias alias;
    private final LogGroup logGroup;
    private Policy permissions;

    /**
     * @param network the VPC, subnets and security groups to run in; empty to run outside any VPC
     * @param layers  the layers the function deploys with (the JDBC drivers' where it logs in to databases)
     */
    public record Props(StepFunction step, Code code, Map<String, String> environment, RetentionDays logRetention,
                        Optional<Network> network, List<ILayerVersion> layers) {
    }

    /** Where a function sits when it must reach the databases: subnets and security groups of their VPC. */
    public record Network(List<String> subnetIds, List<String> securityGroupIds) {
    }

    public DeployedStep(Construct scope, String id, Props props) {
        super(scope, id);
        this.step = props.step();
        this.logGroup = LogGroup.Builder.create(this, "Logs").retention(props.logRetention()).build();
        this.role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("dbrefresh " + step.name() + ": writes its own logs; see the policy for what else")
                .build();
        Function.Builder fn = Function.Builder.create(this, "Function")
                .description("dbrefresh step " + step.name())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(props.code())
                .layers(props.layers())
                .handler(step.lambdaHandler())
                .memorySize(step.memoryMb())
                .timeout(Duration.seconds(step.timeoutSeconds()))
                .role(role)
                .environment(props.environment())
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .tracing(Tracing.ACTIVE)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.WARN);
        this.function = fn.build();
        // the VPC is imported by ids only: set on the resource, since the construct's VPC
        // properties want zone and route table facts that a synthesis without AWS access cannot look up
        props.network().ifPresent(n -> ((CfnFunction) function.getNode().getDefaultChild())
                .setVpcConfig(CfnFunction.VpcConfigProperty.builder()
                        .subnetIds(n.subnetIds()).securityGroupIds(n.securityGroupIds()).build()));
        logGroup.grantWrite(role);
        this.alias = Alias.Builder.create(this, "Alias").aliasName(ALIAS).version(function.getCurrentVersion()).build();
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "the state machine calls the live alias, which points at a published version");
    }

    /** Adds the statements as this function's own inline policy; nothing when there are none. */
    public void allow(List<PolicyStatement> statements) {
        if (!statements.isEmpty()) {
            this.permissions = Policy.Builder.create(this, "Permissions").roles(List.of(role)).statements(statements).build();
        }
    }

    /** The policy of what the step may do beyond logs and traces, if it may do anything. */
    public Optional<Policy> permissions() {
        return Optional.ofNullable(permissions);
    }

    public StepFunction step() {
        return step;
    }

    public Role role() {
        return role;
    }

    public Function function() {
        return function;
    }

    /** The live alias (an EventBridge rule's target calls it, as the state machine does). */
    public Alias alias() {
        return alias;
    }

    /** The qualified ARN the state machine calls. */
    public String aliasArn() {
        return alias.getFunctionArn();
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
