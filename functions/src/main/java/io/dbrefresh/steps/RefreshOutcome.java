package io.dbrefresh.steps;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.dbrefresh.execution.PreflightFailedException;
import io.dbrefresh.execution.RecoveryReport;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.execution.TargetRefusedException;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.refreshfile.PlannedStep;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.timeline.Timeline;

/** How a refresh ended, read from the plan and the results: the history row and message. */
final class RefreshOutcome {

    private RefreshOutcome() {
    }

    static RefreshRecord record(StepInput in, Instant now) {
        RefreshPlan plan = in.plan();
        StepResult restore = in.result(StepId.PERFORM_RESTORE);
        boolean failed = "FAILED".equals(in.outcome());
        Instant started = in.execution() != null && in.execution().startTime() != null ? in.execution().startTime() : now;
        Timeline measured = measured(in, started, now);
        return new RefreshRecord(
                plan.target(),
                started,
                plan.application(),
                plan.environment(),
                plan.source(),
                plan.restore() == null || plan.restore().restoreType() == null ? null : plan.restore().restoreType().json(),
                restore == null ? null : restore.snapshot(),
                failed ? RefreshRecord.FAILED : RefreshRecord.SUCCEEDED,
                now,
                plan.service() == null ? null : plan.service().json(),
                in.execution() == null ? null : in.execution().id(),
                restore == null ? null : restore.alignedTo(),
                failed ? failedStep(in) : null,
                failed ? error(in) : null,
                failed && in.recovery() != null ? recovery(in.recovery()) : null,
                stepSeconds(in),
                scripts(in),
                measured.downtimeSeconds(),
                measured.exposureSeconds());
    }

    /** Downtime and exposure as this run had them, from its steps' own start and end times. */
    static Timeline measured(StepInput in, Instant started, Instant now) {
        Map<StepId, Instant[]> times = new EnumMap<>(StepId.class);
        if (in.results() != null) {
            for (StepId id : StepId.values()) {
                StepResult r = in.result(id);
                if (r != null) {
                    times.put(id, new Instant[] {r.startedAt(), r.finishedAt()});
                }
            }
        }
        return Timeline.measured(in.plan(), started, times, now);
    }

    /** The row acquire-lock writes: the refresh has begun, nothing is known of its result yet. */
    static RefreshRecord running(StepInput in, Instant now) {
        RefreshPlan plan = in.plan();
        Instant started = in.execution() != null && in.execution().startTime() != null ? in.execution().startTime() : now;
        return new RefreshRecord(plan.target(), started, plan.application(), plan.environment(), plan.source(),
                plan.restore() == null || plan.restore().restoreType() == null ? null : plan.restore().restoreType().json(),
                null, RefreshRecord.RUNNING, now, plan.service() == null ? null : plan.service().json(),
                in.execution() == null ? null : in.execution().id(), null, null, null, null);
    }

    /**
     * Seconds each finished step took, by its display name, in the order the steps run; rounded
     * up, so a step that took 400 ms shows 1, not the 0 of a step that did nothing.
     */
    static java.util.Map<String, Long> stepSeconds(StepInput in) {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        if (in.results() == null) {
            return out;
        }
        for (StepId id : StepId.values()) {
            StepResult r = in.result(id);
            if (r != null && r.startedAt() != null && r.finishedAt() != null) {
                long millis = java.time.Duration.between(r.startedAt(), r.finishedAt()).toMillis();
                out.put(id.displayName(), Math.max(0, (millis + 999) / 1000));
            }
        }
        return out;
    }

    /** The script step's own summary line, when scripts ran. */
    static String scripts(StepInput in) {
        StepResult r = in.result(StepId.RUN_SCRIPTS);
        return r == null ? null : r.message();
    }

    /**
     * Where the run stopped: the step the state machine named when it caught the failure; for
     * a check that reported FAILED (or an input from before steps were named), the first step
     * the plan runs that did not succeed.
     */
    static String failedStep(StepInput in) {
        if (in.recovery() != null && in.recovery().failedStep() != null) {
            return in.recovery().failedStep();
        }
        if (in.error() != null && in.error().state() != null) {
            return in.error().state();
        }
        // the guard runs before any step, so no step result says where the run stopped
        if (in.error() != null && TargetRefusedException.class.getName().equals(in.error().error())) {
            return StateNames.GUARD;
        }
        if (in.error() != null && PreflightFailedException.class.getName().equals(in.error().error())) {
            return StateNames.PREFLIGHT;
        }
        for (PlannedStep s : in.plan().steps().values()) {
            if (!s.run()) {
                continue;
            }
            StepResult r = in.result(s.id());
            if (r == null || r.status() != StepStatus.SUCCEEDED) {
                return s.id().displayName();
            }
        }
        return null;
    }

    static String error(StepInput in) {
        if (in.error() == null) {
            return null;
        }
        if ("StepFailed".equals(in.error().error())) {
            for (PlannedStep s : in.plan().steps().values()) {
                StepResult r = in.result(s.id());
                if (r != null && r.status() == StepStatus.FAILED) {
                    return r.message();
                }
            }
        }
        return in.error().error() + ": " + causeMessage(in.error().cause());
    }

    static String causeMessage(String cause) {
        return LambdaErrors.message(cause);
    }

    private static String recovery(RecoveryReport r) {
        if (r.recoveryError() != null) {
            return "recovery failed: " + r.recoveryError() + ": " + causeMessage(r.recoveryCause());
        }
        String actions = r.actions() == null || r.actions().isEmpty() ? "nothing to undo" : String.join("; ", r.actions());
        return r.oldDataAt() == null ? actions : actions + "; old data at " + r.oldDataAt();
    }
}
