package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.PasswordSpec;
import io.dbrefresh.refreshfile.PlannedStep;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.ScriptsSpec;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.timeline.PollSchedule;

/** The plan as a table a DBA reads before starting a refresh: one row per step, in the order they run. */
public final class PlanTable {

    private PlanTable() {
    }

    public static void print(PrintWriter out, RefreshPlan plan) {
        RestoreSpec r = plan.restore();
        out.println("Refresh of " + plan.target() + " (" + plan.service().json() + ") from " + plan.source()
                + ", " + r.restoreType().json() + restorePoint(r));
        if (plan.application() != null || plan.environment() != null) {
            out.println("application " + orDash(plan.application()) + ", environment " + orDash(plan.environment()));
        }
        if (plan.schedule() != null) {
            out.println("schedule " + plan.schedule());
        }
        out.println();

        List<String[]> rows = new ArrayList<>();
        // the first check comes at the step's expected end (plan --timeline), then one every CHECK EVERY until its TIMEOUT
        rows.add(new String[] {"STEP", "RUN", "CHECK EVERY", "TIMEOUT", "DETAILS"});
        for (PlannedStep s : plan.steps().values()) {
            boolean timed = s.run() && s.id().polled();
            rows.add(new String[] {
                    s.id().displayName(),
                    s.run() ? "run" : "skip",
                    timed ? PollSchedule.fromModel(0, s.waitSeconds()).every() + "s" : "-",
                    timed ? s.timeoutSeconds() + "s" : "-",
                    s.run() ? details(plan, s.id()) : ""});
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println((line + row[4]).stripTrailing());
        }
        if (!plan.warnings().isEmpty()) {
            out.println();
            out.println("warnings:");
            plan.warnings().forEach(w -> out.println("  " + w));
        }
    }

    private static String details(RefreshPlan plan, StepId step) {
        boolean aurora = plan.service() == DbService.AURORA;
        RestoreSpec r = plan.restore();
        return switch (step) {
            case DELETE_REPLICAS -> (aurora ? "reader instances of cluster " : "read replicas of ") + plan.target();
            case STOP_OLD_DATABASE -> "stop " + plan.target();
            case PERFORM_RESTORE -> restore(r);
            case CREATE_INSTANCE -> "writer " + plan.createInstance().tempInstance() + " (" + orDash(plan.createInstance().dbClass())
                    + ") in " + plan.createInstance().cluster();
            case DELETE_OLD_DATABASE -> "delete " + plan.delete().instance()
                    + (aurora ? "" : plan.delete().finalSnapshot() ? ", final snapshot" : ", NO final snapshot");
            case DELETE_OLD_CLUSTER -> "delete cluster " + plan.delete().cluster()
                    + (plan.delete().finalSnapshot() ? ", final snapshot" : ", NO final snapshot");
            case RENAME_CLUSTER -> r.temp() + " -> " + r.target();
            case RENAME_DATABASE -> (aurora ? plan.createInstance().tempInstance() : r.temp()) + " -> " + plan.instance();
            case FIX_TAGS -> "tag " + plan.instance() + (aurora ? " and cluster " + plan.target() : "");
            case CREATE_READ_REPLICAS -> plan.replicas().replicas().isEmpty()
                    ? "recreate the replicas deleted before"
                    : plan.replicas().replicas().stream().map(x -> x.name() + " (" + x.dbClass() + ")").collect(Collectors.joining(", "));
            case CHANGE_ADMIN_PWD -> password(plan.password());
            case ROTATE_ADMIN_PWD -> "rotate secret " + plan.password().rotateSecretName();
            case RUN_SCRIPTS -> scripts(plan.scripts());
            case UPDATE_DYNAMODB -> "table " + (plan.tableName() == null ? "(the deployment's)" : plan.tableName());
            case SEND_MSG -> "topic " + (plan.topicArn() == null ? "(the deployment's)" : plan.topicArn());
        };
    }

    private static String restore(RestoreSpec r) {
        List<String> parts = new ArrayList<>();
        parts.add(r.source() + " -> " + r.temp());
        if (r.crossAccount() && r.restoreType() == io.dbrefresh.refreshfile.RestoreType.FAST_CLONING) {
            parts.add("source in account " + r.sourceAccount().accountId() + ": share-source shares the cluster through AWS RAM first,"
                    + " remove-source-copies deletes the share after");
        } else if (r.crossAccount()) {
            parts.add("source in account " + r.sourceAccount().accountId() + ": share-source makes and shares its copy first,"
                    + " remove-source-copies removes it after");
        }
        if (r.snapshot() != null) {
            parts.add("snapshot " + r.snapshot());
        } else if (r.restoreType().json().equals("fromsnapshot")) {
            parts.add("newest snapshot");
        }
        if (r.dbClass() != null) {
            parts.add(r.dbClass());
        }
        if (r.port() != null) {
            parts.add("port " + r.port());
        }
        if (r.kmsKeyId() != null) {
            parts.add("KMS key " + r.kmsKeyId());
        }
        if (r.optionGroup() != null) {
            parts.add("option group " + r.optionGroup());
        }
        if (r.licenseModel() != null) {
            parts.add(r.licenseModel());
        }
        return String.join(", ", parts);
    }

    private static String password(PasswordSpec p) {
        return switch (p.mode()) {
            case GENERATE -> "generated (" + p.passwordLength() + " characters), kept in secret " + p.secretName();
            case MANAGED -> "managed by RDS in its own secret";
            case TEMPPWD -> "temppwd from the file (legacy)" + (p.syncSecret() ? ", written to secret " + p.secretName() : "");
        };
    }

    private static String scripts(ScriptsSpec s) {
        return s.engine() + " via " + s.method() + ", s3://" + s.bucket() + "/" + s.prefix() + ": " + String.join(", ", s.keys());
    }

    private static String restorePoint(RestoreSpec r) {
        return r.restoreTime() == null ? "" : " at " + r.restoreTime();
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
