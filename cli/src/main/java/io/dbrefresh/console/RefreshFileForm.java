package io.dbrefresh.console;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.FormScope;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshFileSchema;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;

/**
 * The form the console's page draws for one service and restore type, read from the
 * refresh-file JSON Schema (its blocks, keys, types and descriptions) and cut down by the
 * reader's own scope rules to the blocks and keys that apply. The page adds nothing of its own.
 */
final class RefreshFileForm {

    private final JsonNode schema = RefreshFileSchema.get().document();

    /** The form as JSON: file-level fields, then one entry per block in the schema's order. */
    ObjectNode describe(DbService service, RestoreType type) {
        ObjectNode form = Json.MAPPER.createObjectNode();
        form.put("service", service.json());
        form.put("restoretype", type.json());
        form.put("description", schema.path("description").asText());
        ArrayNode file = form.putArray("fields");
        for (String key : new String[] {"comment", "schedule"}) {
            file.add(field(key, schema.path("properties").path(key), false));
        }
        ArrayNode blocks = form.putArray("blocks");
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            StepId step = stepOf(entry.getKey());
            if (step == null || !FormScope.stepApplies(step, service)) {
                continue;
            }
            ObjectNode block = blocks.addObject();
            block.put("name", entry.getKey());
            block.put("step", step.displayName());
            block.put("description", entry.getValue().path("description").asText());
            block.put("required", schema.path("required").toString().contains("\"" + entry.getKey() + "\""));
            JsonNode definition = resolve(entry.getValue());
            ArrayNode fields = block.putArray("fields");
            for (Iterator<Map.Entry<String, JsonNode>> f = definition.path("properties").fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> key = f.next();
                // "check" is the original solution's nested block: accepted in a pasted file, never needed in a new one
                if (key.getKey().equals("check") || !FormScope.keyApplies(step, key.getKey(), service, type)) {
                    continue;
                }
                boolean required = definition.path("required").toString().contains("\"" + key.getKey() + "\"");
                fields.add(field(key.getKey(), key.getValue(), required));
            }
        }
        return form;
    }

    /** The block's step; null for a spelling the schema keeps only as an alias (changeadminpwd, rotateadminpwd). */
    private static StepId stepOf(String block) {
        for (StepId s : StepId.values()) {
            if (s.block().equals(block)) {
                return s;
            }
        }
        return null;
    }

    private ObjectNode field(String name, JsonNode property, boolean required) {
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("name", name);
        f.put("required", required);
        f.put("description", description(property));
        String ref = property.path("$ref").asText("");
        JsonNode resolved = resolve(property);
        if (ref.endsWith("/password")) {
            f.put("kind", "password");
        } else if (ref.endsWith("/boolean") || ref.endsWith("/torun") || ref.endsWith("/checktorun")) {
            f.put("kind", "boolean");
        } else if (resolved.has("enum")) {
            f.put("kind", "choice");
            f.set("choices", resolved.get("enum"));
        } else if (resolved.path("type").asText().equals("integer") || anyOfType(resolved, "integer")) {
            f.put("kind", "number");
        } else {
            f.put("kind", "text");
        }
        return f;
    }

    /** The property's own description, else the one of the definition it refers to (and so on). */
    private String description(JsonNode property) {
        JsonNode p = property;
        for (int depth = 0; depth < 5 && p != null; depth++) {
            if (p.hasNonNull("description")) {
                return p.get("description").asText();
            }
            p = p.has("$ref") ? definition(p.get("$ref").asText()) : null;
        }
        return "";
    }

    /** Follows $ref to the definition that holds the type. */
    private JsonNode resolve(JsonNode property) {
        JsonNode p = property;
        for (int depth = 0; depth < 5 && p.has("$ref"); depth++) {
            JsonNode next = definition(p.get("$ref").asText());
            if (next == null) {
                break;
            }
            p = next;
        }
        return p;
    }

    private JsonNode definition(String ref) {
        return ref.startsWith("#/$defs/") ? schema.path("$defs").get(ref.substring("#/$defs/".length())) : null;
    }

    private static boolean anyOfType(JsonNode node, String type) {
        for (JsonNode option : node.path("anyOf")) {
            if (option.path("type").asText().equals(type)) {
                return true;
            }
        }
        return false;
    }
}
