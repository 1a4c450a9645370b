package io.dbrefresh.scripts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.dbrefresh.execution.EndpointResolver;
import io.dbrefresh.execution.DatabaseEndpoint;
import io.dbrefresh.execution.DatabaseNotFoundException;

/**
 * The {@code method: lambda} run: prepared by the start handler (checks, a PENDING report),
 * carried out by the worker (scripts from S3, a login, one JDBC connection, the report
 * rewritten as it goes). A failure of the run is written to the report, never thrown: the
 * check reads it, and an asynchronous Lambda invocation that throws would be retried and run
 * the scripts again.
 */
public final class ScriptRunService {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final ScriptSource source;
    private final ReportStore reports;
    private final CredentialsSource credentials;
    private final EndpointResolver endpoints;
    private final JdbcConnector connector;
    private final TlsPolicy tls;
    private final Clock clock;

    public ScriptRunService(ScriptSource source, ReportStore reports, CredentialsSource credentials,
                            EndpointResolver endpoints, JdbcConnector connector, TlsPolicy tls, Clock clock) {
        this.source = source;
        this.reports = reports;
        this.credentials = credentials;
        this.endpoints = endpoints;
        this.connector = connector;
        this.tls = tls;
        this.clock = clock;
    }

    /**
     * Checks what can be checked before launching (scripts exist) and records the run as
     * PENDING. Returns the report already there when this execution launched it before (a
     * retried start launches nothing twice); {@code launched} tells which.
     */
    public Prepared prepare(ScriptRunRequest req, Instant deadline) {
        Optional<RunReport> existing = reports.read(req.bucket(), req.prefix(), req.execution());
        if (existing.isPresent()) {
            return new Prepared(existing.get(), false);
        }
        source.requireAll(req.bucket(), req.prefix(), req.keys());
        List<String> warnings = new ArrayList<>();
        if (!CredentialsSource.usesSecret(req.spec())) {
            warnings.add(CredentialsSource.PWD_WARNING);
        }
        RunReport pending = req.pendingReport(clock.instant(), deadline, warnings);
        reports.write(pending);
        return new Prepared(pending, true);
    }

    /** A PENDING report and whether this call created it. */
    public record Prepared(RunReport report, boolean created) {
    }

    /** Runs the scripts; the returned report is also in S3. */
    public RunReport run(ScriptRunRequest req, Instant deadline) {
        RunReport report = reports.read(req.bucket(), req.prefix(), req.execution())
                .orElseGet(() -> req.pendingReport(clock.instant(), deadline, List.of()));
        if (report.status() != RunStatus.PENDING) {
            // a duplicate delivery of the same launch: the first one owns the run
            return report;
        }
        report = report.running(clock.instant(), deadline);
        reports.write(report);
        String password = null;
        try {
            List<Script> scripts = source.fetch(req.bucket(), req.prefix(), req.keys());
            Optional<DatabaseEndpoint> endpoint = endpoints.resolve(req.instance(), req.cluster());
            DatabaseCredentials login = credentials.credentials(req.spec(), endpoint.orElse(null));
            password = login.password();
            JdbcTarget target = target(req, endpoint.orElse(null), login);
            if (target.tls() == TlsMode.DISABLE) {
                List<String> warnings = new ArrayList<>(report.warnings() == null ? List.of() : report.warnings());
                warnings.add("TLS is disabled for this run (local databases only)");
                report = withWarnings(report, warnings);
            }
            JdbcScriptRunner runner = new JdbcScriptRunner(clock, PROGRESS_EVERY);
            JdbcScriptRunner.Outcome outcome;
            try (Connection c = connector.open(target)) {
                RunReport base = report;
                outcome = runner.run(c, scripts, req.dialect(), req.spec().continueOnError(),
                        req.spec().singleTransaction(), password, done -> reports.write(base.withProgress(done, clock.instant())));
            }
            report = report.withProgress(outcome.scripts(), clock.instant());
            report = report.finished(outcome.error() == null ? RunStatus.SUCCEEDED : RunStatus.FAILED, outcome.error(),
                    clock.instant());
        } catch (SQLException e) {
            report = report.finished(RunStatus.FAILED, new RunError(null, null, null, null,
                    "cannot connect to " + req.target() + ": " + Text.redact(e.getMessage(), password), e.getSQLState(),
                    e.getErrorCode()), clock.instant());
        } catch (ScriptNotFoundException | CredentialsUnavailableException | DatabaseNotFoundException
                 | UnsupportedEngineException e) {
            report = report.finished(RunStatus.FAILED,
                    new RunError(null, null, null, null, Text.redact(e.getMessage(), password), null, null), clock.instant());
        } catch (RuntimeException e) {
            // anything else still ends the run as FAILED in the report: left RUNNING, the step would wait for nothing
            report = report.finished(RunStatus.FAILED, new RunError(null, null, null, null,
                    e.getClass().getSimpleName() + ": " + Text.redact(e.getMessage(), password), null, null), clock.instant());
        }
        reports.write(report);
        return report;
    }

    private JdbcTarget target(ScriptRunRequest req, DatabaseEndpoint endpoint, DatabaseCredentials login) {
        String host = endpoint != null ? endpoint.host() : login.host();
        Integer port = endpoint != null ? Integer.valueOf(endpoint.port()) : login.port();
        if (host == null || port == null) {
            throw new DatabaseNotFoundException("runscripts: no endpoint for " + req.target()
                    + " (not found in RDS, and the secret names no host and port)");
        }
        String database = login.database() != null ? login.database() : endpoint != null ? endpoint.database() : null;
        TlsMode fromFile = req.spec().tls() == null ? null : TlsMode.parse(req.spec().tls());
        // an embedded server of a local run has no TLS to offer
        TlsMode endpointMode = endpoint == null || endpoint.tls() ? null : TlsMode.DISABLE;
        TlsMode mode = tls.effective(endpointMode != null ? endpointMode : fromFile);
        return new JdbcTarget(req.dialect(), host, port, database, login.username(), login.password(), mode,
                mode == TlsMode.DISABLE ? null : tls.bundleFile());
    }

    private static RunReport withWarnings(RunReport r, List<String> warnings) {
        return new RunReport(r.execution(), r.target(), r.engine(), r.method(), r.status(), r.launchedAt(), r.startedAt(),
                r.updatedAt(), r.finishedAt(), r.deadline(), r.bucket(), r.prefix(), r.continueOnError(),
                r.singleTransaction(), r.scripts(), r.statements(), r.failedStatements(), r.rowsAffected(),
                r.durationMillis(), r.error(), List.copyOf(warnings), r.commandId(), r.ec2InstanceId());
    }
}
