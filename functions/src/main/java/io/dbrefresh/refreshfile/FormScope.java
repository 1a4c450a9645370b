package io.dbrefresh.refreshfile;

import java.util.Map;

/**
 * Which blocks and keys apply to a file of one service and restore type, for a form that
 * shows only those: the same rules the reader enforces, asked from outside the package.
 */
public final class FormScope {

    /** Keys of the restore block that belong to one restore type: the reader rejects them with any other. */
    private static final Map<String, RestoreType> RESTORE_TYPE_KEYS = Map.of(
            "restoretime", RestoreType.RESTORE_POINT,
            "snapshot", RestoreType.FROM_SNAPSHOT,
            "engineversion", RestoreType.FROM_SNAPSHOT);

    private FormScope() {
    }

    /** False for a step the service does not have (rds has no cluster steps, an aurora cluster is not stopped). */
    public static boolean stepApplies(StepId step, DbService service) {
        return ServiceScope.applies(step, service);
    }

    /**
     * False for a key the reader would reject in this block for this service or restore type.
     * Keys that apply only with another key's value (iops with some storage types) stay: the
     * reader says so at the key when the value does not fit.
     */
    public static boolean keyApplies(StepId step, String key, DbService service, RestoreType type) {
        DbService only = ServiceScope.onlyFor(step.block(), key);
        if (only != null && only != service) {
            return false;
        }
        if (step == StepId.PERFORM_RESTORE && RESTORE_TYPE_KEYS.containsKey(key)) {
            return RESTORE_TYPE_KEYS.get(key) == type;
        }
        return true;
    }
}
