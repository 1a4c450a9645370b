package io.dbrefresh.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** What a local run prints of the preflight state: passed, and the pre-flight's warnings when it has some. */
class ProgressPrinterTest {

    private static final Instant T0 = Instant.parse("2026-12-07T02:00:00Z");

    @Test
    void preflightWithWarnings_printsThemOnItsPassedLine() {
        String output = """
                {"results": {}, "preflight": {"target": "mysqlinstq", "status": "PASSED",
                 "message": "1 warning: /delete/snapshotretention: the account's quota of manual snapshots is 100 and 92 are used",
                 "warnings": [{"path": "/delete/snapshotretention", "message": "the account's quota of manual snapshots is 100 and 92 are used"}]}}
                """;

        assertThat(printed(output)).isEqualTo("> preflight              started\n+ preflight              passed in 0.4 s: 1 warning:"
                + " /delete/snapshotretention: the account's quota of manual snapshots is 100 and 92 are used\n");
    }

    @Test
    void preflightWithoutWarnings_printsPassedAlone() {
        assertThat(printed("{\"results\": {}, \"preflight\": {\"target\": \"mysqlinstq\", \"status\": \"PASSED\", \"message\": null,"
                + " \"warnings\": []}}")).endsWith("+ preflight              passed in 0.4 s\n");
    }

    @Test
    void stepsTheRunPassedOver_arePrintedSkipped_whenTheNextStepThatRunsStarts_andAtTheEnd() {
        StringWriter text = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text, true));
        // a skipped step enters no state: perform-restore's done? goes straight to runscripts, rotate-admin-pwd's to the end
        for (String[] state : new String[][] {{"preflight", "Task"}, {"perform-restore?", "Choice"}, {"perform-restore", "Task"},
            {"perform-restore: wait", "Wait"}, {"perform-restore: check", "Task"}, {"perform-restore: done?", "Choice"},
            {"runscripts", "Task"}, {"verify-copy", "Task"}, {"delete-replicas?", "Choice"}, {"rename-database", "Task"},
            {"rotate-admin-pwd", "Task"}, {"refresh-complete", "Succeed"}}) {
            printer.onEvent(new ExecutionEvent("StateEntered", state[0], state[1], "{}", null, null, null, T0));
        }

        assertThat(text.toString().replace(System.lineSeparator(), "\n").lines()
                .filter(l -> l.startsWith("- ") || l.startsWith("> ")).map(l -> l.replaceAll(" +", " ")).toList()).containsExactly(
                "> preflight started", "> perform-restore started", "- create-instance skipped", "- change-admin-pwd skipped",
                "> runscripts started", "> verify-copy started", "- delete-replicas skipped", "- stop-old-database skipped",
                "- delete-old-database skipped", "- delete-old-cluster skipped", "- rename-cluster skipped", "> rename-database started",
                "- fix-tags skipped", "- create-read-replicas skipped", "> rotate-admin-pwd started", "- update-dynamodb skipped",
                "- send-msg skipped");
    }

    private static String printed(String output) {
        StringWriter text = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text, true));
        printer.onEvent(new ExecutionEvent("StateEntered", "preflight", "Task", "{}", null, null, null, T0));
        printer.onEvent(new ExecutionEvent("StateExited", "preflight", "Task", null, output, null, null, T0.plusMillis(400)));
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
