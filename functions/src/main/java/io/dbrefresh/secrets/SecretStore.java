package io.dbrefresh.secrets;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.Json;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Database secrets in Secrets Manager: read, create or update in the standard shape, point at
 * a new endpoint. Updates keep the keys a secret already has that are not ours (an
 * application's extra settings, a rotation template's {@code masterarn}).
 */
public class SecretStore {

    public static final String CURRENT = "AWSCURRENT";
    public static final String PENDING = "AWSPENDING";

    private final SecretsManagerClient secrets;

    public SecretStore(SecretsManagerClient secrets) {
        this.secrets = secrets;
    }

    /** What a write did: the secret's ARN, the version written, and whether the secret was created. */
    public record Written(String arn, String versionId, boolean created) {
    }

    public Optional<DescribeSecretResponse> describe(String secretId) {
        try {
            return Optional.of(secrets.describeSecret(DescribeSecretRequest.builder().secretId(secretId).build()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The AWSCURRENT value in the standard shape, or empty when the secret does not exist. */
    public Optional<DatabaseSecret> read(String secretId) {
        return currentString(secretId).map(DatabaseSecret::parse);
    }

    /** The password stored in one version, when that version exists and holds one. */
    public Optional<String> password(String secretId, String versionId) {
        return versionString(secretId, versionId).map(DatabaseSecret::parse).map(DatabaseSecret::password);
    }

    /** Whether a version holds a value (a rotation whose first step failed leaves an empty one). */
    public boolean hasValue(String secretId, String versionId) {
        return versionString(secretId, versionId).isPresent();
    }

    /**
     * Stores {@code value} as the new AWSCURRENT version {@code versionId}: creates the secret
     * when it does not exist, else lays the value over the current one.
     */
    public Written write(String secretId, DatabaseSecret value, String versionId, String description, Map<String, String> tags) {
        try {
            Optional<DescribeSecretResponse> existing = describe(secretId);
            if (existing.isEmpty()) {
                var r = secrets.createSecret(CreateSecretRequest.builder().name(secretId).description(description)
                        .clientRequestToken(versionId).secretString(json(value.overlay(null)))
                        .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                        .build());
                return new Written(r.arn(), r.versionId(), true);
            }
            JsonNode current = currentString(secretId).map(SecretStore::tree).orElse(null);
            var r = secrets.putSecretValue(PutSecretValueRequest.builder().secretId(secretId).clientRequestToken(versionId)
                    .secretString(json(value.overlay(current))).build());
            return new Written(r.arn(), r.versionId(), false);
        } catch (AwsServiceException e) {
            if (e.isThrottlingException()) {
                throw e;
            }
            throw new PasswordChangeFailedException("could not write secret " + secretId + ": " + Redaction.describe(e, value.password()));
        }
    }

    /**
     * Points an existing secret at {@code host}:{@code port}, keeping everything else.
     *
     * @return true when the secret changed, false when it already pointed there
     */
    public boolean syncEndpoint(String secretId, String host, int port) {
        JsonNode current = tree(currentString(secretId)
                .orElseThrow(() -> new SecretFormatException("secret " + secretId + " has no current value to update")));
        if (current == null || !current.isObject()) {
            throw new SecretFormatException("secret " + secretId + " is not a JSON object: cannot set its host and port");
        }
        if (host.equals(current.path("host").asText(null)) && port == current.path("port").asInt(-1)) {
            return false;
        }
        ObjectNode updated = ((ObjectNode) current).deepCopy();
        updated.put("host", host);
        updated.put("port", port);
        secrets.putSecretValue(PutSecretValueRequest.builder().secretId(secretId).secretString(json(updated)).build());
        return true;
    }

    /**
     * Starts the rotation configured on the secret (its Lambda, or the owning service's
     * managed rotation), asking for {@code versionId} as the new version's id.
     */
    public void rotate(String secretId, String versionId) {
        try {
            secrets.rotateSecret(RotateSecretRequest.builder().secretId(secretId).clientRequestToken(versionId).build());
        } catch (InvalidRequestException e) {
            throw new RotationFailedException("Secrets Manager would not start rotating secret " + secretId + ": " + Redaction.describe(e));
        }
    }

    /** The version that carries {@code stage}, if any. */
    public static Optional<String> versionWith(DescribeSecretResponse d, String stage) {
        return d.versionIdsToStages().entrySet().stream().filter(e -> e.getValue().contains(stage)).map(Map.Entry::getKey).findFirst();
    }

    public static List<String> stagesOf(DescribeSecretResponse d, String versionId) {
        return d.versionIdsToStages().getOrDefault(versionId, List.of());
    }

    private Optional<String> currentString(String secretId) {
        try {
            // the stage is named, not left to the default, so the read means AWSCURRENT on every implementation
            return Optional.ofNullable(secrets.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).versionStage(CURRENT).build()).secretString());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<String> versionString(String secretId, String versionId) {
        try {
            return Optional.ofNullable(secrets.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).versionId(versionId).build()).secretString());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static JsonNode tree(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (IOException e) {
            // a plain-text secret is replaced by the standard shape; its text is never quoted
            return null;
        }
    }

    private static String json(JsonNode n) {
        try {
            return Json.MAPPER.writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a secret value", e);
        }
    }
}
