package io.dbrefresh.scripts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs split scripts over one JDBC connection, statement by statement, timing each and
 * counting the rows it changed. Every script is split before the first statement runs, so a
 * syntax error in the last script touches nothing. By default the run stops at the first
 * failing statement; {@code continueOnError} goes on (the failures are reported). With
 * {@code singleTransaction} each script commits as a whole or not at all (MySQL commits DDL
 * implicitly: only DML is undone there).
 */
public final class JdbcScriptRunner {

    /** What happened: a report per script that was reached, and the error that stopped the run, if any. */
    public record Outcome(List<ScriptReport> scripts, RunError error) {
    }

    private final Clock clock;
    private final Duration progressEvery;

    public JdbcScriptRunner(Clock clock, Duration progressEvery) {
        this.clock = clock;
        this.progressEvery = progressEvery;
    }

    /**
     * @param secret   a value that must never appear in the report (the password): masked wherever it shows up
     * @param progress called with the reports so far, at most every {@code progressEvery} and after each script
     */
    public Outcome run(Connection connection, List<Script> scripts, SqlDialect dialect, boolean continueOnError,
                       boolean singleTransaction, String secret, Consumer<List<ScriptReport>> progress) {
        SqlSplitter splitter = SqlSplitter.of(dialect);
        List<List<SqlStatement>> split = new ArrayList<>();
        for (Script script : scripts) {
            try {
                split.add(splitter.split(script.text()));
            } catch (ScriptSyntaxException e) {
                return new Outcome(List.of(), new RunError(script.key(), e.line(), null, null,
                        Text.redact(e.getMessage(), secret), null, null));
            }
        }
        List<ScriptReport> done = new ArrayList<>();
        Instant lastProgress = clock.instant();
        RunError firstError = null;
        for (int s = 0; s < scripts.size(); s++) {
            Script script = scripts.get(s);
            Tally tally = new Tally(script, split.get(s).size());
            RunError scriptError = null;
            try {
                connection.setAutoCommit(!singleTransaction);
                for (SqlStatement statement : split.get(s)) {
                    StatementReport r = execute(connection, statement, secret);
                    tally.add(r);
                    if (r.failed()) {
                        scriptError = new RunError(script.key(), statement.line(), statement.index(),
                                Text.redact(Text.abbreviate(statement.sql(), 2000), secret), r.error(), r.sqlState(),
                                r.errorCode());
                        if (singleTransaction || !continueOnError) {
                            break;
                        }
                    }
                    if (Duration.between(lastProgress, clock.instant()).compareTo(progressEvery) >= 0) {
                        lastProgress = clock.instant();
                        progress.accept(with(done, tally.report()));
                    }
                }
                if (singleTransaction) {
                    if (scriptError == null) {
                        connection.commit();
                    } else {
                        connection.rollback();
                        tally.rolledBack();
                    }
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                // the connection itself failed (commit, rollback, lost link): nothing more can run on it
                done.add(tally.report());
                RunError lost = new RunError(script.key(), null, null, null,
                        "connection failed: " + Text.redact(e.getMessage(), secret), e.getSQLState(), e.getErrorCode());
                return new Outcome(done, firstError != null ? firstError : lost);
            }
            done.add(tally.report());
            lastProgress = clock.instant();
            progress.accept(List.copyOf(done));
            if (scriptError != null && firstError == null) {
                firstError = scriptError;
            }
            if (scriptError != null && !continueOnError) {
                return new Outcome(done, scriptError);
            }
        }
        return new Outcome(done, continueOnError ? null : firstError);
    }

    private static List<ScriptReport> with(List<ScriptReport> done, ScriptReport current) {
        List<ScriptReport> all = new ArrayList<>(done);
        all.add(current);
        return all;
    }

    private static StatementReport execute(Connection connection, SqlStatement statement, String secret) {
        long start = System.nanoTime();
        String shown = Text.redact(Text.abbreviate(statement.sql(), 300), secret);
        try (Statement st = connection.createStatement()) {
            boolean isResultSet = st.execute(statement.sql());
            long rows = 0;
            boolean counted = false;
            while (true) {
                if (isResultSet) {
                    try (ResultSet rs = st.getResultSet()) {
                        while (rs.next()) {
                            // drained so that the next result and the next statement can run
                        }
                    }
                } else {
                    long count = st.getLargeUpdateCount();
                    if (count == -1) {
                        break;
                    }
                    rows += count;
                    counted = true;
                }
                isResultSet = st.getMoreResults();
            }
            return new StatementReport(statement.index(), statement.line(), shown, counted ? rows : null,
                    millisSince(start), null, null, null, null);
        } catch (SQLException e) {
            return new StatementReport(statement.index(), statement.line(), shown, null, millisSince(start),
                    Text.redact(e.getMessage(), secret), e.getSQLState(), e.getErrorCode(), null);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The running totals of one script. */
    private static final class Tally {
        private final Script script;
        private final int statements;
        private final List<StatementReport> details = new ArrayList<>();
        private int executed;
        private int failed;
        private long rows;
        private long millis;

        Tally(Script script, int statements) {
            this.script = script;
            this.statements = statements;
        }

        void add(StatementReport r) {
            executed++;
            millis += r.durationMillis();
            if (r.failed()) {
                failed++;
            } else if (r.rowsAffected() != null) {
                rows += r.rowsAffected();
            }
            if (r.failed() || details.size() < ScriptReport.MAX_DETAILS) {
                details.add(r);
            }
        }

        void rolledBack() {
            details.replaceAll(r -> new StatementReport(r.index(), r.line(), r.sql(), r.rowsAffected(), r.durationMillis(),
                    r.error(), r.sqlState(), r.errorCode(), Boolean.TRUE));
            rows = 0;
        }

        ScriptReport report() {
            return new ScriptReport(script.key(), script.objectKey(), script.sha256(), script.bytes(), statements, executed,
                    failed, rows, millis, List.copyOf(details));
        }
    }
}
