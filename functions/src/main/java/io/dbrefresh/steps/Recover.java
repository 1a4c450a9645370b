package io.dbrefresh.steps;

import java.util.List;

import io.dbrefresh.execution.RecoveryReport;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.ClusterSafeState;
import io.dbrefresh.rds.CrossAccountNames;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.rds.SafeState;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.Replica;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.StepId;

/**
 * The recovery path's first task: from the results so far, put the world back in a safe
 * state, and say what was done and where the old data is.
 */
public class Recover extends StepHandler<StepInput, RecoveryReport> {

    private final SafeState safeState;
    private final ClusterSafeState clusterSafeState;
    private final SourceAccounts sourceAccounts;

    public Recover() {
        this(StepEnvironment.fromEnvironment());
    }

    public Recover(StepEnvironment env) {
        this(new SafeState(env.aws().rds()), new ClusterSafeState(ClusterSteps.clusters(env.aws().rds())), new SourceAccounts(env));
    }

    Recover(SafeState safeState) {
        this(safeState, null);
    }

    Recover(SafeState safeState, ClusterSafeState clusterSafeState) {
        this(safeState, clusterSafeState, null);
    }

    Recover(SafeState safeState, ClusterSafeState clusterSafeState, SourceAccounts sourceAccounts) {
        super(StepInput.class);
        this.safeState = safeState;
        this.clusterSafeState = clusterSafeState;
        this.sourceAccounts = sourceAccounts;
    }

    @Override
    protected RecoveryReport handle(StepInput in) {
        RefreshPlan plan = in.plan();
        String failedStep = RefreshOutcome.failedStep(in);
        String error = RefreshOutcome.error(in);
        String cause = in.error() == null ? null : RefreshOutcome.causeMessage(in.error().cause());
        if (plan.service() == DbService.AURORA) {
            return recoverCluster(in, failedStep, error, cause);
        }
        String execution = in.execution().shortName();
        StepResult stop = in.result(StepId.STOP_OLD_DATABASE);
        StepResult delete = in.result(StepId.DELETE_OLD_DATABASE);
        String finalSnapshot = delete != null && delete.snapshot() != null ? delete.snapshot()
                : safeState.finalSnapshotTaken(plan.target(), execution, in.execution().startTime());
        // with a grace period the old target was renamed, not deleted: first back under its name
        SafeState.Kept kept = plan.delete() != null && plan.delete().keepsOld()
                ? safeState.bringBackKept(plan.target(), execution) : new SafeState.Kept(false, null, List.of());
        List<String> actions = new java.util.ArrayList<>(kept.actions());
        actions.addAll(safeState.restore(plan.target(), plan.restore().temp(), execution,
                stop != null && Boolean.TRUE.equals(stop.acted()), finalSnapshot, plan.restore().keepTempOnFailure(), kept.found()));
        String oldData = kept.keptAs() != null ? "instance " + kept.keptAs() + " (the old target, kept)"
                : safeState.oldDataAt(plan.target(), execution, finalSnapshot);
        actions.addAll(removeSourceCopies(in));
        return new RecoveryReport(failedStep, error, cause, actions, oldData, null, null);
    }

    /**
     * The old cluster's instances delete-old-database removed, as its result lists them; when
     * that result was lost after the call went through, the writer the file names, with the
     * class the file gives the writer. Null when the step did not run.
     */
    private static List<Replica> deletedInstances(StepInput in) {
        RefreshPlan plan = in.plan();
        StepResult deleted = in.result(StepId.DELETE_OLD_DATABASE);
        if (deleted != null) {
            return deleted.replicas();
        }
        if (!plan.runs(StepId.DELETE_OLD_DATABASE) || plan.delete() == null || plan.delete().instance() == null
                || plan.createInstance() == null || plan.createInstance().dbClass() == null) {
            return null;
        }
        return List.of(new Replica(plan.delete().instance(), plan.createInstance().dbClass()));
    }

    private RecoveryReport recoverCluster(StepInput in, String failedStep, String error, String cause) {
        RefreshPlan plan = in.plan();
        String execution = in.execution().shortName();
        StepResult delete = in.result(StepId.DELETE_OLD_CLUSTER);
        String finalSnapshot = delete != null && delete.snapshot() != null ? delete.snapshot()
                : clusterSafeState.finalSnapshotTaken(plan.target(), execution, in.execution().startTime());
        List<String> actions = new java.util.ArrayList<>(
                clusterSafeState.restore(plan.target(), plan.restore().temp(), execution, finalSnapshot));
        actions.addAll(clusterSafeState.writerBack(plan.target(), execution, deletedInstances(in)));
        actions.addAll(removeSourceCopies(in));
        return new RecoveryReport(failedStep, error, cause, actions,
                clusterSafeState.oldDataAt(plan.target(), execution, finalSnapshot), null, null);
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
            List<String> removed = sourceAccounts.share(in.plan(), in.execution()).remove(execution);
            return removed.isEmpty() ? List.of("no copy or share of this execution left in source account "
                    + spec.sourceAccount().accountId()) : removed;
        } catch (RuntimeException e) {
            return List.of("copies in source account " + spec.sourceAccount().accountId() + " NOT removed (" + e.getMessage()
                    + "): delete its " + CrossAccountNames.COPY_PREFIX + "* snapshots tagged " + RefreshTags.EXECUTION + "="
                    + execution + " there");
        }
    }
}
