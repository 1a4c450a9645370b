package io.dbrefresh.steps;

import io.dbrefresh.execution.CopyNotVerifiedException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.secrets.CopyVerification;

/**
 * verify-copy: runs after the scripts and before the swap (delete-replicas, stop, delete or
 * rename away, rename). A copy that is not available, whose scripts did not succeed or whose
 * new admin password does not log in fails here, so the old target is never touched; recovery
 * then removes the copy.
 */
public class VerifyCopy extends StepHandler<StepInput, VerifyCopy.Verified> {

    /** What was verified, in one sentence. */
    public record Verified(String copy, String status, String message) {
    }

    private final CopyVerification verification;

    public VerifyCopy() {
        this(StepEnvironment.fromEnvironment());
    }

    public VerifyCopy(StepEnvironment env) {
        this(new CopyVerification(env));
    }

    VerifyCopy(CopyVerification verification) {
        super(StepInput.class);
        this.verification = verification;
    }

    @Override
    protected Verified handle(StepInput in) {
        Observation seen = verification.verify(in);
        if (seen.progress() != Progress.DONE) {
            throw new CopyNotVerifiedException(seen.message());
        }
        return new Verified(io.dbrefresh.secrets.TargetRef.copyName(in.plan()), "VERIFIED", seen.message());
    }
}
