package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;

/**
 * fix-tags: gives the refreshed target the old target's tags (recorded by perform-restore), not
 * the source's, plus the refresh markers. The result's {@code tags} are the tags it now carries.
 */
public final class FixTags extends DatabaseStep {

    public FixTags() {
        this(StepEnvironment.fromEnvironment());
    }

    public FixTags(StepEnvironment env) {
        super(env, shared(DatabaseSteps::fixTags));
    }
}
