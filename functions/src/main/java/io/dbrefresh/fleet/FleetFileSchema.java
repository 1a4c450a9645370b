package io.dbrefresh.fleet;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;

import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.SchemaDocument;

/**
 * The fleet-file JSON Schema, the same file editors use (it sits beside the refresh-file
 * schema in {@code refresh-files/schema}). The reader runs it first and adds the rules a
 * schema cannot say well (which of files, application and folder; what the files hold).
 */
public final class FleetFileSchema {

    /** Where the schema sits on the classpath: with the refresh-file schema, as the build copies that folder. */
    public static final String RESOURCE = "/io/dbrefresh/refreshfile/fleet-file.schema.json";

    private static final class Loaded {
        static final FleetFileSchema INSTANCE = new FleetFileSchema(SchemaDocument.load(FleetFileSchema.class, RESOURCE, "the fleet-file schema"));
    }

    private final JsonNode root;
    private final SchemaDocument schema;

    private FleetFileSchema(SchemaDocument schema) {
        this.schema = schema;
        this.root = schema.root();
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
            if (m.getType().equals("oneOf")) {
                found.add(new Problem(at, oneOfMessage(at)));
            } else if (!isOneOfBranch(at)) {
                // the branches of a oneOf each complain; the oneOf's own line says it better
                found.add(SchemaDocument.problemOf(m));
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
}
