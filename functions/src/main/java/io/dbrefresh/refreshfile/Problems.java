package io.dbrefresh.refreshfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects the errors and warnings of one reading, so that every mistake is reported at once. */
final class Problems {

    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private final Set<String> errorPaths = new HashSet<>();

    void error(String path, String message) {
        Problem p = new Problem(path, message);
        if (!errors.contains(p)) {
            errors.add(p);
            errorPaths.add(path);
        }
    }

    void warning(String path, String message) {
        Problem p = new Problem(path, message);
        if (!warnings.contains(p)) {
            warnings.add(p);
        }
    }

    /** True when the value at this path was already found wrong: later rules skip it, so one mistake is told once. */
    boolean hasErrorAt(String path) {
        return errorPaths.contains(path);
    }

    /** True when something at this path or under it was found wrong. */
    boolean hasErrorUnder(String path) {
        return errorPaths.stream().anyMatch(p -> p.equals(path) || p.startsWith(path + "/"));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<Problem> errors() {
        return List.copyOf(errors);
    }

    List<Problem> warnings() {
        return List.copyOf(warnings);
    }
}
