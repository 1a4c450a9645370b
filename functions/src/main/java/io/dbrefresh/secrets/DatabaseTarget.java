package io.dbrefresh.secrets;

import io.dbrefresh.execution.DatabaseEndpoint;

/**
 * What RDS says about a target's admin login, read by {@link MasterPassword#describe}.
 *
 * @param status              DBInstanceStatus or cluster Status
 * @param passwordPending     a master password change is still pending (PendingModifiedValues)
 * @param managedSecretArn    the secret RDS keeps the password in (ManageMasterUserPassword), or null
 * @param managedSecretStatus that secret's status: creating, active, rotating, impaired
 */
public record DatabaseTarget(
        TargetRef ref,
        String arn,
        String engine,
        String status,
        String host,
        Integer port,
        String username,
        String dbName,
        boolean passwordPending,
        String managedSecretArn,
        String managedSecretStatus,
        String managedSecretKmsKeyId) {

    public boolean managed() {
        return managedSecretArn != null;
    }

    public boolean hasEndpoint() {
        return host != null && port != null;
    }

    /** The endpoint as RDS describes it; connections to RDS require TLS. */
    public DatabaseEndpoint endpoint() {
        return new DatabaseEndpoint(host, port == null ? 0 : port, dbName, null, true);
    }

    /**
     * This database as it will be once renamed to {@code newId}: RDS keeps an endpoint's
     * account-and-region part and changes only its first label, the identifier (lower case),
     * so a secret written for the copy before the swap can already name the host it will have.
     * Unchanged when the name stays or the host does not start with the identifier.
     */
    public DatabaseTarget renamedTo(String newId) {
        if (newId == null || newId.equalsIgnoreCase(ref.id())) {
            return this;
        }
        String newHost = host;
        String prefix = ref.id().toLowerCase(java.util.Locale.ROOT) + ".";
        if (host != null && host.toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
            newHost = newId.toLowerCase(java.util.Locale.ROOT) + "." + host.substring(prefix.length());
        }
        String newArn = arn != null && arn.endsWith(":" + ref.id()) ? arn.substring(0, arn.length() - ref.id().length()) + newId : arn;
        return new DatabaseTarget(new TargetRef(ref.cluster(), newId), newArn, engine, status, newHost, port, username, dbName,
                passwordPending, managedSecretArn, managedSecretStatus, managedSecretKmsKeyId);
    }
}
