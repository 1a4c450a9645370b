package io.dbrefresh.refreshfile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where the restored copy's data comes from, with the refresh file's spelling of each. */
public enum RestoreType {
    /** The latest restorable time of the source (point-in-time restore). */
    LATEST_POINT("latestpoint"),
    /** A given point in time ({@code restoretime}). */
    RESTORE_POINT("restorepoint"),
    /** A snapshot: named, given by ARN, or the newest of the source by creation time. */
    FROM_SNAPSHOT("fromsnapshot"),
    /** Aurora copy-on-write clone at the latest restorable time. */
    FAST_CLONING("fastcloning");

    private final String json;

    RestoreType(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    @JsonCreator
    public static RestoreType fromJson(String value) {
        for (RestoreType t : values()) {
            if (t.json.equalsIgnoreCase(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown restoretype: " + value);
    }
}
