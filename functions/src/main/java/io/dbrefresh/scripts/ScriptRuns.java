package io.dbrefresh.scripts;

import io.dbrefresh.execution.EndpointResolver;
import io.dbrefresh.execution.StepEnvironment;

/** Builds the scripts step's collaborators for a step environment, in one place. */
public final class ScriptRuns {

    private ScriptRuns() {
    }

    /** Local-run endpoints first, then RDS. */
    public static EndpointResolver endpoints(StepEnvironment env) {
        return env.databases().orElse(new RdsEndpointResolver(env.aws().rds()));
    }

    public static ScriptRunService service(StepEnvironment env) {
        return new ScriptRunService(new ScriptSource(env.aws().s3()), new ReportStore(env.aws().s3()),
                new CredentialsSource(env.aws().secretsManager()), endpoints(env), new JdbcConnector(),
                TlsPolicy.fromEnvironment(), env.clock());
    }

    public static SsmScriptRunner ssm(StepEnvironment env) {
        return new SsmScriptRunner(env.aws().ssm(), endpoints(env), TlsPolicy.fromEnvironment(),
                env.aws().region().id());
    }
}
