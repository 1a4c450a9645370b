package io.dbrefresh.refreshfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;

/**
 * The refresh-file JSON Schema, the same file editors use. It is the single list of the
 * blocks and keys a refresh file may hold: the reader takes its known keys (and so its
 * "did you mean" suggestions) from here, and also runs the schema itself as a second opinion.
 */
public final class RefreshFileSchema {

    /** Where the schema sits on the classpath (and, in the repository, under refresh-files/schema). */
    public static final String RESOURCE = "refresh-file.schema.json";

    private static final class Loaded {
        static final RefreshFileSchema INSTANCE = new RefreshFileSchema(SchemaDocument.load(RefreshFileSchema.class, RESOURCE, "the refresh-file schema"));
    }

    private final JsonNode root;
    private final SchemaDocument schema;

    private RefreshFileSchema(SchemaDocument schema) {
        this.schema = schema;
        this.root = schema.root();
    }

    public static RefreshFileSchema get() {
        return Loaded.INSTANCE;
    }

    /** The schema document itself. */
    public JsonNode document() {
        return root.deepCopy();
    }

    Set<String> topLevelKeys() {
        return names(root.path("properties"));
    }

    /** Keys of a top-level block (either spelling of an aliased block). */
    Set<String> keysOf(String block) {
        return names(blockSchema(block).path("properties"));
    }

    /** Keys of an object inside a block, such as sendmsg's email. */
    Set<String> keysOf(String block, String key) {
        JsonNode object = blockSchema(block).path("properties").path(key);
        // an object two blocks share (snapshotretention) is defined once under $defs
        String ref = object.path("$ref").asText("");
        if (ref.startsWith("#/$defs/")) {
            object = root.path("$defs").path(ref.substring("#/$defs/".length()));
        }
        return names(object.path("properties"));
    }

    /** Keys of a block's check sub-block. */
    Set<String> checkKeysOf(String block) {
        return names(blockSchema(block).path("properties").path("check").path("properties"));
    }

    /** The checktodo value the original solution used for this block, or null when the block has none. */
    String checkTodo(String block) {
        JsonNode constant = blockSchema(block).path("properties").path("check").path("properties")
                .path("checktodo").path("const");
        return constant.isTextual() ? constant.asText() : null;
    }

    /** The schema's own findings, each at the path of the value concerned. */
    List<Problem> validate(JsonNode document) {
        List<Problem> found = new ArrayList<>();
        for (ValidationMessage m : schema.validate(document)) {
            found.add(SchemaDocument.problemOf(m));
        }
        return found;
    }

    /**
     * The values the schema allows at {@code pointer} (a JSON pointer to an {@code enum}): the
     * reader's choices are these, so a value is listed once, in the schema editors also read.
     */
    public static List<String> allowed(String pointer) {
        JsonNode values = at(pointer, "enum");
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }

    /** The schema's {@code pattern} at {@code pointer} (a JSON pointer to the property or definition). */
    public static Pattern pattern(String pointer) {
        return Pattern.compile(at(pointer, "pattern").asText());
    }

    private static JsonNode at(String pointer, String keyword) {
        JsonNode found = get().root.at(pointer).path(keyword);
        if (found.isMissingNode()) {
            throw new IllegalStateException("the refresh-file schema has no " + keyword + " at " + pointer);
        }
        return found;
    }

    private JsonNode blockSchema(String block) {
        JsonNode property = root.path("properties").path(block);
        JsonNode ref = property.path("$ref");
        if (!ref.isTextual() || !ref.asText().startsWith("#/$defs/")) {
            throw new IllegalArgumentException("not a block of the refresh file: " + block);
        }
        return root.path("$defs").path(ref.asText().substring("#/$defs/".length()));
    }

    private static Set<String> names(JsonNode properties) {
        Set<String> names = new LinkedHashSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return Collections.unmodifiableSet(names);
    }

    /** JSON Pointer escaping of one key (RFC 6901). */
    static String escape(String key) {
        return SchemaDocument.escape(key);
    }
}
