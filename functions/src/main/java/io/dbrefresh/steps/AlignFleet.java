package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.fleet.FleetAlignment;
import io.dbrefresh.fleet.FleetRun;

/**
 * The fleet state machine's first step: when the fleet is aligned, chooses its common point in
 * time now, as it runs (a scheduled fleet restores to the time of its run, not of its input),
 * and rewrites every refresh file to it. Read-only: describe calls.
 */
public class AlignFleet extends StepHandler<FleetRun, FleetRun> {

    private final FleetAlignment alignment;

    public AlignFleet() {
        this(StepEnvironment.fromEnvironment());
    }

    public AlignFleet(StepEnvironment env) {
        this(new FleetAlignment(env.aws().rds(), env.clock()));
    }

    AlignFleet(FleetAlignment alignment) {
        super(FleetRun.class);
        this.alignment = alignment;
    }

    @Override
    protected FleetRun handle(FleetRun run) {
        return alignment.align(run);
    }
}
