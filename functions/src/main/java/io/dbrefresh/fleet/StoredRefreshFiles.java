package io.dbrefresh.fleet;

import java.nio.charset.StandardCharsets;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A large fleet's refresh files in S3, under {@value #PREFIX} of the deployment's bucket: one
 * object per refresh, {@code fleet-files/<execution>/<target>.json}. {@code dbrefresh start --fleet}
 * writes them before it starts the fleet; the fleet's function reads each as its refresh starts.
 * Only the fleet state machine's input names them, so the state carries a key, not a file.
 */
public final class StoredRefreshFiles {

    /** The prefix the CDK app lets the fleet's function read, and nothing else of the bucket. */
    public static final String PREFIX = "fleet-files/";

    private final S3Client s3;

    public StoredRefreshFiles(S3Client s3) {
        this.s3 = s3;
    }

    /** Where one refresh file of the fleet execution {@code execution} is kept. */
    public static String key(String execution, String target) {
        return PREFIX + execution + "/" + target + ".json";
    }

    public void put(String bucket, String key, String json) {
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/json").build(),
                RequestBody.fromString(json, StandardCharsets.UTF_8));
    }

    public String read(String bucket, String key) {
        if (bucket == null || key == null || !key.startsWith(PREFIX)) {
            throw new AlignmentException("a stored refresh file is named by a bucket and a key under " + PREFIX + ": "
                    + bucket + ", " + key);
        }
        return s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build()).asUtf8String();
    }
}
