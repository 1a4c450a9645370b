package io.dbrefresh.refreshfile;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * change-admin-pwd and rotate-admin-pwd.
 *
 * @param tempPassword legacy only; never logged or printed ({@link #toString()} masks it) and never
 *                     serialized: the plan travels through the execution history, so a handler that
 *                     needs it reads it again from the refresh file in the execution input
 * @param syncSecret   write the new password (and host, port) into {@code secretName}
 * @param kmsKeyId     managed mode: the KMS key RDS encrypts its master-user secret with
 *                     (null: the account's {@code aws/secretsmanager} key)
 */
public record PasswordSpec(
        PasswordMode mode,
        String instance,
        String cluster,
        String secretName,
        boolean syncSecret,
        @JsonIgnore String tempPassword,
        Integer passwordLength,
        String rotateSecretName,
        String kmsKeyId) {

    /** The same spec with the legacy password read from the refresh file. */
    public PasswordSpec withTempPassword(String password) {
        return new PasswordSpec(mode, instance, cluster, secretName, syncSecret, password, passwordLength, rotateSecretName, kmsKeyId);
    }

    public PasswordSpec(PasswordMode mode, String instance, String cluster, String secretName, boolean syncSecret,
                        String tempPassword, Integer passwordLength, String rotateSecretName) {
        this(mode, instance, cluster, secretName, syncSecret, tempPassword, passwordLength, rotateSecretName, null);
    }

    @Override
    public String toString() {
        return "PasswordSpec[mode=" + mode + ", instance=" + instance + ", cluster=" + cluster
                + ", secretName=" + secretName + ", syncSecret=" + syncSecret
                + ", tempPassword=" + (tempPassword == null ? null : "****")
                + ", passwordLength=" + passwordLength + ", rotateSecretName=" + rotateSecretName
                + ", kmsKeyId=" + kmsKeyId + "]";
    }
}
