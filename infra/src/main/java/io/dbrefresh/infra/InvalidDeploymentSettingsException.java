package io.dbrefresh.infra;

/** A context value is missing, malformed or contradicts another: synthesis stops before any template is written. */
public class InvalidDeploymentSettingsException extends RuntimeException {

    public InvalidDeploymentSettingsException(String message) {
        super(message);
    }

    public InvalidDeploymentSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
