package io.dbrefresh.scripts;

/** No usable login for the target: the secret is missing or incomplete, or no temppwd was given. */
public class CredentialsUnavailableException extends RuntimeException {
    public CredentialsUnavailableException(String message) {
        super(message);
    }

    public CredentialsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
