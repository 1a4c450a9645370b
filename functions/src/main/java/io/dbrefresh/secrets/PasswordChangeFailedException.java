package io.dbrefresh.secrets;

/** RDS refused the new master password or the secret could not be written; the message never holds the password. */
public class PasswordChangeFailedException extends RuntimeException {
    public PasswordChangeFailedException(String message) {
        super(message);
    }
}
