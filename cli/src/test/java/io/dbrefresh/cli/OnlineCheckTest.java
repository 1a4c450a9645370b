package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.dbrefresh.preflight.Preflight;
import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;

/**
 * {@code --online}'s verdict from the pre-flight's findings: warnings keep the file valid (exit 0)
 * and are printed after it, problems make it invalid. (moto does not offer the quota call that
 * warns: {@code PreflightQuotaIT} answers it; this is the step from its findings to the output.)
 */
class OnlineCheckTest {

    private static final Problem NEARLY_FULL = new Problem("/delete/snapshotretention", "the account's quota of manual snapshots"
            + " is 100 and 92 are used: after this refresh (...) 90 will be");

    private final RefreshFileResult offline = RefreshFiles.read("""
            {"restore": {"dbservice": "rds", "source": "mysqlinstp", "target": "mysqlinstq", "restoretype": "latestpoint",
                         "application": "app1", "environment": "qa", "torun": true}}
            """);

    @Test
    void warningsOnly_keepTheFileValidWithItsPlan_andArePrintedUnderOk() {
        RefreshFileResult result = OnlineCheck.withFindings(offline, new Preflight.Findings(List.of(), List.of(NEARLY_FULL)));

        assertThat(result.valid()).isTrue();
        assertThat(result.plan()).isSameAs(offline.plan());
        assertThat(print(result)).isEqualTo("f.json: OK (1 warning)\n  warning /delete/snapshotretention: " + NEARLY_FULL.message() + "\n");
    }

    @Test
    void aProblem_makesTheFileInvalid_andKeepsTheWarnings() {
        Problem full = new Problem("/delete/finalsnapshot", "no room");
        RefreshFileResult result = OnlineCheck.withFindings(offline, new Preflight.Findings(List.of(full), List.of(NEARLY_FULL)));

        assertThat(result.valid()).isFalse();
        assertThat(result.plan()).isNull();
        assertThat(print(result)).startsWith("f.json: INVALID, 1 error, 1 warning\n  /delete/finalsnapshot: no room\n  warning ");
    }

    @Test
    void planOnline_printsThePreflightsWarningsUnderItsVerdict() {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            ProblemReport.printPreflightPassed(out, List.of(NEARLY_FULL));
            ProblemReport.printPreflightPassed(out, List.of());
        }

        assertThat(text.toString().replace(System.lineSeparator(), "\n")).isEqualTo("pre-flight: OK, the account has what the file"
                + " names (1 warning)\n  warning /delete/snapshotretention: " + NEARLY_FULL.message()
                + "\npre-flight: OK, the account has what the file names\n");
    }

    private static String print(RefreshFileResult result) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            ProblemReport.print(out, "f.json", result);
        }
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
