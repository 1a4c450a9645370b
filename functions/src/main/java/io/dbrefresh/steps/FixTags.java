package io.dbrefresh.steps;

import java.time.Instant;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.TargetTags;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;

/**
 * fix-tags: gives the refreshed target the old target's tags (recorded by perform-restore), not
 * the source's, plus the refresh markers. The result's {@code tags} are the tags it now carries.
 */
public final class FixTags extends StepHandler<StepInput, StepResult> {

    private static final StepId STEP = StepId.FIX_TAGS;

    private final StepEnvironment env;
    /** The Aurora cluster path; null in tests of the RDS path. */
    private final AuroraSteps aurora;
    private final TargetTags tags;

    public FixTags() {
        this(StepEnvironment.fromEnvironment());
    }

    public FixTags(StepEnvironment env) {
        this(env, new TargetTags(new RdsInstances(env.aws().rds())), AuroraSteps.over(env));
    }

    FixTags(StepEnvironment env, TargetTags tags) {
        this(env, tags, null);
    }

    FixTags(StepEnvironment env, TargetTags tags, AuroraSteps aurora) {
        super(StepInput.class);
        this.aurora = aurora;
        this.env = env;
        this.tags = tags;
    }

    @Override
    protected StepResult handle(StepInput input) {
        if (input.plan().service() == DbService.AURORA) {
            return aurora.fixTags(input);
        }
        RefreshPlan plan = input.plan();
        String target = StepInputs.target(plan);
        StepResult restored = StepInputs.restoreResult(input);
        Instant now = env.clock().instant();
        TargetTags.Fix fix = tags.apply(target, restored.tags(), new TargetTags.Markers(StepInputs.execution(input), now,
                plan.source(), plan.restore().restoreType().json(), restored.alignedTo(), restored.snapshot()));
        return StepResult.started(STEP.id(), StepInputs.firstWait(env, plan, STEP, true), now, target, fix.message(), true)
                .withTags(fix.desired());
    }
}
