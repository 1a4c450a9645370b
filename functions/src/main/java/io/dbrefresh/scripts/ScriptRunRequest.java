package io.dbrefresh.scripts;

import java.util.List;
import java.util.Locale;

import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.ScriptsSpec;
import io.dbrefresh.refreshfile.RestoredCopy;

/**
 * A script run as the step sees it, read once from the step input: what runs where, and the
 * execution whose report it writes.
 *
 * @param instance  the target instance (rds), or null
 * @param cluster   the target cluster (aurora), or null
 * @param execution the execution's short name: the report's file name
 */
public record ScriptRunRequest(ScriptsSpec spec, SqlDialect dialect, String engine, String instance, String cluster,
                               String execution) {

    public static final String METHOD_LAMBDA = "lambda";
    public static final String METHOD_EC2 = "ec2";

    public static ScriptRunRequest from(StepInput in) {
        RefreshPlan plan = in.plan();
        ScriptsSpec spec = plan.scripts();
        if (spec == null) {
            throw new InvalidRefreshFileException("runscripts runs but the plan has no runscripts block");
        }
        if ("pwd".equals(spec.access()) && spec.tempPassword() == null) {
            // a legacy temppwd is not in $.plan: it is read again from the execution input
            spec = spec.withTempPassword(in.legacyPassword("runscripts"));
        }
        if (spec.bucket() == null || spec.bucket().isBlank() || spec.keys() == null || spec.keys().isEmpty()) {
            throw new InvalidRefreshFileException("runscripts needs bucketname and at least one key");
        }
        String engine = spec.engine() != null ? spec.engine()
                : plan.restore() != null ? plan.restore().engine() : null;
        SqlDialect dialect = SqlDialect.forEngine(engine);
        String instance = spec.instance();
        String cluster = spec.cluster();
        if (instance == null && cluster == null) {
            if (plan.service() == DbService.AURORA) {
                cluster = plan.target();
            } else {
                instance = plan.target();
            }
        }
        // the scripts mask the copy under its temporary name, before it takes the target's name
        // (the file names the target: validation holds it to the restore block's)
        String copy = RestoredCopy.temporaryName(plan);
        if (copy != null) {
            if (plan.service() == DbService.AURORA) {
                cluster = copy;
                instance = null;
            } else {
                instance = copy;
            }
        }
        if (in.execution() == null || in.execution().shortName() == null) {
            throw new IllegalArgumentException("runscripts needs the execution (its report is named after it)");
        }
        return new ScriptRunRequest(spec, dialect, engine, instance, cluster, in.execution().shortName());
    }

    /** "lambda" (the default) or "ec2". */
    public String method() {
        String m = spec.method() == null ? METHOD_LAMBDA : spec.method().toLowerCase(Locale.ROOT);
        if (!m.equals(METHOD_LAMBDA) && !m.equals(METHOD_EC2)) {
            throw new InvalidRefreshFileException("runscripts method must be lambda or ec2, not '" + spec.method() + "'");
        }
        return m;
    }

    /** The cluster when there is one, else the instance: what the report and messages name. */
    public String target() {
        return cluster != null ? cluster : instance;
    }

    public String bucket() {
        return spec.bucket();
    }

    public String prefix() {
        return spec.prefix() == null ? "" : spec.prefix();
    }

    public List<String> keys() {
        return spec.keys();
    }

    public String reportUri() {
        return ReportStore.uri(bucket(), prefix(), execution);
    }

    /** The report a run starts from. */
    public RunReport pendingReport(java.time.Instant now, java.time.Instant deadline, List<String> warnings) {
        return RunReport.pending(execution, target(), engine, method(), now, deadline, bucket(), prefix(),
                spec.continueOnError(), spec.singleTransaction(), warnings);
    }
}
