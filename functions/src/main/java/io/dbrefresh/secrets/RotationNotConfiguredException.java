package io.dbrefresh.secrets;

/** rotate-admin-pwd was asked for a secret that has no rotation configured (or does not exist). */
public class RotationNotConfiguredException extends RuntimeException {
    public RotationNotConfiguredException(String message) {
        super(message);
    }
}
