package io.dbrefresh.rds;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.dbrefresh.execution.DatabaseNotFoundException;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.RestoreFailedException;

/**
 * Reads a DB instance status (the {@code DBInstanceStatus} field), or an Aurora cluster's,
 * against the status a step waits for. Terminal failures are reported at once instead of being polled until a timeout;
 * any status not known to be terminal counts as in progress, so a transitional status AWS adds
 * later is waited for (the poll limit still bounds it).
 */
public final class InstanceStatus {

    public static final String AVAILABLE = "available";
    public static final String STOPPED = "stopped";

    /** Statuses an instance does not leave by waiting: the operation failed. */
    public static final Set<String> TERMINAL = Set.of(
            "failed",
            "incompatible-restore",
            "incompatible-parameters",
            "incompatible-network",
            "incompatible-option-group",
            "incompatible-credentials",
            "incompatible-create",
            "inaccessible-encryption-credentials",
            "inaccessible-encryption-credentials-recoverable",
            "insufficient-capacity",
            "storage-full",
            "restore-error",
            // Aurora cluster statuses (clusters are classified here too): a fast clone or a migration that failed
            "cloning-failed",
            "migration-failed");

    /** The instance is going away: whatever a step waits for (other than its deletion) will not come. */
    public static final Set<String> GOING_AWAY = Set.of("deleting", "delete-precheck");

    private InstanceStatus() {
    }

    /** Progress towards {@code available}. */
    public static Progress classify(String status) {
        return towards(AVAILABLE, status);
    }

    /** Progress towards {@code goal} ({@code available}, {@code stopped}) given the current status. */
    public static Progress towards(String goal, String status) {
        if (status == null) {
            return Progress.IN_PROGRESS;
        }
        String s = status.toLowerCase(java.util.Locale.ROOT);
        if (s.equals(goal)) {
            return Progress.DONE;
        }
        if (TERMINAL.contains(s) || GOING_AWAY.contains(s)) {
            return Progress.FAILED;
        }
        return Progress.IN_PROGRESS;
    }

    /**
     * Throws unless {@code replacement}, the restored copy, is available: the old database must
     * not leave (be deleted, or renamed away) before. Nothing to wait for when it is null.
     *
     * @param noun     "DB instance" or "DB cluster"
     * @param statusOf the current status of a database of that kind, empty when it is not found
     * @param notDone  what is then left undone, for the message ({@code "<id> is not deleted"})
     */
    public static void requireReplacementAvailable(String noun, String replacement, Function<String, Optional<String>> statusOf,
                                                   String notDone) {
        if (replacement == null) {
            return;
        }
        String status = statusOf.apply(replacement).orElseThrow(() -> new DatabaseNotFoundException(
                "restored " + noun + " " + replacement + " not found: " + notDone));
        if (!AVAILABLE.equals(status)) {
            throw new RestoreFailedException("restored " + noun + " " + replacement + " is " + status + ", not available: " + notDone);
        }
    }
}
