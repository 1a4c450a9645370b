package io.dbrefresh.secrets;

import java.util.Locale;
import java.util.Set;

import io.dbrefresh.execution.DatabaseNotFoundException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.MasterUserSecret;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

/**
 * The master (admin) password of an RDS instance or Aurora cluster: reads where a change
 * stands, sets a new password, or hands the password to RDS to manage in its own secret.
 */
public class MasterPassword {

    /** Statuses a database does not leave by waiting. */
    static final Set<String> TERMINAL = Set.of("failed", "incompatible-restore", "incompatible-parameters",
            "incompatible-network", "incompatible-option-group", "incompatible-credentials", "incompatible-create",
            "inaccessible-encryption-credentials", "inaccessible-encryption-credentials-recoverable",
            "insufficient-capacity", "storage-full", "restore-error", "deleting", "delete-precheck");

    private final RdsClient rds;

    public MasterPassword(RdsClient rds) {
        this.rds = rds;
    }

    public static boolean terminal(String status) {
        return status != null && TERMINAL.contains(status.toLowerCase(Locale.ROOT));
    }

    public DatabaseTarget describe(TargetRef ref) {
        try {
            return ref.cluster()
                    ? cluster(ref, rds.describeDBClusters(DescribeDbClustersRequest.builder().dbClusterIdentifier(ref.id()).build()).dbClusters().get(0))
                    : instance(ref, rds.describeDBInstances(DescribeDbInstancesRequest.builder().dbInstanceIdentifier(ref.id()).build()).dbInstances().get(0));
        } catch (DbInstanceNotFoundException | DbClusterNotFoundException e) {
            throw new DatabaseNotFoundException(ref + " does not exist", e);
        }
    }

    private static DatabaseTarget instance(TargetRef ref, DBInstance d) {
        MasterUserSecret s = d.masterUserSecret();
        boolean pending = d.pendingModifiedValues() != null && d.pendingModifiedValues().masterUserPassword() != null;
        return new DatabaseTarget(ref, d.dbInstanceArn(), d.engine(), d.dbInstanceStatus(),
                d.endpoint() == null ? null : d.endpoint().address(), d.endpoint() == null ? null : d.endpoint().port(),
                d.masterUsername(), d.dbName(), pending,
                s == null ? null : s.secretArn(), s == null ? null : s.secretStatus(), s == null ? null : s.kmsKeyId());
    }

    private static DatabaseTarget cluster(TargetRef ref, DBCluster c) {
        MasterUserSecret s = c.masterUserSecret();
        boolean pending = c.pendingModifiedValues() != null && c.pendingModifiedValues().masterUserPassword() != null;
        return new DatabaseTarget(ref, c.dbClusterArn(), c.engine(), c.status(), c.endpoint(), c.port(),
                c.masterUsername(), c.databaseName(), pending,
                s == null ? null : s.secretArn(), s == null ? null : s.secretStatus(), s == null ? null : s.kmsKeyId());
    }

    /**
     * Sets {@code password} at once (ApplyImmediately). A password RDS manages cannot be set
     * directly, so management is turned off in the same call (RDS then deletes its secret).
     */
    public void set(DatabaseTarget target, String password) {
        boolean unmanage = target.managed();
        try {
            if (target.ref().cluster()) {
                rds.modifyDBCluster(ModifyDbClusterRequest.builder().dbClusterIdentifier(target.ref().id())
                        .masterUserPassword(password).applyImmediately(true)
                        .manageMasterUserPassword(unmanage ? Boolean.FALSE : null).build());
            } else {
                rds.modifyDBInstance(ModifyDbInstanceRequest.builder().dbInstanceIdentifier(target.ref().id())
                        .masterUserPassword(password).applyImmediately(true)
                        .manageMasterUserPassword(unmanage ? Boolean.FALSE : null).build());
            }
        } catch (AwsServiceException e) {
            if (e.isThrottlingException()) {
                throw e;
            }
            throw new PasswordChangeFailedException("RDS refused the new master password for " + target.ref() + ": "
                    + Redaction.describe(e, password));
        }
    }

    /**
     * Lets RDS generate the password and keep it in a secret it owns. When it already does,
     * asks it for a new one (RotateMasterUserPassword): a restored copy must not keep the
     * password it was restored with.
     *
     * @return true when management was turned on, false when an existing managed password was rotated
     */
    public boolean manage(DatabaseTarget target, String kmsKeyId) {
        boolean already = target.managed();
        try {
            if (target.ref().cluster()) {
                rds.modifyDBCluster(ModifyDbClusterRequest.builder().dbClusterIdentifier(target.ref().id()).applyImmediately(true)
                        .rotateMasterUserPassword(already ? Boolean.TRUE : null)
                        .manageMasterUserPassword(already ? null : Boolean.TRUE)
                        .masterUserSecretKmsKeyId(already ? null : kmsKeyId).build());
            } else {
                rds.modifyDBInstance(ModifyDbInstanceRequest.builder().dbInstanceIdentifier(target.ref().id()).applyImmediately(true)
                        .rotateMasterUserPassword(already ? Boolean.TRUE : null)
                        .manageMasterUserPassword(already ? null : Boolean.TRUE)
                        .masterUserSecretKmsKeyId(already ? null : kmsKeyId).build());
            }
        } catch (AwsServiceException e) {
            if (e.isThrottlingException()) {
                throw e;
            }
            throw new PasswordChangeFailedException("RDS refused to manage the master password of " + target.ref() + ": "
                    + Redaction.describe(e));
        }
        return !already;
    }
}
