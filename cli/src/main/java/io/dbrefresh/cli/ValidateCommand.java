package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.dbrefresh.refreshfile.RefreshFileResult;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code dbrefresh validate FILE...}: checks refresh files without touching any database. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
                "Checks refresh files and reports every error (and warning) with its JSON path.",
                "With --online, also checks the live AWS account (read-only calls, the caller's credentials):",
                "the source, snapshot, groups, names, secrets, scripts, table and topic the file names.",
                "Exit status: 0 all files valid, 1 a file is invalid (or the account lacks what it names),",
                "2 a file cannot be read (or AWS cannot be asked)."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Refresh files (JSON).")
    List<Path> files;

    @Option(names = "--online", description = "Also run the pre-flight against the live account (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL).")
    boolean online;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean unreadable = false;
        boolean invalid = false;
        OnlineCheck check = online ? new OnlineCheck(aws) : null;
        for (Path file : files) {
            RefreshFileInput input = RefreshFileInput.read(file);
            if (input.unreadable() != null) {
                err.println("dbrefresh: " + input.unreadable());
                unreadable = true;
                continue;
            }
            RefreshFileResult result = input.result();
            if (check != null) {
                try {
                    result = check.check(result);
                } catch (SdkException e) {
                    out.flush();
                    AwsFailure.of("dbrefresh validate --online: " + file, e, null, CommandLine.ExitCode.USAGE).print(err);
                    unreadable = true;
                    continue;
                }
            }
            ProblemReport.print(out, file.toString(), result);
            invalid |= !result.valid();
        }
        out.flush();
        err.flush();
        return unreadable ? CommandLine.ExitCode.USAGE : invalid ? 1 : CommandLine.ExitCode.OK;
    }
}
