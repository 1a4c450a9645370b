package io.dbrefresh.refreshfile;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The blocks of one refresh file, found by step: either spelling of an aliased block, the
 * check sub-blocks, unknown keys (with a suggestion) and unfilled placeholders reported.
 */
final class Blocks {

    /** The seed post's spellings of two blocks, accepted as well as the original code's. */
    static final Map<StepId, String> ALIASES = Map.of(
            StepId.CHANGE_ADMIN_PWD, "changeadminpwd",
            StepId.ROTATE_ADMIN_PWD, "rotateadminpwd");

    /** What the original solution's sample files hold where an account-specific value belongs. */
    static final String PLACEHOLDER = "CHANGE_ME";

    private final Map<StepId, Block> blocks;

    private Blocks(Map<StepId, Block> blocks) {
        this.blocks = blocks;
    }

    /** The block of a step, or null when the file has none (or it is not an object, which was reported). */
    Block get(StepId step) {
        return blocks.get(step);
    }

    static Blocks find(ObjectNode root, RefreshFileSchema schema, Problems problems) {
        Set<String> topLevel = schema.topLevelKeys();
        reportUnknownKeys(root, "", "the refresh file", topLevel, problems);

        Map<StepId, Block> found = new EnumMap<>(StepId.class);
        for (StepId step : StepId.values()) {
            String alias = ALIASES.get(step);
            String name = step.block();
            if (alias != null && root.has(alias)) {
                if (root.has(name)) {
                    problems.error("/" + alias, "both " + name + " and its alias " + alias
                            + " are given; keep one of them (they configure the same step)");
                } else {
                    name = alias;
                }
            }
            JsonNode node = root.get(name);
            if (node == null) {
                continue;
            }
            if (!node.isObject()) {
                problems.error("/" + name, "must be an object holding the " + name + " block's keys; found " + Block.shown(node));
                continue;
            }
            found.put(step, block(name, (ObjectNode) node, schema, problems));
        }
        reportPlaceholders(root, "", problems);
        return new Blocks(found);
    }

    private static Block block(String name, ObjectNode node, RefreshFileSchema schema, Problems problems) {
        String path = "/" + name;
        Set<String> keys = schema.keysOf(name);
        reportUnknownKeys(node, path, name, keys, problems);
        Block check = null;
        JsonNode checkNode = node.get("check");
        if (checkNode != null && keys.contains("check")) {
            if (checkNode.isObject()) {
                Set<String> checkKeys = schema.checkKeysOf(name);
                reportUnknownKeys((ObjectNode) checkNode, path + "/check", name + ".check", checkKeys, problems);
                check = new Block(name + ".check", path + "/check", (ObjectNode) checkNode, checkKeys, problems, null);
            } else {
                problems.error(path + "/check", "must be an object; found " + Block.shown(checkNode));
            }
        }
        return new Block(name, path, node, keys, problems, check);
    }

    static void reportUnknownKeys(ObjectNode node, String path, String where, Set<String> known, Problems problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (known.contains(key)) {
                continue;
            }
            String nearest = NearestKey.suggest(key, known);
            problems.error(path + "/" + RefreshFileSchema.escape(key), nearest != null
                    ? "unknown key, did you mean " + nearest + "?"
                    : "unknown key; " + where + " accepts " + String.join(", ", known));
        }
    }

    // One error per value holding a placeholder, wherever it is, so the list reads as a to-do list.
    private static void reportPlaceholders(JsonNode node, String path, Problems problems) {
        if (problems.hasErrorAt(path)) {
            return;  // an unknown key or a misplaced block: already told, and what it holds means nothing
        }
        if (node.isTextual() && node.asText().contains(PLACEHOLDER)) {
            problems.error(path, "not filled in: replace " + PLACEHOLDER + " with the real value");
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e ->
                    reportPlaceholders(e.getValue(), path + "/" + RefreshFileSchema.escape(e.getKey()), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                reportPlaceholders(node.get(i), path + "/" + i, problems);
            }
        }
    }
}
