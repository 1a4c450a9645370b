package io.dbrefresh.infra;

import java.nio.file.Path;
import java.util.List;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

import io.dbrefresh.steps.StepFunction;
import io.dbrefresh.steps.StepRegistry;

/**
 * The CDK app: one {@link DbRefreshStack}, checked by the cdk-nag AwsSolutions pack on every
 * synthesis. Run by {@code cdk synth} / {@code cdk deploy} from {@code infra/} (see cdk.json).
 */
public final class DbRefreshApp {

    /** The stack name unless the {@code stackName} context value says otherwise. */
    public static final String DEFAULT_STACK_NAME = "DbRefresh";

    private DbRefreshApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app, Path.of("").toAbsolutePath());
        buildSourceAccount(app);
        app.synth();
    }

    /**
     * Adds the source-account stack (deployed in the production account, docs/deploy.md) when
     * the context names {@code sourceDatabases} and {@code targetAccountIds}; empty otherwise.
     */
    public static java.util.Optional<SourceAccountStack> buildSourceAccount(App app) {
        return SourceAccountSettings.fromContext(app.getNode()::tryGetContext).map(settings -> {
            Object name = app.getNode().tryGetContext("sourceStackName");
            return new SourceAccountStack(app, name == null ? SourceAccountStack.DEFAULT_STACK_NAME : name.toString(),
                    StackProps.builder()
                            .description("dbrefresh source account: copies and shares production snapshots with the refresh accounts")
                            .build(),
                    settings);
        });
    }

    /** Adds the stack, configured from {@code app}'s context, and the checks to {@code app}. */
    public static DbRefreshStack build(App app, Path baseDir) {
        return build(app, baseDir, StepRegistry.all());
    }

    /** As {@link #build(App, Path)}, deploying {@code functions} instead of the registry's (tests). */
    static DbRefreshStack build(App app, Path baseDir, List<StepFunction> functions) {
        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode()::tryGetContext, baseDir);
        Object name = app.getNode().tryGetContext("stackName");
        DbRefreshStack stack = new DbRefreshStack(app, name == null ? DEFAULT_STACK_NAME : name.toString(),
                StackProps.builder()
                        .description("dbrefresh: refreshes non-production Amazon RDS instances and Aurora clusters from production")
                        .build(),
                settings, functions);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }
}
