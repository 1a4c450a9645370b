package io.dbrefresh.secrets;

import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.PasswordSpec;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoredCopy;
import io.dbrefresh.refreshfile.StepId;

/** The database whose admin password a step works on: an RDS instance or an Aurora cluster. */
public record TargetRef(boolean cluster, String id) {

    /** From the plan: the password block's instance or cluster, else the refresh target. */
    public static TargetRef of(RefreshPlan plan) {
        PasswordSpec p = plan.password();
        if (plan.service() == DbService.AURORA) {
            return new TargetRef(true, p != null && p.cluster() != null ? p.cluster() : plan.target());
        }
        return new TargetRef(false, p != null && p.instance() != null ? p.instance() : plan.target());
    }

    /**
     * The database change-admin-pwd works on: the copy under its temporary name when this run
     * restores one, since it gets its own password before it takes the target's name (the old
     * target keeps serving meanwhile, with its own password); else the target itself.
     */
    public static TargetRef copy(RefreshPlan plan) {
        TargetRef target = of(plan);
        String temp = copyName(plan);
        return temp == null ? target : new TargetRef(target.cluster(), temp);
    }

    /**
     * The restored copy's temporary name when this run restores one (the instance for RDS, the
     * cluster for Aurora), else null.
     */
    public static String copyName(RefreshPlan plan) {
        return RestoredCopy.temporaryName(plan);
    }

    /**
     * The name the copy ends with: the target's when this run renames the copy into its place
     * (rename-database for RDS, rename-cluster for Aurora), else the name it has.
     */
    public static String finalName(RefreshPlan plan) {
        TargetRef copy = copy(plan);
        StepId rename = plan.service() == DbService.AURORA ? StepId.RENAME_CLUSTER : StepId.RENAME_DATABASE;
        return copyName(plan) != null && plan.runs(rename) ? of(plan).id() : copy.id();
    }

    @Override
    public String toString() {
        return (cluster ? "cluster " : "instance ") + id;
    }
}
