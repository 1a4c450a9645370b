package io.dbrefresh.scripts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.dbrefresh.execution.CheckSchedule;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.refreshfile.StepId;

/**
 * What the runscripts start handler does: records the run as PENDING in its report, then
 * launches it (worker Lambda, background thread, or SSM command) and answers IN_PROGRESS at
 * once. A retried start finds the report and launches nothing twice.
 */
public final class ScriptRunStarter {

    /** The worker function's timeout (Lambda's maximum); a run not finished by then has died. */
    public static final Duration WORKER_TIMEOUT = Duration.ofMinutes(15);

    private final ScriptRunService service;
    private final ScriptRunLauncher launcher;
    private final SsmScriptRunner ssm;
    private final ReportStore reports;
    private final StepEnvironment env;
    private final boolean inProcess;

    ScriptRunStarter(ScriptRunService service, ScriptRunLauncher launcher, SsmScriptRunner ssm, ReportStore reports,
                     StepEnvironment env, boolean inProcess) {
        this.service = service;
        this.launcher = launcher;
        this.ssm = ssm;
        this.reports = reports;
        this.env = env;
        this.inProcess = inProcess;
    }

    /**
     * Wired for {@code env}: the worker Lambda named by {@value ScriptRunLauncher#FUNCTION_ENV}, else the
     * environment's own script runner (a local run's background threads; on AWS it refuses).
     */
    public static ScriptRunStarter forEnvironment(StepEnvironment env) {
        String function = System.getenv(ScriptRunLauncher.FUNCTION_ENV);
        ScriptRunService service = ScriptRuns.service(env);
        boolean inProcess = function == null || function.isBlank();
        ScriptRunLauncher launcher = inProcess
                ? in -> env.scriptRunner().execute(() -> service.run(ScriptRunRequest.from(in), null))
                : new LambdaScriptLauncher(env.aws().lambda(), function);
        return new ScriptRunStarter(service, launcher, ScriptRuns.ssm(env), new ReportStore(env.aws().s3()), env, inProcess);
    }

    /** Wired with a launcher of the caller's choosing (tests, a local engine that wants to run inline). */
    public static ScriptRunStarter of(StepEnvironment env, ScriptRunLauncher launcher) {
        return new ScriptRunStarter(ScriptRuns.service(env), launcher, ScriptRuns.ssm(env), new ReportStore(env.aws().s3()),
                env, true);
    }

    public StepResult start(StepInput in) {
        ScriptRunRequest req = ScriptRunRequest.from(in);
        Clock clock = env.clock();
        Instant now = clock.instant();
        boolean ec2 = ScriptRunRequest.METHOD_EC2.equals(req.method());
        Instant deadline = ec2 ? now.plusSeconds(SsmScriptRunner.EXECUTION_TIMEOUT_SECONDS + 600L)
                : inProcess ? null : now.plus(WORKER_TIMEOUT.multipliedBy(2));
        ScriptRunService.Prepared prepared = service.prepare(req, deadline);
        RunReport report = prepared.report();
        boolean needsLaunch = prepared.created() || (ec2 && report.status() == RunStatus.PENDING && report.commandId() == null);
        if (needsLaunch) {
            try {
                if (ec2) {
                    report = ssm.send(req, report);
                    reports.write(report);
                } else {
                    launcher.launch(in);
                }
            } catch (RuntimeException e) {
                // a retried start must launch again, not find a PENDING run that nobody runs
                reports.delete(req.bucket(), req.prefix(), req.execution());
                throw e;
            }
        }
        String message = (needsLaunch ? "launched " : "already launched ") + req.keys().size() + " script"
                + (req.keys().size() == 1 ? "" : "s") + " on " + req.target() + " (" + req.method()
                + (report.commandId() == null ? "" : " command " + report.commandId()) + "); report " + req.reportUri();
        return CheckSchedule.of(in, StepId.RUN_SCRIPTS, null).firstCheck(new StepResult(StepId.RUN_SCRIPTS.id(),
                StepStatus.IN_PROGRESS, 0, 0, now, null, message, req.target(), null, null, null, true), env, true);
    }
}
