package io.dbrefresh.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.steps.FunctionJar;
import io.dbrefresh.steps.StepFunction;

/**
 * Everything a deployment can choose, read once from the CDK context ({@code cdk.json} or
 * {@code cdk deploy -c key=value}); docs/deploy.md lists each key. Every value is optional:
 * with none the stack synthesizes for one account and region with no VPC, no e-mail
 * subscriber, and permissions scoped to the defaults below. Relative paths are resolved
 * against the folder the app runs in ({@code infra/}).
 *
 * @param functionsJar            the functions' code ({@code functionsJar}): the folder the build writes a jar per
 *                                function shape into (each function deploys its own, {@link #jarOf}), or one
 *                                jar that every function deploys
 * @param refreshFiles            folder of refresh files; each with a {@code schedule} gets a schedule ({@code refreshFiles})
 * @param stateMachineDefinition  the ASL file with {@code ${...}} placeholders ({@code stateMachineDefinition})
 * @param historyTableName        physical name of the history table ({@code historyTableName})
 * @param notificationEmails      addresses subscribed to the topic ({@code notificationEmails})
 * @param logRetentionDays        retention of every log group ({@code logRetentionDays})
 * @param logExecutionData        whether state machine logs carry inputs and outputs ({@code logExecutionData})
 * @param network                 the databases' VPC, present when {@code vpcId} is given
 * @param scriptRunnerInstanceIds EC2 instances the ec2 script method may run commands on ({@code scriptRunnerInstanceIds})
 * @param scriptRunnerInstanceTag {@code key=value} tag selecting such instances ({@code scriptRunnerInstanceTag})
 * @param secretArns              secrets the password and script steps may use ({@code secretArns})
 * @param kmsKeyArns              customer managed keys of the databases, snapshots and secrets ({@code kmsKeyArns})
 * @param monitoringRoleArn       an existing enhanced monitoring role; one is created when absent ({@code monitoringRoleArn})
 * @param productionDatabases     DB instance and cluster identifiers (or ARNs) every role is explicitly
 *                                denied changing ({@code productionDatabases}); the refresh sources, typically
 * @param scriptsBucketName       physical name of the scripts bucket, generated when absent ({@code scriptsBucketName})
 * @param secretNamePrefix        when {@code secretArns} is not given, the name prefix of the secrets the password
 *                                and script steps may read, write and create ({@code secretNamePrefix})
 * @param sourceAccountIds        source accounts whose {@code dbrefresh-source-access} role the steps may assume
 *                                ({@code sourceAccountIds}); empty with no {@code sourceRoleArns}: no cross-account refresh
 * @param sourceRoleArns          other roles in source accounts the steps may assume ({@code sourceRoleArns})
 * @param emailIdentities         SES identities (domains or addresses) send-msg may send the e-mail report from
 *                                ({@code emailIdentities}); empty: no e-mail permission
 * @param emailConfigurationSets  SES configuration sets the e-mail report may name ({@code emailConfigurationSets})
 * @param databaseTls             how the functions' database connections use TLS ({@code databaseTls}):
 *                                {@code verify-full} (default) or the relaxed {@code require}
 */
public record DeploymentSettings(
        Path functionsJar,
        Path refreshFiles,
        Path stateMachineDefinition,
        String historyTableName,
        List<String> notificationEmails,
        int logRetentionDays,
        boolean logExecutionData,
        Optional<Network> network,
        List<String> scriptRunnerInstanceIds,
        Optional<Tag> scriptRunnerInstanceTag,
        List<String> secretArns,
        List<String> kmsKeyArns,
        Optional<String> monitoringRoleArn,
        List<String> productionDatabases,
        Optional<String> scriptsBucketName,
        String secretNamePrefix,
        List<String> emailIdentities,
        List<String> emailConfigurationSets,
        List<String> sourceAccountIds,
        List<String> sourceRoleArns,
        String databaseTls) {

    /** Secrets under this name prefix are usable when neither {@code secretArns} nor {@code secretNamePrefix} is given. */
    public static final String DEFAULT_SECRET_NAME_PREFIX = "dbrefresh/";
    public static final int DEFAULT_LOG_RETENTION_DAYS = 90;

    /**
     * The databases' VPC, where the script runner must sit to reach them.
     *
     * @param createEndpoints create the S3 gateway and the Secrets Manager, SSM and RDS interface
     *                        endpoints; false when the subnets already reach them (NAT or existing endpoints)
     * @param routeTableIds   the subnets' route tables, for the S3 gateway endpoint
     */
    public record Network(String vpcId, List<String> subnetIds, List<String> securityGroupIds,
                          boolean createEndpoints, List<String> routeTableIds) {
    }

    /**
     * The jar {@code function} deploys: in a folder, the one of its shape ({@link FunctionJar}: its
     * SDK modules, and the JDBC drivers where it logs in); otherwise the one jar given.
     */
    public Path jarOf(StepFunction function) {
        return Files.isDirectory(functionsJar) ? functionsJar.resolve(FunctionJar.of(function).fileName()) : functionsJar;
    }

    /**
     * The JDBC drivers' layer the functions that log in deploy with ({@link FunctionJar#DRIVERS_LAYER}
     * in the folder of jars); empty with one jar, which carries the drivers itself.
     */
    public Optional<Path> driversLayer() {
        return Files.isDirectory(functionsJar) ? Optional.of(functionsJar.resolve(FunctionJar.DRIVERS_LAYER)) : Optional.empty();
    }

    /** A tag key and value. */
    public record Tag(String key, String value) {
    }

    /**
     * The settings of the context read through {@code context} (a CDK node's
     * {@code tryGetContext}). Relative paths resolve against {@code baseDir}.
     */
    public static DeploymentSettings fromContext(Function<String, Object> context, Path baseDir) {
        Context c = new Context(context);
        Path jar = baseDir.resolve(c.string("functionsJar").orElse("../functions/target/lambda")).normalize();
        Path refreshFiles = baseDir.resolve(c.string("refreshFiles").orElse("../refresh-files")).normalize();
        Path definition = baseDir.resolve(c.string("stateMachineDefinition")
                .orElse("../statemachine/refresh.asl.json")).normalize();
        return new DeploymentSettings(
                jar,
                refreshFiles,
                definition,
                c.string("historyTableName").orElse(HistoryTable.DEFAULT_NAME),
                c.list("notificationEmails"),
                c.integer("logRetentionDays").orElse(DEFAULT_LOG_RETENTION_DAYS),
                c.bool("logExecutionData").orElse(true),
                network(c),
                c.list("scriptRunnerInstanceIds"),
                c.string("scriptRunnerInstanceTag").map(t -> tag("scriptRunnerInstanceTag", t)),
                c.list("secretArns"),
                c.list("kmsKeyArns"),
                c.string("monitoringRoleArn"),
                productionDatabases(c),
                c.string("scriptsBucketName"),
                secretNamePrefix(c),
                emailIdentities(c),
                c.list("emailConfigurationSets"),
                sourceAccountIds(c),
                sourceRoleArns(c),
                databaseTls(c));
    }

    private static final java.util.regex.Pattern ACCOUNT_ID = java.util.regex.Pattern.compile("[0-9]{12}");
    private static final java.util.regex.Pattern ROLE_ARN = java.util.regex.Pattern.compile(
            "arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+");

    /** Accounts whose source-account stack's role the steps may assume (cross-account refreshes); no wildcard. */
    private static List<String> sourceAccountIds(Context c) {
        List<String> ids = c.list("sourceAccountIds");
        for (String id : ids) {
            if (!ACCOUNT_ID.matcher(id).matches()) {
                throw new InvalidDeploymentSettingsException("sourceAccountIds: \"" + id + "\" is not a 12-digit account id");
            }
        }
        return ids;
    }

    /** Other roles a refresh file's restore.sourceaccount.rolearn may name; each a full role ARN, no wildcard. */
    private static List<String> sourceRoleArns(Context c) {
        List<String> arns = c.list("sourceRoleArns");
        for (String arn : arns) {
            if (!ROLE_ARN.matcher(arn).matches()) {
                throw new InvalidDeploymentSettingsException("sourceRoleArns: \"" + arn + "\" is not an IAM role ARN"
                        + " (arn:aws:iam::<account>:role/<name>, no wildcard)");
            }
        }
        return arns;
    }

    private static final java.util.regex.Pattern SECRET_NAME_PREFIX = java.util.regex.Pattern.compile("[A-Za-z0-9/_+=.@-]{1,256}");

    /** A prefix, not a pattern: a wildcard in it would widen every secrets permission. */
    private static String secretNamePrefix(Context c) {
        String prefix = c.string("secretNamePrefix").orElse(DEFAULT_SECRET_NAME_PREFIX);
        if (!SECRET_NAME_PREFIX.matcher(prefix).matches()) {
            throw new InvalidDeploymentSettingsException("secretNamePrefix \"" + prefix + "\" must be the start of a secret name:"
                    + " letters, digits and / _ + = . @ - (no wildcard), such as dbrefresh/");
        }
        return prefix;
    }

    /**
     * verify-full unless relaxed; plain text is refused here: on AWS it would send the database
     * passwords unencrypted, and only local servers have no TLS.
     */
    private static String databaseTls(Context c) {
        String tls = c.string("databaseTls").orElse("verify-full");
        if (!tls.equals("verify-full") && !tls.equals("require")) {
            throw new InvalidDeploymentSettingsException("databaseTls \"" + tls + "\" must be verify-full (the server's"
                    + " certificate and host checked against the RDS CA bundle) or require (encrypted, not checked)");
        }
        return tls;
    }

    private static final java.util.regex.Pattern EMAIL_IDENTITY = java.util.regex.Pattern.compile(
            "([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    /** An identity is a domain or an address; a wildcard would let the functions send as anyone the account verified. */
    private static List<String> emailIdentities(Context c) {
        List<String> identities = c.list("emailIdentities");
        for (String identity : identities) {
            if (!EMAIL_IDENTITY.matcher(identity).matches()) {
                throw new InvalidDeploymentSettingsException("emailIdentities: \"" + identity + "\" must be an SES identity,"
                        + " a domain (example.com) or an address (dbrefresh@example.com), without wildcard");
            }
        }
        return identities;
    }

    private static Optional<Network> network(Context c) {
        Optional<String> vpcId = c.string("vpcId");
        List<String> subnets = c.list("subnetIds");
        List<String> groups = c.list("securityGroupIds");
        boolean endpoints = c.bool("createVpcEndpoints").orElse(false);
        List<String> routeTables = c.list("routeTableIds");
        if (vpcId.isEmpty()) {
            if (!subnets.isEmpty() || !groups.isEmpty() || endpoints) {
                throw new InvalidDeploymentSettingsException(
                        "subnetIds, securityGroupIds and createVpcEndpoints need vpcId: the VPC the databases are in");
            }
            return Optional.empty();
        }
        if (subnets.isEmpty() || groups.isEmpty()) {
            throw new InvalidDeploymentSettingsException("vpcId " + vpcId.get()
                    + " needs subnetIds (private subnets that reach the databases) and securityGroupIds (allowed by the databases' security groups)");
        }
        if (endpoints && routeTables.isEmpty()) {
            throw new InvalidDeploymentSettingsException(
                    "createVpcEndpoints needs routeTableIds: the S3 gateway endpoint is added to the subnets' route tables");
        }
        return Optional.of(new Network(vpcId.get(), subnets, groups, endpoints, routeTables));
    }

    /** Context keys that are gone, with what replaced them: a deployment still setting one must not synthesize silently. */
    static final List<String> REMOVED_KEYS = List.of("targetTagKey", "targetTagValue");

    private static List<String> productionDatabases(Context c) {
        for (String removed : REMOVED_KEYS) {
            if (c.values().apply(removed) != null) {
                throw new InvalidDeploymentSettingsException(removed + " is no longer read: every role may now stop, modify,"
                        + " rename, tag and delete only databases tagged " + RefreshTags.MANAGED + "=" + RefreshTags.MANAGED_VALUE
                        + ". Remove targetTagKey and targetTagValue from the context, then tag each target with"
                        + " `dbrefresh adopt TARGET` (docs/deploy.md, \"Migrating from targetTagKey\")");
            }
        }
        return c.list("productionDatabases");
    }

    private static Tag tag(String name, String keyEqualsValue) {
        int eq = keyEqualsValue.indexOf('=');
        if (eq <= 0 || eq == keyEqualsValue.length() - 1) {
            throw new InvalidDeploymentSettingsException(name + " must be key=value, got: " + keyEqualsValue);
        }
        return new Tag(keyEqualsValue.substring(0, eq), keyEqualsValue.substring(eq + 1));
    }

    /** The version of this build, the one in the functions jar's file name. */
    static String projectVersion() {
        Properties p = new Properties();
        try (InputStream in = DeploymentSettings.class.getResourceAsStream("/dbrefresh-infra.properties")) {
            if (in == null) {
                throw new IllegalStateException("dbrefresh-infra.properties is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read dbrefresh-infra.properties", e);
        }
        return p.getProperty("version");
    }

    /**
     * Typed reads of context values. From {@code cdk.json} a value keeps its JSON type; from
     * {@code -c key=value} it is always a string, so lists also accept "a,b" and booleans "true".
     */
    private record Context(Function<String, Object> values) {

        Optional<String> string(String key) {
            Object v = values.apply(key);
            if (v == null) {
                return Optional.empty();
            }
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw new InvalidDeploymentSettingsException(key + " must be a single value, got: " + v);
            }
            String s = v.toString().trim();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        }

        List<String> list(String key) {
            Object v = values.apply(key);
            if (v == null) {
                return List.of();
            }
            if (v instanceof Collection<?> items) {
                return items.stream().map(Object::toString).map(String::trim).filter(s -> !s.isEmpty()).toList();
            }
            return Arrays.stream(v.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        Optional<Boolean> bool(String key) {
            return string(key).map(s -> switch (s.toLowerCase()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new InvalidDeploymentSettingsException(key + " must be true or false, got: " + s);
            });
        }

        Optional<Integer> integer(String key) {
            return string(key).map(s -> {
                try {
                    return Integer.parseInt(s);
                } catch (NumberFormatException e) {
                    throw new InvalidDeploymentSettingsException(key + " must be a whole number, got: " + s, e);
                }
            });
        }
    }
}
