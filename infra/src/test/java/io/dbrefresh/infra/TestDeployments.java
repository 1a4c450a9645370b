package io.dbrefresh.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.core.type.TypeReference;

import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.steps.StepFunction;
import io.dbrefresh.steps.StepRegistry;

/**
 * Synthesized stacks for the tests, each built once per test JVM (synthesis goes through
 * jsii and Node). Every app gets the feature flags of {@code cdk.json}, as {@code cdk synth}
 * would, plus the test's context values.
 */
final class TestDeployments {

    /** The infra module folder: surefire runs there, as the CDK command line does. */
    static final Path INFRA = Path.of("").toAbsolutePath();
    static final Path FIXTURES = INFRA.resolve("src/test/resources");
    static final Path SCHEDULED_FILES = FIXTURES.resolve("refresh-files");

    static final String ACCOUNT_KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String APP_SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app1/admin-AbCdEf";
    static final String RUNNER_INSTANCE = "i-0123456789abcdef0";
    static final String PRODUCTION_INSTANCE = "shopprod";
    static final String EMAIL_IDENTITY = "example.com";
    static final String EMAIL_CONFIGURATION_SET = "dbrefresh-events";
    static final String PRODUCTION_CLUSTER = "arn:aws:rds:eu-west-1:111122223333:cluster:shopprod-aurora";

    /** A step whose registry row grants nothing: it must get logs and traces only. */
    static final StepFunction UNKNOWN_FUTURE_STEP =
            new StepFunction("SomeFutureStep", "io.dbrefresh.steps.SomeFutureStep", null, 256, 30, Set.of());

    record Synthesized(DbRefreshStack stack, Template template) {
    }

    /** A production account whose source-account stack's role cross-account refreshes assume. */
    static final String SOURCE_ACCOUNT = "210987654321";
    /** A role of another name a refresh file may name in restore.sourceaccount.rolearn. */
    static final String OTHER_SOURCE_ROLE = "arn:aws:iam::210987654322:role/ops/prod-copier";
    /** A synthesis that failed fails every test that asks for it, without being tried again. */
    private static final Map<String, Supplier<Synthesized>> CACHE = new ConcurrentHashMap<>();

    private TestDeployments() {
    }

    /** The stack with only what a test machine must supply: a functions jar, no refresh files. */
    static Synthesized defaults() {
        return cached("defaults", () -> synth(Map.of("refreshFiles", INFRA.resolve("target/no-refresh-files").toString()),
                StepRegistry.all()));
    }

    /**
     * Every context value set, and the steps still to come (script runner, passwords, Aurora)
     * plus one unknown step, so their permissions are checked before their handlers land.
     */
    static Synthesized fullyConfigured() {
        return cached("full", () -> synth(fullContext(), withFutureSteps()));
    }

    private static Synthesized cached(String key, Supplier<Synthesized> synthesis) {
        return CACHE.computeIfAbsent(key, k -> {
            try {
                Synthesized s = synthesis.get();
                return () -> s;
            } catch (RuntimeException e) {
                return () -> {
                    throw new IllegalStateException("synthesis of the " + key + " stack failed", e);
                };
            }
        }).get();
    }

    static Map<String, Object> fullContext() {
        Map<String, Object> c = new HashMap<>();
        c.put("refreshFiles", SCHEDULED_FILES.toString());
        c.put("notificationEmails", List.of("dba@example.com", "oncall@example.com"));
        c.put("vpcId", "vpc-0a1b2c3d4e5f67890");
        // as `-c subnetIds=...` gives it: one comma-separated string
        c.put("subnetIds", "subnet-0aaa1111bbbb2222c,subnet-0ddd3333eeee4444f");
        c.put("securityGroupIds", List.of("sg-0123456789abcdef0"));
        c.put("createVpcEndpoints", "true");
        c.put("routeTableIds", List.of("rtb-0123456789abcdef0"));
        c.put("scriptRunnerInstanceIds", List.of(RUNNER_INSTANCE));
        c.put("scriptRunnerInstanceTag", "dbrefresh-runner=true");
        c.put("secretArns", List.of(APP_SECRET));
        c.put("kmsKeyArns", List.of(ACCOUNT_KEY));
        c.put("productionDatabases", List.of(PRODUCTION_INSTANCE, PRODUCTION_CLUSTER));
        c.put("logExecutionData", false);
        c.put("logRetentionDays", 30);
        c.put("historyTableName", "team-refresh-history");
        c.put("scriptsBucketName", "acme-dbrefresh-scripts");
        c.put("emailIdentities", List.of(EMAIL_IDENTITY));
        c.put("emailConfigurationSets", EMAIL_CONFIGURATION_SET);
        c.put("sourceAccountIds", List.of(SOURCE_ACCOUNT));
        c.put("sourceRoleArns", List.of(OTHER_SOURCE_ROLE));
        c.put("databaseTls", "require");
        return c;
    }

    static List<StepFunction> withFutureSteps() {
        List<StepFunction> functions = new ArrayList<>(StepRegistry.all());
        addUnlessRegistered(functions, new StepFunction("CreateInstance", "io.dbrefresh.steps.CreateInstance", StepId.CREATE_INSTANCE, 512, 120, Set.of()));
        addUnlessRegistered(functions, new StepFunction("DeleteOldCluster", "io.dbrefresh.steps.DeleteOldCluster", StepId.DELETE_OLD_CLUSTER, 512, 120, Set.of()));
        addUnlessRegistered(functions, new StepFunction("RenameCluster", "io.dbrefresh.steps.RenameCluster", StepId.RENAME_CLUSTER, 512, 120, Set.of()));
        addUnlessRegistered(functions, new StepFunction("ChangeAdminPwd", "io.dbrefresh.steps.ChangeAdminPwd", StepId.CHANGE_ADMIN_PWD, 512, 120, Set.of()));
        addUnlessRegistered(functions, new StepFunction("RotateAdminPwd", "io.dbrefresh.steps.RotateAdminPwd", StepId.ROTATE_ADMIN_PWD, 512, 120, Set.of()));
        addUnlessRegistered(functions, new StepFunction("RunScripts", "io.dbrefresh.steps.RunScripts", StepId.RUN_SCRIPTS, 1024, 300, Set.of()));
        functions.add(UNKNOWN_FUTURE_STEP);
        return functions;
    }

    private static void addUnlessRegistered(List<StepFunction> functions, StepFunction f) {
        if (StepRegistry.byName(f.name()).isEmpty()) {
            functions.add(f);
        }
    }

    /** A fresh synthesis of the stack with {@code context} on top of cdk.json's and a stand-in jar. */
    static Synthesized synth(Map<String, Object> context, List<StepFunction> functions) {
        Map<String, Object> all = new HashMap<>(cdkJsonContext());
        all.put("functionsJar", standInJar().toString());
        all.putAll(context);
        Path outdir;
        try {
            outdir = Files.createTempDirectory(Files.createDirectories(INFRA.resolve("target/cdk-test-out")), "synth");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        App app = App.Builder.create().context(all).outdir(outdir.toString()).build();
        DbRefreshStack stack = DbRefreshApp.build(app, INFRA, functions);
        return new Synthesized(stack, Template.fromStack(stack));
    }

    static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = Json.MAPPER.readValue(INFRA.resolve("cdk.json").toFile(), new TypeReference<>() {
            });
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) cdkJson.get("context");
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any existing .jar will do for synthesis: the real one is built by the functions module. */
    static synchronized Path standInJar() {
        Path jar = INFRA.resolve("target/test-functions/stand-in-lambda.jar");
        if (!Files.exists(jar)) {
            try {
                Files.createDirectories(jar.getParent());
                try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
                    zip.putNextEntry(new ZipEntry("README.txt"));
                    zip.write("stand-in for the functions jar in infrastructure tests\n".getBytes());
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jar;
    }
}
