package io.dbrefresh.steps;

import java.util.List;

import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.refreshfile.RestoreSpec;

/**
 * remove-source-copies (a refresh with restore.sourceaccount, once perform-restore's copy is
 * available): unshares and deletes, in the source account, every snapshot this execution made
 * there, and for a clone deletes the AWS RAM share of the source cluster. The recovery path
 * removes them too when the refresh fails.
 */
public final class RemoveSourceCopies extends StepHandler<StepInput, RemoveSourceCopies.Removed> {

    /** @param removed one line per action, as the execution's output shows them */
    public record Removed(List<String> removed) {
    }

    private final SourceAccounts accounts;

    public RemoveSourceCopies() {
        this(StepEnvironment.fromEnvironment());
    }

    public RemoveSourceCopies(StepEnvironment env) {
        this(new SourceAccounts(env));
    }

    RemoveSourceCopies(SourceAccounts accounts) {
        super(StepInput.class);
        this.accounts = accounts;
    }

    @Override
    protected Removed handle(StepInput in) {
        RestoreSpec spec = in.plan().restore();
        if (spec == null || !spec.crossAccount()) {
            throw new InvalidRefreshFileException("remove-source-copies runs only for a restore with sourceaccount");
        }
        return new Removed(accounts.share(in.plan(), in.execution()).remove(spec, in.execution().shortName()));
    }
}
