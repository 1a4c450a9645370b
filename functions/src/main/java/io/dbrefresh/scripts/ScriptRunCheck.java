package io.dbrefresh.scripts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.CommandInvocationStatus;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationRequest;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;
import software.amazon.awssdk.services.ssm.model.InvocationDoesNotExistException;

/**
 * The runscripts check, called by the shared check handler: reads the run's report from S3
 * (and, for {@code method: ec2}, the SSM command's status) and says IN_PROGRESS, SUCCEEDED or
 * FAILED. A failure's message names the failing statement, its script and line. A run whose
 * worker died (report still PENDING or RUNNING past its deadline) is FAILED, not waited on
 * forever. Wait and poll counting stay with the caller: this only observes.
 */
public final class ScriptRunCheck {

    /** Allowance for clocks and S3 after a deadline. */
    static final Duration GRACE = Duration.ofMinutes(2);

    private final ReportStore reports;
    private final SsmClient ssm;
    private final Clock clock;

    public ScriptRunCheck(StepEnvironment env) {
        this(new ReportStore(env.aws().s3()), env.aws().ssm(), env.clock());
    }

    ScriptRunCheck(ReportStore reports, SsmClient ssm, Clock clock) {
        this.reports = reports;
        this.ssm = ssm;
        this.clock = clock;
    }

    public Observation observe(StepInput in, StepResult current) {
        ScriptRunRequest req = ScriptRunRequest.from(in);
        Instant now = clock.instant();
        Optional<RunReport> found = reports.read(req.bucket(), req.prefix(), req.execution());
        if (found.isEmpty()) {
            return Observation.failed("runscripts failed: no run report at " + req.reportUri()
                    + " (it was written when the run was launched)");
        }
        RunReport report = found.get();
        if (!report.status().finished() && report.commandId() != null) {
            return checkCommand(req, report, now);
        }
        return verdict(req, report, now);
    }

    private Observation verdict(ScriptRunRequest req, RunReport report, Instant now) {
        return switch (report.status()) {
            case SUCCEEDED -> Observation.done(report.summary() + "; report " + req.reportUri());
            case FAILED -> Observation.failed("runscripts failed on " + req.target() + ": "
                    + (report.error() == null ? "no detail" : report.error().summary()) + " (report " + req.reportUri() + ")");
            case PENDING, RUNNING -> {
                if (report.deadline() != null && now.isAfter(report.deadline().plus(GRACE))) {
                    yield Observation.failed("runscripts failed on " + req.target() + ": the runner "
                            + "stopped without finishing (" + report.status() + " since " + report.updatedAt()
                            + ", deadline " + report.deadline() + "); report " + req.reportUri());
                }
                yield Observation.inProgress(report.summary());
            }
        };
    }

    private Observation checkCommand(ScriptRunRequest req, RunReport report, Instant now) {
        GetCommandInvocationResponse inv;
        try {
            inv = ssm.getCommandInvocation(GetCommandInvocationRequest.builder().commandId(report.commandId())
                    .instanceId(report.ec2InstanceId()).build());
        } catch (InvocationDoesNotExistException justSent) {
            return Observation.inProgress("command " + report.commandId() + " not registered yet");
        }
        CommandInvocationStatus status = inv.status();
        if (status == CommandInvocationStatus.PENDING || status == CommandInvocationStatus.IN_PROGRESS
                || status == CommandInvocationStatus.DELAYED) {
            return Observation.inProgress("command " + report.commandId() + " on "
                    + report.ec2InstanceId() + " is " + inv.statusDetails());
        }
        // the instance writes its report as its last act, over the PENDING one
        RunReport written = reports.read(req.bucket(), req.prefix(), req.execution()).orElse(report);
        if (written.status().finished()) {
            if (status != CommandInvocationStatus.SUCCESS && written.status() == RunStatus.SUCCEEDED) {
                return Observation.failed("runscripts failed on " + req.target() + ": command "
                        + report.commandId() + " ended " + inv.statusDetails() + " after the scripts ran");
            }
            return verdict(req, written, now);
        }
        if (status == CommandInvocationStatus.SUCCESS) {
            return Observation.failed("runscripts failed on " + req.target() + ": command "
                    + report.commandId() + " succeeded but wrote no report to " + req.reportUri());
        }
        String stderr = inv.standardErrorContent() == null ? "" : inv.standardErrorContent().strip();
        return Observation.failed("runscripts failed on " + req.target() + ": command "
                + report.commandId() + " on " + report.ec2InstanceId() + " ended " + inv.statusDetails()
                + (stderr.isEmpty() ? "" : ": " + Text.abbreviate(stderr, 1500)));
    }
}
