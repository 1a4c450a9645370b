package io.dbrefresh.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.dbrefresh.refreshfile.Problem;

/**
 * The fleet-file JSON Schema, the same file editors use (it sits beside the refresh-file
 * schema in {@code refresh-files/schema}). The reader runs it first and adds the rules a
 * schema cannot say well (which of files, application and folder; what the files hold).
 */
public final class FleetFileSchema {

    /** Where the schema sits on the classpath: with the refresh-file schema, as the build copies that folder. */
    public static final String RESOURCE = "/io/dbrefresh/refreshfile/fleet-file.schema.json";

    private static final class Loaded {
        static final FleetFileSchema INSTANCE = new FleetFileSchema(readResource());
    }

    private final JsonNode root;
    private final JsonSchema schema;

    private FleetFileSchema(JsonNode root) {
        this.root = root;
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH)
                .build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root, config);
    }

    public static FleetFileSchema get() {
        return Loaded.INSTANCE;
    }

    /** The schema document itself (the console renders its form from it). */
    public JsonNode document() {
        return root.deepCopy();
    }

    /** The schema's findings, each at the path of the value concerned; a oneOf is said once, in the words of its branches. */
    List<Problem> validate(JsonNode document) {
        List<Problem> found = new ArrayList<>();
        for (ValidationMessage m : schema.validate(document)) {
            String at = m.getInstanceLocation().toString();
            switch (m.getType()) {
                case "additionalProperties" -> found.add(new Problem(at + "/" + escape(m.getProperty()), "unknown key"));
                case "required" -> found.add(new Problem(at + "/" + escape(m.getProperty()), "missing"));
                case "oneOf" -> found.add(new Problem(at, oneOfMessage(at)));
                default -> {
                    // the branches of a oneOf each complain; the oneOf's own line says it better
                    if (!isOneOfBranch(at)) {
                        found.add(new Problem(at, withoutLocation(m.getMessage())));
                    }
                }
            }
        }
        return found.stream().distinct().toList();
    }

    private static boolean isOneOfBranch(String at) {
        return at.equals("/tolerance") || at.equals("/align");
    }

    private static String oneOfMessage(String at) {
        return switch (at) {
            case "/tolerance" -> "must be a count of failures allowed (0 or more) or a percentage such as \"10%\"";
            case "/align" -> "must be true, false, or a time such as \"2026-11-20T03:00:00Z\"";
            default -> "does not match the schema";
        };
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String withoutLocation(String message) {
        int colon = message.indexOf(": ");
        return colon >= 0 && message.startsWith("/") || message.startsWith(": ") ? message.substring(colon + 2) : message;
    }

    private static JsonNode readResource() {
        try (InputStream in = FleetFileSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the fleet-file schema is missing from the classpath: " + RESOURCE);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the fleet-file schema cannot be read", e);
        }
    }
}
