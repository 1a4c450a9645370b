package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.RestoreFailedException;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.execution.StepTimeoutException;
import io.dbrefresh.rds.SourceShare;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.SourceAccount;
import io.dbrefresh.testing.Plans;

/** share-source's own job poller: its result per progress, its bound, and a terminal state as an error recovery catches. */
class ShareSourceTest {

    private static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");
    private static final ExecutionRef EXECUTION = new ExecutionRef("arn:aws:states:us-east-1:123456789012:execution:refresh:n1", "n1");
    private static final String ARN = "arn:aws:rds:us-east-1:222233334444:snapshot:dbrefresh-xa-shopprod-n1";

    private final SourceAccounts accounts = mock(SourceAccounts.class);
    private final SourceShare share = mock(SourceShare.class);
    private ShareSource handler;

    @BeforeEach
    void wiring() {
        when(accounts.share(any(), any())).thenReturn(share);
        handler = new ShareSource(new StepEnvironment(null, Clock.fixed(NOW, ZoneOffset.UTC), null, null, null), accounts);
    }

    @Test
    void inProgress_waitsTheRestoreBlocksWaitTime_andCountsTheCall() {
        when(share.advance(any(), anyBoolean(), anyString())).thenReturn(sharing(Observation.inProgress("copying"), null));

        StepResult first = handler.handle(new ShareSource.Request(plan(5), EXECUTION, null));
        StepResult second = handler.handle(new ShareSource.Request(plan(5), EXECUTION, first));

        assertThat(first.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(first.step()).isEqualTo(ShareSource.STEP);
        assertThat(first.waitSeconds()).isEqualTo(30);
        assertThat(first.message()).isEqualTo("copying");
        assertThat(second.polls()).isEqualTo(first.polls() + 1);
    }

    @Test
    void done_succeedsWithTheSharedCopysArn_andTheDataTime() {
        Instant at = Instant.parse("2026-12-06T01:00:00Z");
        when(share.advance(any(), anyBoolean(), anyString())).thenReturn(new SourceShare.Sharing(
                Observation.done("shared dbrefresh-xa-shopprod-n1"), ARN, at, "rds:shopprod-2026-12-06-01-00"));

        StepResult done = handler.handle(new ShareSource.Request(plan(5), EXECUTION, null));

        assertThat(done.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(done.snapshot()).isEqualTo(ARN);
        assertThat(done.alignedTo()).isEqualTo(at);
        assertThat(done.message()).contains("a copy of rds:shopprod-2026-12-06-01-00");
        assertThat(done.finishedAt()).isEqualTo(NOW);
    }

    @Test
    void theLastAllowedCall_stillInProgress_timesOutNamingTheStep() {
        when(share.advance(any(), anyBoolean(), anyString())).thenReturn(sharing(Observation.inProgress("copy is copying"), null));
        // the restore block's bound: 3 x 30 s, reached 90 s after the first call
        StepResult last = StepResult.started(ShareSource.STEP, 30, NOW.minusSeconds(90), "shopprod", "", true).withPoll(30).withPoll(30);

        assertThatThrownBy(() -> handler.handle(new ShareSource.Request(plan(3), EXECUTION, last)))
                .isInstanceOf(StepTimeoutException.class).hasMessageContaining("share-source did not finish within its timeout of 90 s")
                .hasMessageContaining("3 checks").hasMessageContaining("copy is copying");
    }

    @Test
    void theBound_isTheTimeSinceTheFirstCall_notACountOfCalls() {
        when(share.advance(any(), anyBoolean(), anyString())).thenReturn(sharing(Observation.inProgress("copy is copying"), null));
        // few calls over a long time, or many in a short one: the time since the first call decides
        StepResult early = StepResult.started(ShareSource.STEP, 30, NOW.minusSeconds(100), "shopprod", "", true).withPoll(30);
        StepResult busy = StepResult.started(ShareSource.STEP, 30, NOW.minusSeconds(10), "shopprod", "", true)
                .withPoll(30).withPoll(30).withPoll(30).withPoll(30);

        assertThatThrownBy(() -> handler.handle(new ShareSource.Request(plan(3), EXECUTION, early)))
                .isInstanceOf(StepTimeoutException.class).hasMessageContaining("within its timeout of 90 s");
        StepResult again = handler.handle(new ShareSource.Request(plan(3), EXECUTION, busy));
        assertThat(again.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(again.waitSeconds()).as("the wait, never past the bound").isEqualTo(30);
    }

    @Test
    void aTerminalState_isAnErrorTheRecoveryPathCatches() {
        when(share.advance(any(), anyBoolean(), anyString())).thenReturn(sharing(Observation.failed("copy x is failed"), null));

        assertThatThrownBy(() -> handler.handle(new ShareSource.Request(plan(5), EXECUTION, null)))
                .isInstanceOf(RestoreFailedException.class).hasMessageContaining("share-source: copy x is failed");
    }

    @Test
    void aRefreshFromThisAccount_isRefused() {
        RefreshPlan sameAccount = Plans.plan("shopprod", "shopstage", Plans.restore(RestoreType.LATEST_POINT, "shopprod", "shopstage"),
                null, null, 30, 5);

        assertThatThrownBy(() -> handler.handle(new ShareSource.Request(sameAccount, EXECUTION, null)))
                .isInstanceOf(InvalidRefreshFileException.class);
    }

    private static SourceShare.Sharing sharing(Observation seen, String arn) {
        return new SourceShare.Sharing(seen, arn, null, null);
    }

    private static RefreshPlan plan(int maxPolls) {
        return Plans.plan("shopprod", "shopstage", Plans.restoreAcrossAccounts(RestoreType.LATEST_POINT, "shopprod", "shopstage", null,
                null, new SourceAccount("222233334444", SourceAccount.defaultRole("222233334444"))), null, null, 30, maxPolls);
    }
}
