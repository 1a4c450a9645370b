package io.dbrefresh.refreshfile;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * runscripts: SQL scripts from S3 run against the refreshed target.
 *
 * @param access       "secret" (credentials from {@code secretName}) or "pwd" (legacy temppwd)
 * @param method       "lambda" or "ec2"
 * @param tempPassword legacy only; masked by {@link #toString()} and never serialized (see {@link PasswordSpec})
 * @param tls          "verify-full", "require" or "disable" (local runs only), or null for the
 *                     deployment's setting (TLS required)
 */
public record ScriptsSpec(
        String engine,
        String instance,
        String cluster,
        String access,
        String secretName,
        @JsonIgnore String tempPassword,
        String method,
        String bucket,
        String prefix,
        List<String> keys,
        String ec2InstanceId,
        String ec2InstanceTag,
        boolean continueOnError,
        boolean singleTransaction,
        String tls) {

    /** The same spec with the legacy password read from the refresh file. */
    public ScriptsSpec withTempPassword(String password) {
        return new ScriptsSpec(engine, instance, cluster, access, secretName, password, method, bucket, prefix, keys,
                ec2InstanceId, ec2InstanceTag, continueOnError, singleTransaction, tls);
    }

    public ScriptsSpec(String engine, String instance, String cluster, String access, String secretName,
                       String tempPassword, String method, String bucket, String prefix, List<String> keys,
                       String ec2InstanceId, String ec2InstanceTag, boolean continueOnError, boolean singleTransaction) {
        this(engine, instance, cluster, access, secretName, tempPassword, method, bucket, prefix, keys, ec2InstanceId,
                ec2InstanceTag, continueOnError, singleTransaction, null);
    }

    @Override
    public String toString() {
        return "ScriptsSpec[engine=" + engine + ", instance=" + instance + ", cluster=" + cluster
                + ", access=" + access + ", secretName=" + secretName
                + ", tempPassword=" + (tempPassword == null ? null : "****") + ", method=" + method
                + ", bucket=" + bucket + ", prefix=" + prefix + ", keys=" + keys
                + ", ec2InstanceId=" + ec2InstanceId + ", ec2InstanceTag=" + ec2InstanceTag
                + ", continueOnError=" + continueOnError + ", singleTransaction=" + singleTransaction + ", tls=" + tls + "]";
    }
}
