package io.dbrefresh.steps;

import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/**
 * How {@link CheckStep} looks at one step: given the input and the step's current result,
 * says whether the step is done, still running, or failed. A check only observes; the poll
 * count, the bound and the result bookkeeping are {@link CheckStep}'s.
 */
@FunctionalInterface
public interface StepCheck {

    Observation observe(StepInput input, StepResult current);
}
