package io.dbrefresh.steps;

import java.util.ArrayList;
import java.util.List;

import io.dbrefresh.execution.RecoveryReport;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.rds.CrossAccountNames;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.refreshfile.RestoreSpec;

/**
 * The recovery path's first task: from the results so far, put the world back in a safe
 * state, and say what was done and where the old data is. What "safe" means for an instance
 * or a cluster is the plan's variant's ({@link DatabaseSteps#recover}); across accounts, the
 * copies and shares made in the source account are removed too.
 */
public class Recover extends StepHandler<StepInput, RecoveryReport> {

    private final DatabaseServices services;
    private final SourceAccounts sourceAccounts;

    public Recover() {
        this(StepEnvironment.fromEnvironment());
    }

    public Recover(StepEnvironment env) {
        this(DatabaseServices.over(env), new SourceAccounts(env));
    }

    Recover(DatabaseServices services) {
        this(services, null);
    }

    Recover(DatabaseServices services, SourceAccounts sourceAccounts) {
        super(StepInput.class);
        this.services = services;
        this.sourceAccounts = sourceAccounts;
    }

    @Override
    protected RecoveryReport handle(StepInput in) {
        String cause = in.error() == null ? null : RefreshOutcome.causeMessage(in.error().cause());
        DatabaseSteps.Recovery done = services.forPlan(in.plan()).recover(in);
        List<String> actions = new ArrayList<>(done.actions());
        actions.addAll(removeSourceCopies(in));
        return new RecoveryReport(RefreshOutcome.failedStep(in), RefreshOutcome.error(in), cause, actions,
                done.oldDataAt(), null, null);
    }

    /**
     * Across accounts: the copies and shares this execution made in the source account go too.
     * Their removal failing does not stop the recovery: it says what is left and where.
     */
    private List<String> removeSourceCopies(StepInput in) {
        RestoreSpec spec = in.plan().restore();
        if (spec == null || !spec.crossAccount() || sourceAccounts == null) {
            return List.of();
        }
        String execution = in.execution().shortName();
        try {
            List<String> removed = sourceAccounts.share(in.plan(), in.execution()).remove(spec, execution);
            return removed.isEmpty() ? List.of("no copy or share of this execution left in source account "
                    + spec.sourceAccount().accountId()) : removed;
        } catch (RuntimeException e) {
            return List.of("copies in source account " + spec.sourceAccount().accountId() + " NOT removed (" + e.getMessage()
                    + "): delete its " + CrossAccountNames.COPY_PREFIX + "* snapshots and AWS RAM shares tagged "
                    + RefreshTags.EXECUTION + "=" + execution + " there, or leave them to the next refresh from that account"
                    + " or dbrefresh cleanup there, which remove them two days after they were made");
        }
    }
}
