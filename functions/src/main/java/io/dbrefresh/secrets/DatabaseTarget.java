package io.dbrefresh.secrets;

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
        return new DatabaseEndpoint(host, port == null ? 0 : port, dbName, true);
    }
}
