package io.dbrefresh.secrets;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.Json;

/**
 * A database secret in the shape RDS writes and the Secrets Manager rotation templates read:
 * {@code engine, host, port, username, password, dbname}, plus the identifier of the instance
 * or cluster it belongs to. {@link #toString()} never shows the password.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatabaseSecret(
        String engine,
        String host,
        Integer port,
        String username,
        String password,
        String dbname,
        String dbInstanceIdentifier,
        String dbClusterIdentifier) {

    /** The secret for {@code target} with {@code password}: engine, endpoint and login as RDS describes them. */
    public static DatabaseSecret of(DatabaseTarget target, String password) {
        return new DatabaseSecret(target.engine(), target.host(), target.port(), target.username(), password,
                target.dbName(), target.ref().cluster() ? null : target.ref().id(), target.ref().cluster() ? target.ref().id() : null);
    }

    /** Reads the standard keys of a secret value; other keys are ignored here (and kept by {@link SecretStore} on write). */
    public static DatabaseSecret parse(String secretString) {
        try {
            return Json.MAPPER.readValue(secretString, DatabaseSecret.class);
        } catch (IOException e) {
            // the parser's message can quote the secret's text: say only that it is not the shape
            throw new SecretFormatException("the secret value is not a JSON object with the database keys (engine, host, port, username, password, dbname)");
        }
    }

    /** This secret laid over {@code existing}: its keys replace theirs, keys it does not have are kept. */
    ObjectNode overlay(JsonNode existing) {
        ObjectNode merged = existing != null && existing.isObject() ? ((ObjectNode) existing).deepCopy() : Json.MAPPER.createObjectNode();
        merged.setAll((ObjectNode) Json.MAPPER.valueToTree(this));
        return merged;
    }

    @Override
    public String toString() {
        return "DatabaseSecret[engine=" + engine + ", host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (password == null ? null : Redaction.MASK) + ", dbname=" + dbname
                + ", dbInstanceIdentifier=" + dbInstanceIdentifier + ", dbClusterIdentifier=" + dbClusterIdentifier + "]";
    }
}
