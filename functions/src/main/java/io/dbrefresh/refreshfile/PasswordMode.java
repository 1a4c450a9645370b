package io.dbrefresh.refreshfile;

import com.fasterxml.jackson.annotation.JsonValue;

/** How change-admin-pwd chooses the new admin password. */
public enum PasswordMode {
    /** Generate a random password and store it only in the named secret (the default). */
    GENERATE("generate"),
    /** RDS manages the master password in a secret of its own (ManageMasterUserPassword). */
    MANAGED("managed"),
    /** The legacy {@code temppwd} written in the refresh file: accepted with a warning. */
    TEMPPWD("temppwd");

    private final String json;

    PasswordMode(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
