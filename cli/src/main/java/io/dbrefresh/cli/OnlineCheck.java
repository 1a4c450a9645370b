package io.dbrefresh.cli;

import java.util.ArrayList;
import java.util.List;

import io.dbrefresh.preflight.Preflight;
import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshPlan;

/**
 * {@code --online}: the pre-flight the state machine runs, here with the caller's credentials,
 * so that a DBA finds a missing snapshot or secret before starting anything. The history table
 * and topic are checked when the file names them; the deployment's own are not known here.
 */
final class OnlineCheck {

    private final Preflight preflight;

    OnlineCheck(AwsOptions aws) {
        this.preflight = Preflight.using(aws.clients());
    }

    /** The file's result with what the live account lacks added as errors, and the pre-flight's warnings after the file's. */
    RefreshFileResult check(RefreshFileResult offline) {
        RefreshPlan plan = offline.plan();
        if (plan == null) {
            return offline;
        }
        return withFindings(offline, preflight.review(plan, Preflight.Defaults.NONE));
    }

    /** {@code offline}'s plan and warnings with the pre-flight's problems (which make it invalid) and warnings. */
    static RefreshFileResult withFindings(RefreshFileResult offline, Preflight.Findings found) {
        List<Problem> warnings = new ArrayList<>(offline.warnings());
        warnings.addAll(found.warnings());
        return new RefreshFileResult(found.problems().isEmpty() ? offline.plan() : null, found.problems(), warnings);
    }
}
