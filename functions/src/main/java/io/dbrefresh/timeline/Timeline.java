package io.dbrefresh.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;

/**
 * A refresh laid out in time: each step that runs, when it starts and ends (seconds from the
 * start of the execution), the total, the <b>downtime</b> (the span during which no available
 * database answers under the target's name) and the <b>exposure</b> (the span during which
 * production's unmasked data or its admin password is reachable under the target's name).
 * Built from the model ({@link #model}) or from a run's own step timestamps ({@link #measured}),
 * with the same rules for both.
 *
 * @param exposureSeconds null when the exposure has no end: the copy takes the target's name and
 *                        this file never masks it or never changes its password
 */
public record Timeline(List<Span> steps, long totalSeconds, long downtimeSeconds, Long exposureSeconds) {

    /** One step: seconds from the start of the execution. */
    public record Span(StepId step, long start, long end) {
        public long seconds() {
            return end - start;
        }
    }

    /** The steps validate, acquire-lock and guard-target run before the first refresh step. */
    static final int LEADING_TASKS = 3;

    /**
     * The model's timeline for {@code plan} run in {@code order}, from the operation durations
     * and the database's allocated storage.
     */
    public static Timeline model(RefreshPlan plan, StepOrder order, OperationDurations d, double sizeGiB) {
        List<Span> spans = new ArrayList<>();
        long t = Math.round(LEADING_TASKS * d.get(OperationDurations.TASK));
        for (StepId step : order.steps()) {
            if (!plan.runs(step)) {
                continue;
            }
            long seconds = Math.round(expected(plan, step, order, d, sizeGiB));
            spans.add(new Span(step, t, t + seconds));
            t += seconds;
        }
        return of(plan, order, spans, t);
    }

    /** The expected duration of one step in the order the state machine runs, in seconds. */
    public static double expected(RefreshPlan plan, StepId step, OperationDurations d, double sizeGiB) {
        return expected(plan, step, StepOrder.SAFE, d, sizeGiB);
    }

    /** The expected duration of one step in {@code order}, in seconds. */
    public static double expected(RefreshPlan plan, StepId step, StepOrder order, OperationDurations d, double sizeGiB) {
        boolean aurora = plan.service() == DbService.AURORA;
        // the safe order renames the old target away (for a grace period, or to delete it once the
        // copy holds the name: the rename step's check issues that delete, and the deletion and its
        // final snapshot go on without holding the run); with a grace period its final snapshot, if
        // any, is taken when the kept copy expires, after the run. The original deleted it in place.
        boolean keptAway = renamesAway(plan, order);
        boolean finalSnapshot = plan.delete() != null && plan.delete().finalSnapshot() && !keptAway;
        return switch (step) {
            case PERFORM_RESTORE -> plan.restore() != null && plan.restore().restoreType() == RestoreType.FAST_CLONING
                    ? d.get(OperationDurations.FAST_CLONE)
                    : d.get(OperationDurations.RESTORE_BASE) + d.get(OperationDurations.RESTORE_PER_GIB) * sizeGiB;
            case CREATE_INSTANCE -> d.get(OperationDurations.CREATE_INSTANCE);
            case CHANGE_ADMIN_PWD -> d.get(OperationDurations.PASSWORD);
            case RUN_SCRIPTS -> d.get(OperationDurations.SCRIPTS_BASE) + d.get(OperationDurations.SCRIPTS_PER_GIB) * sizeGiB;
            case DELETE_REPLICAS -> d.get(OperationDurations.DELETE_REPLICA);
            // renamed away, the old target is not stopped: RDS renames only an available instance
            case STOP_OLD_DATABASE -> stopActs(plan, order) ? d.get(OperationDurations.STOP) : d.get(OperationDurations.TASK);
            // an Aurora cluster's instances hold no data: the final snapshot is the cluster's
            // with a grace period an Aurora cluster's instances are renamed away with it, by delete-old-cluster
            case DELETE_OLD_DATABASE -> keptAway ? d.get(aurora ? OperationDurations.TASK : OperationDurations.RENAME)
                    : d.get(OperationDurations.DELETE) + (!aurora && finalSnapshot ? snapshot(d, sizeGiB) : 0);
            case DELETE_OLD_CLUSTER -> keptAway ? d.get(OperationDurations.RENAME)
                    : d.get(OperationDurations.DELETE) + (finalSnapshot ? snapshot(d, sizeGiB) : 0);
            case RENAME_CLUSTER, RENAME_DATABASE -> d.get(OperationDurations.RENAME);
            case FIX_TAGS -> d.get(OperationDurations.TAGS);
            case CREATE_READ_REPLICAS -> d.get(OperationDurations.CREATE_REPLICA);
            case ROTATE_ADMIN_PWD -> d.get(OperationDurations.ROTATION);
            case UPDATE_DYNAMODB, SEND_MSG -> d.get(OperationDurations.TASK);
        };
    }

    /** The old target is renamed out of the way at the swap: always in the safe order when the plan says so; in the original only for a grace period. */
    private static boolean renamesAway(RefreshPlan plan, StepOrder order) {
        return plan.delete() != null && (order == StepOrder.SAFE ? plan.delete().renamesAway() : plan.delete().keepsOld());
    }

    private static boolean deletesAfterSwap(RefreshPlan plan) {
        return plan.delete() != null && plan.delete().deleteAfterSwap();
    }

    /** stop-old-database stops the old target, except in the safe order when the old target is renamed away to be deleted after. */
    private static boolean stopActs(RefreshPlan plan, StepOrder order) {
        return order != StepOrder.SAFE || !deletesAfterSwap(plan);
    }

    private static double snapshot(OperationDurations d, double sizeGiB) {
        return d.get(OperationDurations.FINAL_SNAPSHOT_BASE) + d.get(OperationDurations.FINAL_SNAPSHOT_PER_GIB) * sizeGiB;
    }

    /**
     * A run's timeline from its steps' own start and end times ({@code startedAt},
     * {@code finishedAt} of each result); steps with no end are left out.
     */
    public static Timeline measured(RefreshPlan plan, Instant executionStart, Map<StepId, Instant[]> startEnd, Instant end) {
        List<Span> spans = new ArrayList<>();
        for (Map.Entry<StepId, Instant[]> e : startEnd.entrySet()) {
            Instant[] se = e.getValue();
            if (se == null || se[0] == null || se[1] == null) {
                continue;
            }
            spans.add(new Span(e.getKey(), offset(executionStart, se[0]), offset(executionStart, se[1])));
        }
        spans.sort((a, b) -> Long.compare(a.start(), b.start()));
        return of(plan, StepOrder.SAFE, spans, offset(executionStart, end));
    }

    private static long offset(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds());
    }

    /** Downtime and exposure from the spans of the steps that ran. */
    static Timeline of(RefreshPlan plan, StepOrder order, List<Span> spans, long total) {
        Map<StepId, Span> by = new EnumMap<>(StepId.class);
        spans.forEach(s -> by.put(s.step(), s));
        boolean aurora = plan.service() == DbService.AURORA;
        // the old target stops answering when it is stopped, renamed away or deleted (for Aurora: its instances)
        Long down = null;
        for (StepId s : List.of(StepId.STOP_OLD_DATABASE, StepId.DELETE_OLD_DATABASE, StepId.DELETE_OLD_CLUSTER)) {
            if (s == StepId.STOP_OLD_DATABASE && !stopActs(plan, order)) {
                continue;
            }
            if (by.containsKey(s)) {
                down = down == null ? by.get(s).start() : Math.min(down, by.get(s).start());
            }
        }
        // and the copy answers under the name once renamed into place (for Aurora: the cluster, its writer already up)
        Span rename = by.get(aurora ? StepId.RENAME_CLUSTER : StepId.RENAME_DATABASE);
        long downtime = down == null ? 0 : Math.max(0, (rename != null ? rename.end() : total) - down);

        Long exposure = 0L;
        if (rename != null && by.containsKey(StepId.PERFORM_RESTORE)) {
            Span scripts = by.get(StepId.RUN_SCRIPTS);
            Span password = by.get(StepId.CHANGE_ADMIN_PWD);
            if (scripts == null || password == null) {
                exposure = null;
            } else {
                long safeAt = Math.max(scripts.end(), password.end());
                exposure = Math.max(0, safeAt - rename.end());
            }
        }
        return new Timeline(Collections.unmodifiableList(spans), total, downtime, exposure);
    }
}
