package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;

/**
 * perform-restore: restores the source into the temp instance. Its result carries the point in
 * time the data is aligned to, the snapshot used, and the old target's tags (captured here,
 * before anything replaces the old target, for fix-tags).
 */
public final class PerformRestore extends DatabaseStep {

    public PerformRestore() {
        this(StepEnvironment.fromEnvironment());
    }

    public PerformRestore(StepEnvironment env) {
        super(env, shared(DatabaseSteps::performRestore));
    }
}
