package io.dbrefresh.local;

import java.util.Locale;

import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.scripts.SqlDialect;

/**
 * The engine a local run emulates for a refresh file, worked out once: the seeding of instances
 * and clusters, the choice of database server and sample, and what the run prints all read it.
 * On AWS the engine is whatever the source runs; locally there is no source yet, so it is read
 * from what the file gives or implies.
 */
final class EmulatedEngine {

    private EmulatedEngine() {
    }

    /**
     * The engine name: an Aurora file's {@code aurora-mysql} or {@code aurora-postgresql} (from
     * its restore or create-instance block, else MySQL); an instance file's SQL Server or Oracle
     * engine when it names one, else MySQL, MariaDB or PostgreSQL as its engines and parameter
     * group hint (else MySQL).
     */
    static String of(RefreshPlan plan) {
        return plan.service() == DbService.AURORA ? ofCluster(plan) : ofInstance(plan);
    }

    /** The engine family: which embedded server, sample and scripts folder a local run uses. */
    static SqlDialect family(RefreshPlan plan) {
        return SqlDialect.forEngine(of(plan));
    }

    private static String ofCluster(RefreshPlan plan) {
        String e = plan.restore().engine() != null ? plan.restore().engine()
                : plan.createInstance() != null ? plan.createInstance().engine() : null;
        return e != null && e.contains("postgres") ? "aurora-postgresql" : "aurora-mysql";
    }

    private static String ofInstance(RefreshPlan plan) {
        String scripts = plan.scripts() == null ? null : plan.scripts().engine();
        for (String named : new String[] {plan.restore().engine(), scripts}) {
            SqlDialect family = named == null ? null : SqlDialect.ofEngine(named).orElse(null);
            if (family == SqlDialect.SQLSERVER || family == SqlDialect.ORACLE) {
                return named;
            }
        }
        String hint = String.join(" ", nz(plan.restore().engine()), nz(plan.restore().dbParameterGroup()), nz(scripts))
                .toLowerCase(Locale.ROOT);
        if (hint.contains("postgres")) {
            return "postgres";
        }
        if (hint.contains("mariadb")) {
            return "mariadb";
        }
        return "mysql";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
