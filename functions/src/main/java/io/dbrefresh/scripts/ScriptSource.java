package io.dbrefresh.scripts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/** The scripts of a run: {@code bucketname}, {@code prefix}, {@code keys}, read in the order listed. */
public final class ScriptSource {

    private final S3Client s3;

    public ScriptSource(S3Client s3) {
        this.s3 = s3;
    }

    /** The object key of {@code key} under {@code prefix} ("sqlscripts/app" + "01.sql"). */
    public static String objectKey(String prefix, String key) {
        if (prefix == null || prefix.isBlank()) {
            return key;
        }
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return p + "/" + key;
    }

    public List<Script> fetch(String bucket, String prefix, List<String> keys) {
        List<Script> scripts = new ArrayList<>();
        for (String key : keys) {
            String objectKey = objectKey(prefix, key);
            ResponseBytes<GetObjectResponse> bytes;
            try {
                bytes = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(objectKey).build());
            } catch (NoSuchKeyException e) {
                throw new ScriptNotFoundException("script s3://" + bucket + "/" + objectKey + " does not exist", e);
            } catch (S3Exception e) {
                throw new ScriptNotFoundException("cannot read script s3://" + bucket + "/" + objectKey + ": "
                        + e.awsErrorDetails().errorMessage(), e);
            }
            byte[] raw = bytes.asByteArray();
            scripts.add(new Script(key, objectKey, new String(raw, StandardCharsets.UTF_8), sha256(raw), raw.length));
        }
        return scripts;
    }

    /** Fails when a listed script is missing, before anything is launched. */
    public void requireAll(String bucket, String prefix, List<String> keys) {
        for (String key : keys) {
            String objectKey = objectKey(prefix, key);
            try {
                s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(objectKey).build());
            } catch (NoSuchKeyException e) {
                throw new ScriptNotFoundException("script s3://" + bucket + "/" + objectKey + " does not exist", e);
            } catch (S3Exception e) {
                throw new ScriptNotFoundException("cannot read script s3://" + bucket + "/" + objectKey + " (HTTP "
                        + e.statusCode() + ")", e);
            }
        }
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
