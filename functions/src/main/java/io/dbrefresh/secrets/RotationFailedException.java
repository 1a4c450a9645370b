package io.dbrefresh.secrets;

/** Secrets Manager refused to start a rotation (typically: an earlier rotation never finished). */
public class RotationFailedException extends RuntimeException {
    public RotationFailedException(String message) {
        super(message);
    }
}
