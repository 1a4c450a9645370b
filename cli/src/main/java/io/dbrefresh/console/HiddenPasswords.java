package io.dbrefresh.console;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshFileSchema;

/**
 * The console never shows a password: a file opened from the folder comes back with every
 * value the schema calls a password (the legacy temppwd keys) replaced by {@link #PLACEHOLDER},
 * and a file that still holds the placeholder is neither saved nor run, so the real password
 * in the folder is never overwritten by it.
 */
final class HiddenPasswords {

    static final String PLACEHOLDER = "(hidden by the console: type the password again, or use secretname)";

    /** JSON pointers, relative to the file, of the keys the schema types as a password ("/changemasterpwd/temppwd"). */
    private static final List<String> POINTERS = pointers();

    private HiddenPasswords() {
    }

    /** The file as the page may see it: unchanged when it holds no password (or is not a JSON object). */
    static String hide(String text) {
        JsonNode doc;
        try {
            doc = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return text;
        }
        if (doc == null || !doc.isObject()) {
            return text;
        }
        boolean hidden = false;
        for (String pointer : POINTERS) {
            int cut = pointer.lastIndexOf('/');
            JsonNode parent = doc.at(pointer.substring(0, cut));
            String key = pointer.substring(cut + 1);
            if (parent.isObject() && parent.has(key)) {
                ((ObjectNode) parent).put(key, PLACEHOLDER);
                hidden = true;
            }
        }
        if (!hidden) {
            return text;
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when a file still holds a hidden password: saving or running it would put the placeholder in its place. */
    static boolean holdsPlaceholder(String text) {
        return text.contains(PLACEHOLDER);
    }

    private static List<String> pointers() {
        JsonNode schema = RefreshFileSchema.get().document();
        List<String> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> block = it.next();
            collect(schema, block.getValue(), "/" + block.getKey(), found, 0);
        }
        return List.copyOf(found);
    }

    private static void collect(JsonNode schema, JsonNode node, String at, List<String> found, int depth) {
        if (depth > 4) {
            return;
        }
        String ref = node.path("$ref").asText("");
        if (ref.equals("#/$defs/password")) {
            found.add(at);
            return;
        }
        JsonNode resolved = ref.startsWith("#/$defs/") ? schema.path("$defs").path(ref.substring("#/$defs/".length())) : node;
        for (Iterator<Map.Entry<String, JsonNode>> it = resolved.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            collect(schema, p.getValue(), at + "/" + p.getKey(), found, depth + 1);
        }
    }
}
