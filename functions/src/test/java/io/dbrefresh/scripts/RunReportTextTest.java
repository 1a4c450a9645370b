package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class RunReportTextTest {

    @Test
    void render_showsEachStatementWithLineRowsAndTheFailure() {
        StatementReport ok = new StatementReport(1, 10, "UPDATE customers\n  SET email = x", 12L, 40, null, null, null, null);
        StatementReport bad = new StatementReport(2, 17, "UPDATE customerz SET a = 1", null, 2, "Table 'customerz' doesn't exist",
                "42S02", 1146, null);
        ScriptReport script = new ScriptReport("01-mask.sql", "p/01-mask.sql", "9f2c0011223344556677", 300, 5, 2, 1, 12, 42,
                List.of(ok, bad));
        RunReport r = RunReport.pending("e", "mysqlinstd", "mysql", "lambda", Instant.EPOCH, null, "b", "p", false, false,
                List.of()).withProgress(List.of(script), Instant.EPOCH).finished(RunStatus.FAILED,
                new RunError("01-mask.sql", 17, 2, "UPDATE customerz SET a = 1", "Table 'customerz' doesn't exist", "42S02", 1146),
                Instant.EPOCH);

        String text = RunReportText.render(r);

        assertThat(text).contains("Scripts on mysqlinstd (mysql, lambda): FAILED")
                .contains("01-mask.sql  sha256 9f2c00112233  2/5 statements  12 rows")
                .contains("line 10").contains("12 rows    UPDATE customers SET email = x")
                .contains("line 17").contains("FAILED").contains("error: 01-mask.sql line 17 (statement 2)");
    }
}
