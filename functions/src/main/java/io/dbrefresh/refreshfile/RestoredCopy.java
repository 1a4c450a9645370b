package io.dbrefresh.refreshfile;

/**
 * The copy a refresh builds, as the steps that work on it before the swap name it: the
 * password change and the scripts act on the copy under its temporary name, while the old
 * target keeps serving, and the copy takes the target's name only after them.
 */
public final class RestoredCopy {

    private RestoredCopy() {
    }

    /**
     * The copy's temporary name when this run restores one (the instance for RDS, the cluster
     * for Aurora), else null: without a restore there is no copy, and those steps act on the
     * target itself.
     */
    public static String temporaryName(RefreshPlan plan) {
        if (!plan.runs(StepId.PERFORM_RESTORE) || plan.restore() == null || plan.restore().temp() == null) {
            return null;
        }
        return plan.restore().temp();
    }
}
