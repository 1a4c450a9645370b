package io.dbrefresh.refreshfile;

import java.time.Instant;
import java.util.List;

/**
 * What perform-restore creates and how. Null means "not set in the file": the AWS default
 * (or the source's value) applies. Booleans and numbers are already typed here.
 *
 * @param source      source DB instance (rds) or DB cluster (aurora) identifier or ARN
 * @param target      the non-production instance (rds) or cluster (aurora) being refreshed
 * @param temp        the name the restore creates first: target + "temp"
 * @param snapshot    fromsnapshot: snapshot name or ARN; null means the newest of the source
 * @param kmsKeyId    KMS key for an encrypted (cross-account) restore
 * @param encrypted   the file says the source or snapshot is encrypted (null: not said)
 * @param keepTempOnFailure recovery keeps the temp copy of a failed run, for debugging
 * @param optionGroup the new instance's option group (rds), null for the source's
 * @param licenseModel license-included or bring-your-own-license (sqlserver, oracle), null for the source's
 * @param sourceAccount the account the source lives in when it is not this one, and the role to reach it; null otherwise
 */
public record RestoreSpec(
        RestoreType restoreType,
        String source,
        String target,
        String temp,
        Instant restoreTime,
        String snapshot,
        String kmsKeyId,
        Integer port,
        String subnetGroup,
        Boolean iamAuth,
        List<String> cloudwatchLogsExports,
        Boolean copyTagsToSnapshot,
        Boolean deletionProtection,
        List<String> securityGroupIds,
        Boolean multiAz,
        String dbName,
        String dbClass,
        Boolean autoMinorVersionUpgrade,
        String storageType,
        Integer iops,
        String dbParameterGroup,
        String clusterParameterGroup,
        String engine,
        String engineVersion,
        Long backtrackWindowSeconds,
        Boolean encrypted,
        boolean keepTempOnFailure,
        String optionGroup,
        String licenseModel,
        SourceAccount sourceAccount) {

    /** The form before {@code sourceAccount} was added: the source is in this account. */
    public RestoreSpec(RestoreType restoreType, String source, String target, String temp, Instant restoreTime,
                       String snapshot, String kmsKeyId, Integer port, String subnetGroup, Boolean iamAuth,
                       List<String> cloudwatchLogsExports, Boolean copyTagsToSnapshot, Boolean deletionProtection,
                       List<String> securityGroupIds, Boolean multiAz, String dbName, String dbClass,
                       Boolean autoMinorVersionUpgrade, String storageType, Integer iops, String dbParameterGroup,
                       String clusterParameterGroup, String engine, String engineVersion, Long backtrackWindowSeconds,
                       Boolean encrypted, boolean keepTempOnFailure, String optionGroup, String licenseModel) {
        this(restoreType, source, target, temp, restoreTime, snapshot, kmsKeyId, port, subnetGroup, iamAuth,
                cloudwatchLogsExports, copyTagsToSnapshot, deletionProtection, securityGroupIds, multiAz, dbName, dbClass,
                autoMinorVersionUpgrade, storageType, iops, dbParameterGroup, clusterParameterGroup, engine, engineVersion,
                backtrackWindowSeconds, encrypted, keepTempOnFailure, optionGroup, licenseModel, null);
    }

    /**
     * The restore perform-restore makes across accounts: of the snapshot the source account
     * shared with this one ({@code sharedCopy}, an ARN), whatever the file's restore type;
     * the file's own spec stays in the plan for the history, the tags and the message.
     */
    public RestoreSpec fromSharedCopy(String sharedCopy) {
        return new RestoreSpec(RestoreType.FROM_SNAPSHOT, source, target, temp, null, sharedCopy, kmsKeyId, port, subnetGroup,
                iamAuth, cloudwatchLogsExports, copyTagsToSnapshot, deletionProtection, securityGroupIds, multiAz, dbName,
                dbClass, autoMinorVersionUpgrade, storageType, iops, dbParameterGroup, clusterParameterGroup, engine, null,
                backtrackWindowSeconds, encrypted, keepTempOnFailure, optionGroup, licenseModel, sourceAccount);
    }

    /** A clone across accounts: the same clone, of the source cluster that was shared with this account, named by its ARN. */
    public RestoreSpec fromSharedCluster(String clusterArn) {
        return new RestoreSpec(restoreType, clusterArn, target, temp, restoreTime, snapshot, kmsKeyId, port, subnetGroup,
                iamAuth, cloudwatchLogsExports, copyTagsToSnapshot, deletionProtection, securityGroupIds, multiAz, dbName,
                dbClass, autoMinorVersionUpgrade, storageType, iops, dbParameterGroup, clusterParameterGroup, engine, engineVersion,
                backtrackWindowSeconds, encrypted, keepTempOnFailure, optionGroup, licenseModel, sourceAccount);
    }

    /** True when the source lives in another account, reached through {@link #sourceAccount()}'s role. */
    public boolean crossAccount() {
        return sourceAccount != null;
    }

    /** The form before {@code optionGroup} and {@code licenseModel} were added: the source's apply. */
    public RestoreSpec(RestoreType restoreType, String source, String target, String temp, Instant restoreTime,
                       String snapshot, String kmsKeyId, Integer port, String subnetGroup, Boolean iamAuth,
                       List<String> cloudwatchLogsExports, Boolean copyTagsToSnapshot, Boolean deletionProtection,
                       List<String> securityGroupIds, Boolean multiAz, String dbName, String dbClass,
                       Boolean autoMinorVersionUpgrade, String storageType, Integer iops, String dbParameterGroup,
                       String clusterParameterGroup, String engine, String engineVersion, Long backtrackWindowSeconds,
                       Boolean encrypted, boolean keepTempOnFailure) {
        this(restoreType, source, target, temp, restoreTime, snapshot, kmsKeyId, port, subnetGroup, iamAuth,
                cloudwatchLogsExports, copyTagsToSnapshot, deletionProtection, securityGroupIds, multiAz, dbName, dbClass,
                autoMinorVersionUpgrade, storageType, iops, dbParameterGroup, clusterParameterGroup, engine, engineVersion,
                backtrackWindowSeconds, encrypted, keepTempOnFailure, null, null);
    }

    /** The form before {@code keepTempOnFailure} was added: a failed run's temp copy is removed. */
    public RestoreSpec(RestoreType restoreType, String source, String target, String temp, Instant restoreTime,
                       String snapshot, String kmsKeyId, Integer port, String subnetGroup, Boolean iamAuth,
                       List<String> cloudwatchLogsExports, Boolean copyTagsToSnapshot, Boolean deletionProtection,
                       List<String> securityGroupIds, Boolean multiAz, String dbName, String dbClass,
                       Boolean autoMinorVersionUpgrade, String storageType, Integer iops, String dbParameterGroup,
                       String clusterParameterGroup, String engine, String engineVersion, Long backtrackWindowSeconds,
                       Boolean encrypted) {
        this(restoreType, source, target, temp, restoreTime, snapshot, kmsKeyId, port, subnetGroup, iamAuth,
                cloudwatchLogsExports, copyTagsToSnapshot, deletionProtection, securityGroupIds, multiAz, dbName, dbClass,
                autoMinorVersionUpgrade, storageType, iops, dbParameterGroup, clusterParameterGroup, engine, engineVersion,
                backtrackWindowSeconds, encrypted, false);
    }

    /** The form before {@code encrypted} was added: not known to be encrypted. */
    public RestoreSpec(RestoreType restoreType, String source, String target, String temp, Instant restoreTime,
                       String snapshot, String kmsKeyId, Integer port, String subnetGroup, Boolean iamAuth,
                       List<String> cloudwatchLogsExports, Boolean copyTagsToSnapshot, Boolean deletionProtection,
                       List<String> securityGroupIds, Boolean multiAz, String dbName, String dbClass,
                       Boolean autoMinorVersionUpgrade, String storageType, Integer iops, String dbParameterGroup,
                       String clusterParameterGroup, String engine, String engineVersion, Long backtrackWindowSeconds) {
        this(restoreType, source, target, temp, restoreTime, snapshot, kmsKeyId, port, subnetGroup, iamAuth,
                cloudwatchLogsExports, copyTagsToSnapshot, deletionProtection, securityGroupIds, multiAz, dbName, dbClass,
                autoMinorVersionUpgrade, storageType, iops, dbParameterGroup, clusterParameterGroup, engine, engineVersion,
                backtrackWindowSeconds, null);
    }
}
