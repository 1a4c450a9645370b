package io.dbrefresh.refreshfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * A JSON Schema (2020-12) read from the classpath, as the files under refresh-files/schema are
 * shipped: its document and its validator, whose messages name JSON pointers in English.
 */
public final class SchemaDocument {

    private final JsonNode root;
    private final JsonSchema schema;

    private SchemaDocument(JsonNode root) {
        this.root = root;
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH)
                .build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root, config);
    }

    /**
     * Reads {@code resource} as {@code anchor}'s class loader finds it.
     *
     * @param what the schema's name in the error when it is missing or unreadable, e.g. "the fleet-file schema"
     */
    public static SchemaDocument load(Class<?> anchor, String resource, String what) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(what + " is missing from the classpath: " + resource);
            }
            return new SchemaDocument(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(what + " cannot be read", e);
        }
    }

    /** The schema document itself, not to be changed. */
    public JsonNode root() {
        return root;
    }

    public Set<ValidationMessage> validate(JsonNode document) {
        return schema.validate(document);
    }

    /**
     * A finding as a problem at the path of the value concerned: an unknown or a missing key at
     * the key's own path, anything else where the validator found it, in its words.
     */
    public static Problem problemOf(ValidationMessage m) {
        String at = m.getInstanceLocation().toString();
        return switch (m.getType()) {
            case "additionalProperties" -> new Problem(at + "/" + escape(m.getProperty()), "unknown key");
            case "required" -> new Problem(at + "/" + escape(m.getProperty()), "missing");
            default -> new Problem(at, withoutLocation(m.getMessage()));
        };
    }

    /** A JSON-pointer token for a key: {@code ~} and {@code /} escaped. */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** The validator's message without the location it starts with (the problem names it already). */
    public static String withoutLocation(String message) {
        int colon = message.indexOf(": ");
        return colon >= 0 && message.startsWith("/") || message.startsWith(": ") ? message.substring(colon + 2) : message;
    }
}
