package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/**
 * fix-tags: gives the refreshed target the old target's tags (recorded by perform-restore), not
 * the source's, plus the refresh markers. The result's {@code tags} are the tags it now carries.
 */
public final class FixTags extends DatabaseStep {

    public FixTags() {
        this(StepEnvironment.fromEnvironment());
    }

    public FixTags(StepEnvironment env) {
        this(DatabaseServices.over(env));
    }

    FixTags(DatabaseServices services) {
        super(services);
    }

    @Override
    StepResult start(DatabaseSteps steps, StepInput input) {
        return steps.fixTags(input);
    }
}
