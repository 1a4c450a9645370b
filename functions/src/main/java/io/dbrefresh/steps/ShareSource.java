package io.dbrefresh.steps;

import java.time.Duration;
import java.time.Instant;

import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.RestoreFailedException;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.execution.StepTimeoutException;
import io.dbrefresh.rds.SourceShare;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.PlannedStep;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.StepId;

/**
 * share-source (a refresh with restore.sourceaccount, before perform-restore): in the source
 * account, through its role, makes the copy this account restores and shares it (see
 * {@link SourceShare}). Its own job poller: the state machine calls it again after each wait
 * until it reports SUCCEEDED; it carries on from what it finds there, so a call is both the
 * start and the check. The restore block's wait_time and timeout bound it.
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
            case IN_PROGRESS -> {
                if (planned != null && last.polls() + 1 >= planned.maxPolls()) {
                    Duration waited = last.startedAt() == null ? Duration.ZERO : Duration.between(last.startedAt(), now);
                    throw new StepTimeoutException("share-source did not finish after " + (last.polls() + 1) + " checks over "
                            + waited.toMinutes() + " min " + waited.toSecondsPart() + " s; last seen: " + message);
                }
                yield seen.withPoll(env.waitSeconds(planned == null ? 30 : planned.waitSeconds()))
                        .withStatus(StepStatus.IN_PROGRESS, message, now);
            }
        };
    }
}
