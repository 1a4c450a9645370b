package io.dbrefresh.scripts;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.execution.DatabaseEndpoint;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.ScriptsSpec;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * The login the runner uses: {@code access: secret} reads a Secrets Manager secret in the
 * standard RDS shape (username, password, host, port, dbname, engine); {@code access: pwd}
 * is the legacy password written in the refresh file, for the master user.
 */
public final class CredentialsSource {

    /** Said in the report when the legacy mode is used. */
    public static final String PWD_WARNING = "access: pwd reads the password from the refresh file; "
            + "store it in Secrets Manager and use access: secret";

    private final SecretsManagerClient secrets;

    public CredentialsSource(SecretsManagerClient secrets) {
        this.secrets = secrets;
    }

    public static boolean usesSecret(ScriptsSpec spec) {
        return spec.access() == null || "secret".equals(spec.access().toLowerCase(Locale.ROOT));
    }

    public DatabaseCredentials credentials(ScriptsSpec spec, DatabaseEndpoint endpoint) {
        if (usesSecret(spec)) {
            return fromSecret(spec.secretName());
        }
        if (!"pwd".equals(spec.access().toLowerCase(Locale.ROOT))) {
            throw new CredentialsUnavailableException("runscripts access must be secret or pwd, not '" + spec.access() + "'");
        }
        if (spec.tempPassword() == null || spec.tempPassword().isEmpty()) {
            throw new CredentialsUnavailableException("runscripts access: pwd needs temppwd in the refresh file");
        }
        if (endpoint == null || endpoint.masterUsername() == null) {
            throw new CredentialsUnavailableException("runscripts access: pwd logs in as the master user, "
                    + "but the target's master user name is unknown");
        }
        return new DatabaseCredentials(endpoint.masterUsername(), spec.tempPassword(), null, null, null);
    }

    public DatabaseCredentials fromSecret(String secretName) {
        if (secretName == null || secretName.isBlank()) {
            throw new CredentialsUnavailableException("runscripts access: secret needs secretname");
        }
        String value;
        try {
            value = secrets.getSecretValue(GetSecretValueRequest.builder().secretId(secretName).build()).secretString();
        } catch (ResourceNotFoundException e) {
            throw new CredentialsUnavailableException("secret " + secretName + " does not exist", e);
        }
        JsonNode json;
        try {
            json = value == null ? null : Json.MAPPER.readTree(value);
        } catch (IOException e) {
            // the exception text could quote the secret: say only that it is not JSON
            throw new CredentialsUnavailableException("secret " + secretName + " is not a JSON document");
        }
        if (json == null || !json.hasNonNull("username") || !json.hasNonNull("password")) {
            throw new CredentialsUnavailableException("secret " + secretName
                    + " needs at least username and password (the standard RDS secret shape)");
        }
        Integer port = json.hasNonNull("port") ? Integer.valueOf(json.get("port").asInt()) : null;
        return new DatabaseCredentials(json.get("username").asText(), json.get("password").asText(),
                text(json, "host"), port, text(json, "dbname"));
    }

    private static String text(JsonNode json, String field) {
        return json.hasNonNull(field) && !json.get(field).asText().isBlank() ? json.get(field).asText() : null;
    }
}
