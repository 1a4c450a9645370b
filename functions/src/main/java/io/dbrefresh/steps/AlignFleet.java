package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.fleet.FleetAlignment;
import io.dbrefresh.fleet.FleetRun;
import io.dbrefresh.fleet.StoredRefreshFiles;

/**
 * The fleet state machine's first step: when the fleet is aligned, chooses its common point in
 * time now, as it runs (a scheduled fleet restores to the time of its run, not of its input),
 * and rewrites every refresh file to it. Each iteration of the fleet's Map calls it again for its
 * one refresh: to read a large fleet's refresh file from S3 (aligned to the common time), and to
 * tell a failed refresh's error in one line. Read-only: describe calls and S3 reads.
 */
public class AlignFleet extends StepHandler<FleetRun, FleetRun> {

    private final FleetAlignment alignment;

    public AlignFleet() {
        this(StepEnvironment.fromEnvironment());
    }

    public AlignFleet(StepEnvironment env) {
        this(new FleetAlignment(env.aws().rds(), env.clock(), new StoredRefreshFiles(env.aws().s3())));
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
