package io.dbrefresh.preflight;

import java.util.List;

import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RestoreSpec;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * The KMS keys a restore needs: the file's kmskeyid, and the key an encrypted snapshot was made
 * with (for a snapshot shared from another account, that account's key). Each must exist, be
 * enabled and be a symmetric encryption key, and this account must be let to use it: from another
 * account, kms:DescribeKey answers only when the key's policy lets this account in, so access
 * denied is reported here as a problem naming the key (the restore would be refused the same way);
 * the key policy itself is not readable from another account, so the grants RDS needs beyond it
 * are left to the restore.
 */
final class KeyAccess {

    private final KmsClient kms;

    KeyAccess(KmsClient kms) {
        this.kms = kms;
    }

    /** The file's kmskeyid, under which the copy (or the copy of a shared snapshot) is encrypted. */
    void checkFileKey(RestoreSpec restore, List<Problem> problems) {
        if (restore.kmsKeyId() != null) {
            check("/restore/kmskeyid", "KMS key " + restore.kmsKeyId(), restore.kmsKeyId(), problems);
        }
    }

    /** The key an encrypted snapshot is encrypted with; an unencrypted snapshot needs none. */
    void checkSnapshotKey(String path, String snapshot, Boolean encrypted, String keyId, List<Problem> problems) {
        if (Boolean.TRUE.equals(encrypted) && keyId != null) {
            check(path, snapshot + " is encrypted: its KMS key " + keyId, keyId, problems);
        }
    }

    private void check(String path, String what, String keyId, List<Problem> problems) {
        KeyMetadata meta;
        try {
            meta = kms.describeKey(r -> r.keyId(keyId)).keyMetadata();
        } catch (NotFoundException e) {
            problems.add(new Problem(path, what + " not found" + (keyId.startsWith("arn:") ? " (or not visible to this account)" : "")));
            return;
        } catch (AwsServiceException e) {
            if (!accessDenied(e)) {
                throw e;
            }
            problems.add(new Problem(path, what + ": access denied (kms:DescribeKey): the key's policy must let this account use it,"
                    + " and the deployment must name it in kmsKeyArns"));
            return;
        }
        if (!"Enabled".equals(meta.keyStateAsString())) {
            problems.add(new Problem(path, what + " is " + meta.keyStateAsString() + ", not Enabled: RDS cannot use it"));
        } else if (meta.keyUsageAsString() != null && !"ENCRYPT_DECRYPT".equals(meta.keyUsageAsString())) {
            problems.add(new Problem(path, what + " is for " + meta.keyUsageAsString() + ", not ENCRYPT_DECRYPT: RDS cannot use it"));
        } else if (meta.keySpecAsString() != null && !"SYMMETRIC_DEFAULT".equals(meta.keySpecAsString())) {
            problems.add(new Problem(path, what + " is an asymmetric or HMAC key (" + meta.keySpecAsString()
                    + "): RDS uses symmetric keys only"));
        }
    }

    private static boolean accessDenied(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == 403 || "AccessDeniedException".equals(code) || "AccessDenied".equals(code);
    }
}
