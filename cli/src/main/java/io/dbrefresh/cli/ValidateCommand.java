package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dbrefresh validate FILE...}: checks refresh files without touching any database. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
                "Checks refresh files and reports every error (and warning) with its JSON path.",
                "Exit status: 0 all files valid, 1 a file is invalid, 2 a file cannot be read."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Refresh files (JSON).")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean unreadable = false;
        boolean invalid = false;
        for (Path file : files) {
            RefreshFileInput input = RefreshFileInput.read(file);
            if (input.unreadable() != null) {
                err.println("dbrefresh: " + input.unreadable());
                unreadable = true;
                continue;
            }
            ProblemReport.print(out, file.toString(), input.result());
            invalid |= !input.result().valid();
        }
        out.flush();
        err.flush();
        return unreadable ? CommandLine.ExitCode.USAGE : invalid ? 1 : CommandLine.ExitCode.OK;
    }
}
