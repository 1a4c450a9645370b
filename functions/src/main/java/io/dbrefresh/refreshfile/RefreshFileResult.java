package io.dbrefresh.refreshfile;

import java.util.List;

/**
 * What reading a refresh file produced: the plan when the file is valid (null otherwise),
 * every error found, and the warnings (which never make a file invalid).
 */
public record RefreshFileResult(RefreshPlan plan, List<Problem> errors, List<Problem> warnings) {

    public RefreshFileResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
