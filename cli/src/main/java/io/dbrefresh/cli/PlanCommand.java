package io.dbrefresh.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.dbrefresh.rds.AuroraClusters;
import io.dbrefresh.rds.ClusterCopySettings;
import io.dbrefresh.rds.CopySettings;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.WriterSettings;
import io.dbrefresh.refreshfile.InstanceSpec;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.timeline.OperationDurations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code dbrefresh plan FILE}: what a refresh file would do, step by step, without doing it. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {
                "Shows the normalised plan of a refresh file: each step, whether it runs, how it is polled, and its key parameters,",
                "and every setting of the new copy with where it comes from (refresh file, old target, AWS default).",
                "With --online, the pre-flight runs first against the live account (read-only, the caller's credentials).",
                "Exit status: 0 valid, 1 invalid or the account lacks what it names (the errors are printed),",
                "2 the file cannot be read (or AWS cannot be asked)."})
final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "A refresh file (JSON).")
    Path file;

    @Option(names = "--fleet", paramLabel = "FLEET", description = {
            "A fleet file instead of FILE: its refreshes wave by wave, how many at a time, the failures allowed;",
            "with --online and align, the common point in time each refresh would restore to now."})
    Path fleet;

    @Option(names = "--json", description = "Print the plan as the state machine receives it ($.plan).")
    boolean json;

    @Option(names = "--timeline", description = "Print the modelled timeline: each step's expected start and duration, the total,"
            + " the downtime and the exposure, for this order and the original one.")
    boolean timeline;

    @Option(names = "--size-gib", paramLabel = "GIB", defaultValue = "100",
            description = "With --timeline: the database's allocated storage in GiB (default ${DEFAULT-VALUE}).")
    double sizeGib;

    @Option(names = "--durations", paramLabel = "FILE",
            description = "With --timeline: a JSON object of seconds by operation, laid over the documented defaults.")
    Path durations;

    @Option(names = "--online", description = "Check the live account first (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL).")
    boolean online;

    @Mixin
    AwsOptions aws;

    @Mixin
    ApplicationFleet app;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (fleet != null || app.given() || file == null) {
            if (!app.oneOf(file, fleet, "dbrefresh plan", err)) {
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
            if (app.given()) {
                return FleetInput.plan(app.label(), app.read(err, "no plan"), online ? aws : null, out, err);
            }
            return FleetInput.plan(fleet, online ? aws : null, out, err);
        }
        RefreshFileInput input = RefreshFileInput.read(file);
        if (input.unreadable() != null) {
            err.println("dbrefresh: " + input.unreadable());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        RefreshFileResult result = input.result();
        int fileWarnings = result.warnings().size();
        if (online) {
            try {
                result = new OnlineCheck(aws).check(result);
            } catch (SdkException e) {
                return AwsFailure.of("dbrefresh plan --online", e, null, CommandLine.ExitCode.USAGE).print(err);
            }
        }
        RefreshPlan plan = result.plan();
        if (plan == null) {
            // the errors are the command's answer, so they go where the plan would have gone
            ProblemReport.print(out, file.toString(), result);
            out.flush();
            return 1;
        }
        if (timeline) {
            OperationDurations table;
            try {
                table = durations == null ? OperationDurations.defaultTable() : OperationDurations.withOverrides(durations);
            } catch (IOException | IllegalArgumentException e) {
                err.println("dbrefresh: " + (durations == null ? "" : durations + ": ") + e.getMessage());
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
            if (sizeGib <= 0) {
                err.println("dbrefresh: --size-gib must be more than 0");
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
            TimelineTable.print(out, plan, table, sizeGib, durations == null ? "the default durations" : "the durations of " + durations);
        } else if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(plan));
        } else {
            PlanTable.print(out, plan);
            if (plan.runs(StepId.PERFORM_RESTORE)) {
                try {
                    CopySettingsTable.print(out, copySettings(plan), online);
                } catch (SdkException e) {
                    return AwsFailure.of("dbrefresh plan --online", e, null, CommandLine.ExitCode.USAGE).print(err);
                }
            }
            if (online) {
                // the file's own warnings are in the plan table; the account's come after the verdict
                ProblemReport.printPreflightPassed(out, result.warnings().subList(fileWarnings, result.warnings().size()));
            }
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    /** Every setting of the new copy with its origin; online, the old target's values are read now. */
    private List<CopySettings.Setting> copySettings(RefreshPlan plan) {
        RdsInstances instances = online ? new RdsInstances(aws.clients().rds()) : null;
        if (plan.service() == DbService.RDS) {
            return (online ? CopySettings.forTarget(plan.restore(), instances) : CopySettings.of(plan.restore(), Optional.empty())).rows();
        }
        List<CopySettings.Setting> rows = new ArrayList<>(ClusterCopySettings.of(plan.restore(),
                online ? new AuroraClusters(instances).find(plan.restore().target()) : Optional.empty()).rows());
        InstanceSpec writer = plan.createInstance();
        if (writer != null && plan.runs(StepId.CREATE_INSTANCE)) {
            rows.addAll(WriterSettings.of(writer, online ? instances.find(writer.instance()) : Optional.empty()).rows());
        }
        return rows;
    }
}
