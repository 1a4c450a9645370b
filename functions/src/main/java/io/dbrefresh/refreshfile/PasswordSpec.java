package io.dbrefresh.refreshfile;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * change-admin-pwd and rotate-admin-pwd.
 *
 * @param tempPassword legacy only; never logged or printed ({@link #toString()} masks it) and never
 *                     serialized: the plan travels through the execution history, so a handler that
 *                     needs it reads it again from the refresh file in the execution input
 * @param syncSecret   write the new password (and host, port) into {@code secretName}
 */
public record PasswordSpec(
        PasswordMode mode,
        String instance,
        String cluster,
        String secretName,
        boolean syncSecret,
        @JsonIgnore String tempPassword,
        Integer passwordLength,
        String rotateSecretName) {

    @Override
    public String toString() {
        return "PasswordSpec[mode=" + mode + ", instance=" + instance + ", cluster=" + cluster
                + ", secretName=" + secretName + ", syncSecret=" + syncSecret
                + ", tempPassword=" + (tempPassword == null ? null : "****")
                + ", passwordLength=" + passwordLength + ", rotateSecretName=" + rotateSecretName + "]";
    }
}
