package io.dbrefresh.refreshfile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which kind of database a refresh file recreates: an RDS DB instance or an Aurora DB cluster. */
public enum DbService {
    RDS("rds"),
    AURORA("aurora");

    private final String json;

    DbService(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    @JsonCreator
    public static DbService fromJson(String value) {
        for (DbService s : values()) {
            if (s.json.equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown dbservice: " + value);
    }
}
