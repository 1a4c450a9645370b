package io.dbrefresh.steps;

import java.time.Instant;

import io.dbrefresh.execution.CheckSchedule;
import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.RestoreFailedException;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.rds.SourceShare;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.PlannedStep;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.timeline.PollSchedule;

/**
 * share-source (a refresh with restore.sourceaccount, before perform-restore): in the source
 * account, through its role, makes the copy this account restores and shares it (see
 * {@link SourceShare}). Its own job poller: the state machine calls it again after each wait
 * until it reports SUCCEEDED; it carries on from what it finds there, so a call is both the
 * start and the check. The restore block's wait_time sets its waits and its timeout, in seconds
 * from the first call, bounds it, as every step's check is bounded ({@link CheckSchedule}).
 */
public final class ShareSource extends StepHandler<ShareSource.Request, StepResult> {

    /** Its result's step name, in {@code $.sourceShare}. */
    public static final String STEP = "shareSource";

    /** @param previous this handler's last result ({@code $.sourceShare}); empty on the first call */
    public record Request(RefreshPlan plan, ExecutionRef execution, StepResult previous) {
    }

    private final StepEnvironment env;
    private final SourceAccounts accounts;

    public ShareSource() {
        this(StepEnvironment.fromEnvironment());
    }

    public ShareSource(StepEnvironment env) {
        this(env, new SourceAccounts(env));
    }

    ShareSource(StepEnvironment env, SourceAccounts accounts) {
        super(Request.class);
        this.env = env;
        this.accounts = accounts;
    }

    @Override
    protected StepResult handle(Request in) {
        RefreshPlan plan = in.plan();
        RestoreSpec spec = plan.restore();
        if (spec == null || !spec.crossAccount()) {
            throw new InvalidRefreshFileException("share-source runs only for a restore with sourceaccount");
        }
        Instant now = env.clock().instant();
        StepResult last = in.previous() == null || in.previous().status() == null
                ? StepResult.started(STEP, 0, now, spec.source(), "", true) : in.previous();
        SourceShare.Sharing sharing = accounts.share(plan, in.execution())
                .advance(spec, plan.service() == DbService.AURORA, in.execution().shortName());
        StepResult seen = last.withAlignedTo(sharing.alignedTo())
                .withSnapshot(sharing.sharedArn() != null ? sharing.sharedArn() : sharing.from());
        String message = sharing.observation().message();
        PlannedStep planned = plan.step(StepId.PERFORM_RESTORE);
        return switch (sharing.observation().progress()) {
            case DONE -> seen.withStatus(StepStatus.SUCCEEDED, message
                    + (sharing.from() == null ? "" : " (a copy of " + sharing.from() + ")"), now);
            // a snapshot or copy in a terminal state: the catch names this state, recovery removes what was made
            case FAILED -> throw new RestoreFailedException("share-source: " + message);
            // bounded in time like every check (the restore block's timeout, from the first call), every wait_time seconds:
            // the model has no figure for a copy across accounts, so no first check at a modelled end
            case IN_PROGRESS -> new CheckSchedule(PollSchedule.fixed(planned == null ? 30 : planned.waitSeconds()),
                    planned == null || planned.timeoutSeconds() <= 0 ? Long.MAX_VALUE : planned.timeoutSeconds())
                    .again(seen, now, env, "share-source", message).withStatus(StepStatus.IN_PROGRESS, message, now);
        };
    }
}
