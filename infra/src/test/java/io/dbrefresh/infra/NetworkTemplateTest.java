package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class NetworkTemplateTest {

    private final Template template = TestDeployments.fullyConfigured().template();

    @Test
    void createVpcEndpoints_addsInterfaceEndpointsForSecretsSsmAndRds_inTheRunnerSubnets() {
        for (String service : List.of("secretsmanager", "ssm", "rds")) {
            template.hasResourceProperties("AWS::EC2::VPCEndpoint", Match.objectLike(Map.of(
                    "VpcId", "vpc-0a1b2c3d4e5f67890",
                    "VpcEndpointType", "Interface",
                    "PrivateDnsEnabled", true,
                    "SubnetIds", List.of("subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"),
                    "ServiceName", Map.of("Fn::Join", List.of("", List.of("com.amazonaws.", Map.of("Ref", "AWS::Region"), "." + service))))));
        }
    }

    @Test
    void createVpcEndpoints_addsAnS3GatewayOnTheRouteTables() {
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Match.objectLike(Map.of(
                "VpcEndpointType", "Gateway",
                "RouteTableIds", List.of("rtb-0123456789abcdef0"),
                "ServiceName", Map.of("Fn::Join", List.of("", List.of("com.amazonaws.", Map.of("Ref", "AWS::Region"), ".s3"))))));
    }

    @Test
    void endpoints_acceptHttpsOnlyFromTheRunnersSecurityGroups() {
        template.resourceCountIs("AWS::EC2::SecurityGroupIngress", 1);
        template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Match.objectLike(Map.of(
                "SourceSecurityGroupId", "sg-0123456789abcdef0",
                "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443)));
        template.hasResourceProperties("AWS::EC2::SecurityGroup", Match.objectLike(Map.of(
                "VpcId", "vpc-0a1b2c3d4e5f67890", "SecurityGroupIngress", Match.absent())));
    }

    @Test
    void theScriptRunner_mayManageItsNetworkInterfaces() {
        Template t = template;
        String role = StepFunctionsTemplateTest.roleOf(t, io.dbrefresh.steps.StepRegistry.SCRIPT_RUNNER);
        assertThat(TemplateStatements.ofRole(t, role)).flatMap(TemplateStatements.Statement::actions)
                .contains("ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces");
    }

    @Test
    void theRunScriptsStep_startsTheScriptRunnerAndNothingElse_outsideTheVpc() {
        Template t = template;
        io.dbrefresh.steps.StepFunction runScripts = TestDeployments.withFutureSteps().stream()
                .filter(f -> f.name().equals("RunScripts")).findFirst().orElseThrow();
        String role = StepFunctionsTemplateTest.roleOf(t, runScripts);
        assertThat(TemplateStatements.ofRole(t, role)).flatMap(TemplateStatements.Statement::actions)
                .contains("lambda:InvokeFunction")
                .doesNotContain("ec2:CreateNetworkInterface", "secretsmanager:GetSecretValue");
        t.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", runScripts.lambdaHandler(),
                "Environment", Match.objectLike(Map.of("Variables", Match.objectLike(Map.of(
                        io.dbrefresh.scripts.ScriptRunLauncher.FUNCTION_ENV, Match.anyValue())))))));
    }

    @Test
    void theScriptRunner_isNeverRetriedAsynchronously_soScriptsRunOnce() {
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Match.objectLike(Map.of(
                "MaximumRetryAttempts", 0)));
    }

    @Test
    void withoutAVpc_thereAreNoEndpointsNorSecurityGroups() {
        Template none = TestDeployments.defaults().template();
        none.resourceCountIs("AWS::EC2::VPCEndpoint", 0);
        none.resourceCountIs("AWS::EC2::SecurityGroup", 0);
        // Without a VPC no function gets network interfaces: the one EC2 action left is
        // pre-flight's read of security groups, which LeastPrivilegeTest holds to pre-flight alone.
        assertThat(TemplateStatements.all(none)).flatMap(TemplateStatements.Statement::actions)
                .filteredOn(a -> a.startsWith("ec2:"))
                .containsOnly("ec2:DescribeSecurityGroups");
    }
}
