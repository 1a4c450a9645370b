package io.dbrefresh.refreshfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One object of a refresh file (a block or its check sub-block), read key by key into typed
 * values. A value that is absent reads as null; a value that is present but wrong is reported
 * at its path, with what would be valid, and also reads as null, so that the rules after it
 * skip it instead of reporting the same mistake again.
 */
final class Block {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private final String name;
    private final String path;
    private final ObjectNode node;
    private final Set<String> keys;
    private final Problems problems;
    private final Block check;

    Block(String name, String path, ObjectNode node, Set<String> keys, Problems problems, Block check) {
        this.name = name;
        this.path = path;
        this.node = node;
        this.keys = keys;
        this.problems = problems;
        this.check = check;
    }

    /** The block's name as written in the file ({@code changeadminpwd} when the alias is used). */
    String name() {
        return name;
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path + "/" + RefreshFileSchema.escape(key);
    }

    /** The check sub-block, or null when there is none (or it is not an object, which was reported). */
    Block check() {
        return check;
    }

    boolean has(String key) {
        known(key);
        return node.has(key);
    }

    /** True when the key is present and its value was not already found wrong. */
    boolean usable(String key) {
        return has(key) && !problems.hasErrorAt(pathOf(key));
    }

    void error(String key, String message) {
        problems.error(pathOf(key), message);
    }

    void warning(String key, String message) {
        problems.warning(pathOf(key), message);
    }

    /** Reports {@code key} as missing unless it is there (a wrong value was reported already). */
    void require(String key, String why) {
        if (!has(key) && !problems.hasErrorAt(pathOf(key))) {
            error(key, "missing: " + why);
        }
    }

    /** Reports {@code key} when it is present although it has no effect in this file. */
    void reject(String key, String why) {
        if (has(key) && !problems.hasErrorAt(pathOf(key))) {
            error(key, why);
        }
    }

    String text(String key) {
        return text(key, false);
    }

    /** Free text for people (the comment): line breaks and tabs are allowed, other control characters are not. */
    String freeText(String key) {
        return text(key, true);
    }

    private String text(String key, boolean lines) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            error(key, "must be a string; found " + shown(v));
            return null;
        }
        if (v.asText().isBlank()) {
            error(key, "is empty; give a value or remove the key");
            return null;
        }
        String hidden = hiddenCharacter(v.asText(), lines);
        if (hidden != null) {
            error(key, "has " + hidden + ": control and text-direction characters are refused, because they can hide or"
                    + " rewrite what a log line, a message, a history row or the console shows");
            return null;
        }
        return v.asText();
    }

    /** The first control or bidirectional-override character of {@code s}, described with its position, or null. */
    static String hiddenCharacter(String s, boolean lines) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean allowed = lines && (c == '\n' || c == '\r' || c == '\t');
            boolean control = Character.getType(c) == Character.CONTROL;
            boolean direction = c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
            if (!allowed && (control || direction)) {
                return String.format("the character U+%04X at position %d", (int) c, i + 1);
            }
        }
        return null;
    }

    Boolean bool(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
            return v.asText().equalsIgnoreCase("true");
        }
        error(key, "must be true or false (a JSON boolean, or the string \"true\" or \"false\" in any case); found " + shown(v));
        return null;
    }

    boolean bool(String key, boolean byDefault) {
        Boolean b = bool(key);
        return b == null ? byDefault : b;
    }

    /** A whole number from {@code min} to {@code max}, given as a JSON number or a string of digits. */
    Integer number(String key, int min, int max) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        long n;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            n = v.longValue();
        } else if (v.isTextual() && DIGITS.matcher(v.asText()).matches()) {
            n = Long.parseLong(v.asText());
        } else if (v.isTextual() && v.asText().matches("[0-9]+")) {
            n = Long.MAX_VALUE;
        } else {
            error(key, "must be a whole number from " + min + " to " + max
                    + " (a JSON number, or a string of digits such as \"" + min + "\"); found " + shown(v));
            return null;
        }
        if (n < min || n > max) {
            error(key, "must be from " + min + " to " + max + "; found " + shown(v));
            return null;
        }
        return (int) n;
    }

    /** One of {@code allowed}, spelled exactly. */
    String choice(String key, List<String> allowed) {
        String v = text(key);
        if (v == null) {
            return null;
        }
        if (!allowed.contains(v)) {
            String nearest = NearestKey.suggest(v, allowed);
            error(key, "must be one of " + String.join(", ", allowed) + "; found \"" + v + "\""
                    + (nearest == null ? "" : " (did you mean " + nearest + "?)"));
            return null;
        }
        return v;
    }

    /** An RDS instance or cluster identifier, in lower case as RDS keeps it. */
    String identifier(String key) {
        String v = text(key);
        if (v == null) {
            return null;
        }
        String problem = RdsIdentifier.problem(v);
        if (problem != null) {
            error(key, problem);
            return null;
        }
        return RdsIdentifier.normal(v);
    }

    /** A string that must match {@code shape}; {@code expected} says in words what would. */
    String matching(String key, Pattern shape, String expected) {
        String v = text(key);
        if (v == null) {
            return null;
        }
        if (!shape.matcher(v).matches()) {
            error(key, "must be " + expected + "; found \"" + v + "\"");
            return null;
        }
        return v;
    }

    /** A comma-separated list, items trimmed; empty items are a mistake (a doubled or trailing comma). */
    List<String> list(String key) {
        String v = text(key);
        if (v == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (String item : v.split(",", -1)) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                error(key, "has an empty item; write the values separated by single commas, as in \"a,b\"; found \"" + v + "\"");
                return null;
            }
            items.add(trimmed);
        }
        return List.copyOf(items);
    }

    /**
     * An object inside this block (sendmsg's email), read as a block of its own whose keys are
     * {@code keys}; null when absent or not an object (reported).
     */
    Block nested(String key, Set<String> nestedKeys) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            error(key, "must be an object; found " + shown(v));
            return null;
        }
        Blocks.reportUnknownKeys((ObjectNode) v, pathOf(key), name + "." + key, nestedKeys, problems);
        return new Block(name + "." + key, pathOf(key), (ObjectNode) v, nestedKeys, problems, null);
    }

    /**
     * A JSON array of strings, each checked against {@code shape} at its own index; a single
     * string reads as a list of one. Null when absent or wrong (each wrong item reported).
     */
    List<String> strings(String key, Pattern shape, String expected) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            return matching(key, shape, expected) == null ? null : List.of(v.asText());
        }
        if (!v.isArray() || v.isEmpty()) {
            error(key, "must be a non-empty array of strings, each " + expected + "; found " + shown(v));
            return null;
        }
        List<String> items = new ArrayList<>();
        boolean wrong = false;
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            String at = pathOf(key) + "/" + i;
            if (!item.isTextual() || !shape.matcher(item.asText()).matches()) {
                problems.error(at, "must be " + expected + "; found " + shown(item));
                wrong = true;
            } else if (hiddenCharacter(item.asText(), false) != null) {
                problems.error(at, "has " + hiddenCharacter(item.asText(), false) + ": control characters are refused");
                wrong = true;
            } else {
                items.add(item.asText());
            }
        }
        return wrong ? null : List.copyOf(items);
    }

    private JsonNode value(String key) {
        known(key);
        JsonNode v = node.get(key);
        if (v == null || problems.hasErrorAt(pathOf(key))) {
            return null;
        }
        if (v.isNull()) {
            error(key, "is null; give a value or remove the key");
            return null;
        }
        return v;
    }

    // The schema lists the keys a block may hold; reading any other is a bug in this code, not in the file.
    private void known(String key) {
        if (!keys.contains(key)) {
            throw new IllegalStateException("the schema does not define " + key + " in " + path);
        }
    }

    static String shown(JsonNode v) {
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
