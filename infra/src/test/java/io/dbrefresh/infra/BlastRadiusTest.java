package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awscdk.assertions.Template;

import io.dbrefresh.infra.TemplateStatements.Statement;

/**
 * Walks every IAM statement of the synthesized template (identity policies of every role,
 * and the bucket, topic and key policies) and proves the blast radius: no allowed RDS action
 * changes or creates a database without the managed tag, and no action on secrets, keys,
 * buckets, topics, tables, functions or the state machine reaches a resource this deployment
 * neither owns nor was told about in context. Prints one figures line per deployment.
 */
class BlastRadiusTest {

    // this account's, or a source account's (restores of what it shares: LeastPrivilegeTest holds which), under the same conditions
    private static final Pattern RDS_TYPE = Pattern.compile(
            "^arn:\\$\\{AWS::Partition}:rds:\\$\\{AWS::Region}:(?:\\$\\{AWS::AccountId}|[0-9]{12}):([a-z-]+):.*");
    private static final Set<String> DATABASE_TYPES = Set.of("db", "cluster");
    private static final Set<String> SNAPSHOT_TYPES = Set.of("snapshot", "cluster-snapshot");
    /** Snapshots are only ever created (a final snapshot, a copy): creating one changes no existing data. */
    private static final Set<String> SNAPSHOT_CREATES = Set.of("rds:CreateDBSnapshot", "rds:CreateDBClusterSnapshot");
    /** Snapshot housekeeping deletes only snapshots dbrefresh made: managed, with the target they belong to. */
    private static final Set<String> SNAPSHOT_DELETES = Set.of("rds:DeleteDBSnapshot", "rds:DeleteDBClusterSnapshot");
    private static final Map<String, Object> DBREFRESH_SNAPSHOT = Map.of(
            "StringEquals", Map.of("aws:ResourceTag/dbrefresh:managed", "true"),
            "Null", Map.of("aws:ResourceTag/dbrefresh:snapshot-of", "false"));
    private static final Map<String, Object> ON_MANAGED =
            Map.of("StringEquals", Map.of("aws:ResourceTag/dbrefresh:managed", "true"));
    private static final Map<String, Object> BORN_MANAGED = Map.of(
            "StringEquals", Map.of("aws:RequestTag/dbrefresh:managed", "true"),
            "ForAnyValue:StringEquals", Map.of("aws:TagKeys", List.of("dbrefresh:managed")));

    /** Services whose resources must be this deployment's own or named in its context. */
    private static final Set<String> SCOPED_SERVICES = Set.of("secretsmanager", "kms", "s3", "sns", "dynamodb", "lambda",
            "states", "ssm", "iam", "logs");
    /** Actions AWS authorises on no resource but "*" (tracing, log delivery, VPC network interfaces, command reads). */
    private static final Set<String> STAR_ONLY = Set.of("xray:PutTraceSegments", "xray:PutTelemetryRecords",
            "xray:GetSamplingRules", "xray:GetSamplingTargets", "logs:CreateLogDelivery", "logs:GetLogDelivery",
            "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
            "logs:DescribeResourcePolicies", "logs:DescribeLogGroups", "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses", "ssm:GetCommandInvocation",
            "ssm:ListCommandInvocations", "ssm:DescribeInstanceInformation", "ec2:DescribeSecurityGroups");
    private static final Pattern OWN_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(\\.[A-Za-z.]+)?}");

    static Stream<String> deployments() {
        return Stream.of("defaults", "fullyConfigured");
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void everyChangeToADatabaseNeedsTheManagedTag_andNothingReachesBeyondThisDeployment(String deployment) {
        Template template = LeastPrivilegeTest.template(deployment);
        Set<String> logicalIds = template.toJSON().get("Resources") instanceof Map<?, ?> m
                ? castKeys(m) : Set.of();
        List<Statement> statements = TemplateStatements.all(template);
        List<String> unconditioned = new ArrayList<>();
        List<String> beyond = new ArrayList<>();
        int rdsChecked = 0;
        int denies = 0;
        for (Statement s : statements) {
            if (!s.allows()) {
                denies++;
                continue;
            }
            for (String action : s.actions()) {
                String service = action.substring(0, action.indexOf(':'));
                if (service.equals("rds")) {
                    if (!reads(action)) {
                        rdsChecked++;
                        checkRds(s, action, unconditioned);
                    }
                } else if (SCOPED_SERVICES.contains(service) || service.equals("xray") || service.equals("ec2")) {
                    for (String resource : s.flatResources()) {
                        if (!ownOrNamed(resource, action, s, logicalIds)) {
                            beyond.add(s.logicalId() + " " + action + " on " + resource);
                        }
                    }
                }
            }
        }
        System.out.printf("blast radius (%s): %d statements checked (%d deny), %d changing RDS actions, "
                        + "unconditioned mutating RDS actions: %d, reaching beyond this deployment: %d%n",
                deployment, statements.size(), denies, rdsChecked, unconditioned.size(), beyond.size());
        assertThat(rdsChecked).as("changing RDS actions found").isPositive();
        assertThat(denies).as("deny statements").isPositive();
        assertThat(unconditioned).as("unconditioned mutating RDS actions").isEmpty();
        assertThat(beyond).as("actions reaching beyond this deployment").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("deployments")
    @SuppressWarnings("unchecked")
    void onlyThisDeploymentsRolesMayInvokeItsFunctionsOrStartItsStateMachine(String deployment) {
        Template template = LeastPrivilegeTest.template(deployment);
        // one resource-based grant only: EventBridge may invoke the recovery of ended executions,
        // from this stack's one rule; anything else needs one of the identity policies above
        Map<String, Map<String, Object>> permissions = template.findResources("AWS::Lambda::Permission");
        assertThat(permissions).as("resource-based grants on functions").hasSize(1);
        Map<String, Object> grant = StepFunctionsTemplateTest.properties(permissions.values().iterator().next());
        assertThat(grant.get("Principal")).isEqualTo("events.amazonaws.com");
        assertThat(grant.get("Action")).isEqualTo("lambda:InvokeFunction");
        assertThat(template.findResources("AWS::Events::Rule")).as("the rule the grant names is this stack's only rule")
                .hasSize(1).containsKey(TemplateStatements.flatten(grant.get("SourceArn")).replaceAll("^\\$\\{([A-Za-z0-9]+)\\.Arn}$", "$1"));
        assertThat(TemplateStatements.flatten(grant.get("FunctionName")))
                .matches("\\$\\{" + io.dbrefresh.steps.StepRegistry.RECOVER_ENDED_EXECUTION.name() + "Alias[A-Za-z0-9]+}");
        template.resourceCountIs("AWS::Lambda::Url", 0);
        Map<String, Map<String, Object>> roles = template.findResources("AWS::IAM::Role");
        assertThat(roles).isNotEmpty();
        for (Map.Entry<String, Map<String, Object>> role : roles.entrySet()) {
            Map<String, Object> trust = (Map<String, Object>) StepFunctionsTemplateTest.properties(role.getValue())
                    .get("AssumeRolePolicyDocument");
            for (Map<String, Object> statement : (List<Map<String, Object>>) trust.get("Statement")) {
                assertThat(((Map<String, Object>) statement.get("Principal")).keySet()).as("trust of %s", role.getKey())
                        .containsExactly("Service");
                assertThat(TemplateStatements.strings(((Map<String, Object>) statement.get("Principal")).get("Service")))
                        .as("trust of %s", role.getKey()).isSubsetOf("lambda.amazonaws.com", "states.amazonaws.com",
                                "scheduler.amazonaws.com", "monitoring.rds.amazonaws.com");
            }
        }
        List<Statement> invokes = TemplateStatements.all(template).stream().filter(Statement::allows)
                .filter(st -> st.actions().stream().anyMatch(a -> a.startsWith("lambda:") || a.startsWith("states:")))
                .toList();
        assertThat(invokes).isNotEmpty().flatMap(Statement::flatResources)
                .allMatch(r -> OWN_REFERENCE.matcher(r).find(), "a function, alias or state machine of this stack");
    }

    /**
     * On databases: a change needs the managed tag on the resource, a create or restore the
     * managed tag in the request. On snapshots: only creating them, tagging them with a
     * condition on the tag keys, or deleting those tagged managed with the target they belong to. On groups (subnet, parameter, option, security): used by a
     * restore or modify, never changed themselves.
     */
    private static void checkRds(Statement s, String action, List<String> unconditioned) {
        // tagging at creation is authorised as AddTagsToResource: allowed with the managed tag in the request (see docs/deploy.md)
        boolean creates = action.startsWith("rds:Restore") || action.startsWith("rds:Create") || action.startsWith("rds:Copy")
                || action.equals("rds:AddTagsToResource");
        for (String resource : s.flatResources()) {
            Matcher m = RDS_TYPE.matcher(resource);
            String type = m.matches() ? m.group(1) : "?";
            boolean ok;
            if (DATABASE_TYPES.contains(type)) {
                ok = s.condition().equals(ON_MANAGED) || (creates && s.condition().equals(BORN_MANAGED));
            } else if (SNAPSHOT_TYPES.contains(type)) {
                ok = SNAPSHOT_CREATES.contains(action) || s.condition().equals(BORN_MANAGED)
                        || (SNAPSHOT_DELETES.contains(action) && s.condition().equals(DBREFRESH_SNAPSHOT))
                        || (action.equals("rds:AddTagsToResource") && s.condition().containsKey("ForAllValues:StringEquals"));
            } else {
                ok = StepPermissions.SETTINGS.contains(type)
                        && (s.condition().equals(BORN_MANAGED) || !action.contains("Group") && !action.contains("Tags"));
            }
            if (!ok) {
                unconditioned.add(s.logicalId() + " " + action + " on " + resource + " if " + s.condition());
            }
        }
    }

    private static boolean reads(String action) {
        return action.startsWith("rds:Describe") || action.startsWith("rds:List");
    }

    private static boolean ownOrNamed(String resource, String action, Statement s, Set<String> logicalIds) {
        if (resource.equals("*")) {
            // in a key policy "*" is the key the policy belongs to
            return STAR_ONLY.contains(action) || s.type().equals("AWS::KMS::Key");
        }
        if (resource.contains(":log-group:RDSOSMetrics")) {
            // the log group enhanced monitoring writes to: its name is fixed by RDS
            return action.startsWith("logs:");
        }
        Matcher ref = OWN_REFERENCE.matcher(resource);
        while (ref.find()) {
            if (logicalIds.contains(ref.group(1))) {
                return true;
            }
        }
        if (resource.equals(TestDeployments.APP_SECRET) || resource.equals(TestDeployments.ACCOUNT_KEY)
                || resource.endsWith(":instance/" + TestDeployments.RUNNER_INSTANCE)
                || resource.endsWith("::document/AWS-RunShellScript")
                || resource.endsWith(":secret:" + DeploymentSettings.DEFAULT_SECRET_NAME_PREFIX + "*")) {
            return true;
        }
        // the ec2 script method may also select its instances by the tag named in context, and by nothing else
        return action.equals("ssm:SendCommand") && resource.endsWith(":instance/*")
                && s.condition().toString().contains("ssm:resourceTag/");
    }

    @SuppressWarnings("unchecked")
    private static Set<String> castKeys(Map<?, ?> m) {
        return ((Map<String, Object>) m).keySet();
    }
}
