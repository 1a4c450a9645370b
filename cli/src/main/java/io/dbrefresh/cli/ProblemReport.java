package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.util.List;

import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshFileResult;

/** Prints what checking one refresh file found: "OK" or the errors, then the warnings, one per line. */
final class ProblemReport {

    private ProblemReport() {
    }

    static void print(PrintWriter out, String file, RefreshFileResult result) {
        int errors = result.errors().size();
        int warnings = result.warnings().size();
        String summary = errors == 0 ? "OK" : "INVALID, " + count(errors, "error");
        if (warnings > 0) {
            summary += (errors == 0 ? " (" : ", ") + count(warnings, "warning") + (errors == 0 ? ")" : "");
        }
        out.println(file + ": " + summary);
        for (Problem p : result.errors()) {
            out.println("  " + p.displayPath() + ": " + p.message());
        }
        for (Problem p : result.warnings()) {
            out.println("  warning " + p.displayPath() + ": " + p.message());
        }
    }

    /** {@code plan --online}'s verdict under the plan: the account has what the file names, and the pre-flight's warnings. */
    static void printPreflightPassed(PrintWriter out, List<Problem> warnings) {
        out.println("pre-flight: OK, the account has what the file names" + (warnings.isEmpty() ? "" : " (" + count(warnings.size(), "warning") + ")"));
        for (Problem p : warnings) {
            out.println("  warning " + p.displayPath() + ": " + p.message());
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
