package io.dbrefresh.scripts;

/**
 * A script as read from S3.
 *
 * @param key       the name the refresh file lists ({@code keys})
 * @param objectKey the S3 object key ({@code prefix/key})
 * @param sha256    hex SHA-256 of {@code text}'s bytes as stored
 */
public record Script(String key, String objectKey, String text, String sha256, long bytes) {
}
