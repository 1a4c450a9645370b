package io.dbrefresh.cli;

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

    /** The file's result with what the live account lacks added as errors. */
    RefreshFileResult check(RefreshFileResult offline) {
        RefreshPlan plan = offline.plan();
        if (plan == null) {
            return offline;
        }
        List<Problem> found = preflight.check(plan, Preflight.Defaults.NONE);
        return new RefreshFileResult(found.isEmpty() ? plan : null, found, offline.warnings());
    }
}
