package io.dbrefresh.secrets;

import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.PasswordSpec;
import io.dbrefresh.refreshfile.RefreshPlan;

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

    @Override
    public String toString() {
        return (cluster ? "cluster " : "instance ") + id;
    }
}
