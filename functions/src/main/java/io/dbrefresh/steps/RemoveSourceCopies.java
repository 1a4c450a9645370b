package io.dbrefresh.steps;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.rds.SourceShare;
import io.dbrefresh.refreshfile.RestoreSpec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * remove-source-copies (a refresh with restore.sourceaccount, once perform-restore's copy is
 * available): unshares and deletes, in the source account, every snapshot this execution made
 * there, and for a clone deletes the AWS RAM share of the source cluster. The recovery path
 * removes them too when the refresh fails. Then what earlier refreshes left there (a recovery
 * that could not reach the source account, an execution stopped by hand) once no refresh can
 * still use it: a failure at that is said in the result, and does not fail this refresh.
 */
public final class RemoveSourceCopies extends StepHandler<StepInput, RemoveSourceCopies.Removed> {

    /** @param removed one line per action, as the execution's output shows them */
    public record Removed(List<String> removed) {
    }

    private final SourceAccounts accounts;
    private final Clock clock;

    public RemoveSourceCopies() {
        this(StepEnvironment.fromEnvironment());
    }

    public RemoveSourceCopies(StepEnvironment env) {
        this(new SourceAccounts(env), env.clock());
    }

    RemoveSourceCopies(SourceAccounts accounts, Clock clock) {
        super(StepInput.class);
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    protected Removed handle(StepInput in) {
        RestoreSpec spec = in.plan().restore();
        if (spec == null || !spec.crossAccount()) {
            throw new InvalidRefreshFileException("remove-source-copies runs only for a restore with sourceaccount");
        }
        SourceShare share = accounts.share(in.plan(), in.execution());
        List<String> removed = new ArrayList<>(share.remove(spec, in.execution().shortName()));
        try {
            removed.addAll(share.removeLeftovers(clock.instant()));
        } catch (SdkException e) {
            // this refresh's own copies are gone; earlier ones wait for the next refresh or dbrefresh cleanup there
            removed.add("copies and shares earlier refreshes left in source account " + spec.sourceAccount().accountId()
                    + " NOT all pruned (" + e.getMessage() + "): dbrefresh cleanup with that account's credentials removes the copies");
        }
        return new Removed(removed);
    }
}
