package io.dbrefresh.fleet;

import java.util.List;

import io.dbrefresh.refreshfile.Problem;

/**
 * What reading a fleet file produced: the fleet when it is valid (null otherwise), every error
 * (a refresh file's own errors come at the fleet's path that names it, the file and its path in
 * the message), and the warnings.
 */
public record FleetResult(Fleet fleet, List<Problem> errors, List<Problem> warnings) {

    public FleetResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
