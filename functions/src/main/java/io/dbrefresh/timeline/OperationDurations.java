package io.dbrefresh.timeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.refreshfile.Json;

/**
 * How long the operations a refresh is made of take, in seconds: the table the timeline model
 * reads. The defaults are estimates for a small-to-medium non-production database (see
 * docs/timeline.md for where each comes from); a user overrides any of them with a JSON object
 * of the same keys ({@code dbrefresh plan --timeline --durations FILE}).
 */
public record OperationDurations(Map<String, Double> seconds) {

    /** Creating an instance from a snapshot or a point in time: fixed part (provisioning, engine start, recovery). */
    public static final String RESTORE_BASE = "restore.base";
    /** The part of a restore that grows with the data (log replay, volume creation), per GiB of allocated storage. */
    public static final String RESTORE_PER_GIB = "restore.perGiB";
    /** An Aurora copy-on-write clone: independent of the size. */
    public static final String FAST_CLONE = "fastclone";
    /** Adding an instance (the writer) to an Aurora cluster. */
    public static final String CREATE_INSTANCE = "createinstance";
    /** Deleting one read replica or reader instance (they go in parallel). */
    public static final String DELETE_REPLICA = "deletereplica";
    public static final String STOP = "stop";
    /** Deleting an instance or cluster, without the final snapshot. */
    public static final String DELETE = "delete";
    /** The final snapshot taken at deletion: fixed part and per GiB (incremental over the last automated one). */
    public static final String FINAL_SNAPSHOT_BASE = "finalsnapshot.base";
    public static final String FINAL_SNAPSHOT_PER_GIB = "finalsnapshot.perGiB";
    /** Renaming an instance or cluster (ModifyDB... NewDBInstanceIdentifier, applied immediately). */
    public static final String RENAME = "rename";
    public static final String TAGS = "tags";
    /** Creating one read replica or reader (they are created in parallel). */
    public static final String CREATE_REPLICA = "createreplica";
    /** A master password change, applied immediately. */
    public static final String PASSWORD = "password";
    public static final String ROTATION = "rotation";
    /** The masking scripts: fixed part and per GiB of data. */
    public static final String SCRIPTS_BASE = "scripts.base";
    public static final String SCRIPTS_PER_GIB = "scripts.perGiB";
    /** One Lambda task (history row, message): a second or two. */
    public static final String TASK = "task";

    private static final Map<String, Double> DEFAULTS = defaults();

    private static Map<String, Double> defaults() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put(RESTORE_BASE, 900.0);
        d.put(RESTORE_PER_GIB, 6.0);
        d.put(FAST_CLONE, 600.0);
        d.put(CREATE_INSTANCE, 600.0);
        d.put(DELETE_REPLICA, 420.0);
        d.put(STOP, 240.0);
        d.put(DELETE, 420.0);
        d.put(FINAL_SNAPSHOT_BASE, 180.0);
        d.put(FINAL_SNAPSHOT_PER_GIB, 1.0);
        d.put(RENAME, 120.0);
        d.put(TAGS, 5.0);
        d.put(CREATE_REPLICA, 900.0);
        d.put(PASSWORD, 60.0);
        d.put(ROTATION, 30.0);
        d.put(SCRIPTS_BASE, 60.0);
        d.put(SCRIPTS_PER_GIB, 6.0);
        d.put(TASK, 1.0);
        return java.util.Collections.unmodifiableMap(d);
    }

    /** The documented defaults. */
    public static OperationDurations defaultTable() {
        return new OperationDurations(DEFAULTS);
    }

    public double get(String key) {
        Double v = seconds.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no duration for " + key);
        }
        return v;
    }

    /**
     * The defaults with a user's figures laid over them: a JSON object whose keys are those of
     * the table and whose values are seconds (a number, zero or more).
     *
     * @throws IllegalArgumentException listing every unknown key and every bad value
     */
    public static OperationDurations withOverrides(Path file) throws IOException {
        JsonNode root = Json.MAPPER.readTree(Files.readString(file));
        return withOverrides(root);
    }

    public static OperationDurations withOverrides(JsonNode root) {
        Map<String, Double> merged = new LinkedHashMap<>(DEFAULTS);
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("durations: expected a JSON object of seconds by operation, keys: "
                    + String.join(", ", DEFAULTS.keySet()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!DEFAULTS.containsKey(e.getKey())) {
                problems.add("/" + e.getKey() + ": unknown operation (known: " + String.join(", ", DEFAULTS.keySet()) + ")");
            } else if (!e.getValue().isNumber() || e.getValue().asDouble() < 0) {
                problems.add("/" + e.getKey() + ": must be a number of seconds, zero or more; found " + e.getValue());
            } else {
                merged.put(e.getKey(), e.getValue().asDouble());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("durations: " + String.join("; ", problems));
        }
        return new OperationDurations(java.util.Collections.unmodifiableMap(merged));
    }
}
