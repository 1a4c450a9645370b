package io.dbrefresh.steps;

import java.util.List;

import io.dbrefresh.execution.PreflightFailedException;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.preflight.Preflight;
import io.dbrefresh.refreshfile.Problem;

/**
 * Runs right after guard-target, before anything changes the account: the pre-flight's
 * read-only checks, every problem at once. A failure goes through the recovery path, which
 * finds nothing to undo, records FAILED and notifies. Warnings do not stop the refresh: they
 * are its result ({@code $.preflight.warnings} in the execution's output) and its message.
 */
public class PreflightCheck extends StepHandler<StepInput, PreflightCheck.Passed> {

    /**
     * What the pre-flight found: nothing missing.
     *
     * @param message  the warnings in one line, or null when there are none
     * @param warnings what is worth knowing before the refresh goes on (a quota it leaves nearly full), by JSON path
     */
    public record Passed(String target, String status, String message, List<Problem> warnings) {
    }

    private final Preflight preflight;
    private final Preflight.Defaults defaults;

    public PreflightCheck() {
        this(StepEnvironment.fromEnvironment());
    }

    public PreflightCheck(StepEnvironment env) {
        this(Preflight.using(env.aws()), new Preflight.Defaults(env.historyTable(), env.topicArn()));
    }

    PreflightCheck(Preflight preflight, Preflight.Defaults defaults) {
        super(StepInput.class);
        this.preflight = preflight;
        this.defaults = defaults;
    }

    @Override
    protected Passed handle(StepInput in) {
        Preflight.Findings found = preflight.review(in.plan(), defaults);
        List<Problem> problems = found.problems();
        if (!problems.isEmpty()) {
            throw new PreflightFailedException("pre-flight found " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + " before anything was touched: " + String.join("; ", problems.stream().map(Problem::toString).toList()));
        }
        List<Problem> warnings = found.warnings();
        String message = warnings.isEmpty() ? null : warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s") + ": "
                + String.join("; ", warnings.stream().map(Problem::toString).toList());
        return new Passed(in.plan().target(), "PASSED", message, warnings);
    }
}
