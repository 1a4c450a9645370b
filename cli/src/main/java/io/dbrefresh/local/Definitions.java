package io.dbrefresh.local;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The state machine definition's {@code ${Name}} placeholders, as CDK's definition substitutions fill them. */
public final class Definitions {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private Definitions() {
    }

    /**
     * Replaces every {@code ${Name}} in the definition with its value.
     *
     * <p>Placeholders stand inside JSON strings, so each value is inserted JSON-escaped.
     *
     * @throws IllegalArgumentException naming every placeholder that has no value
     */
    public static String substitute(String asl, Map<String, String> values) {
        Set<String> missing = new TreeSet<>(placeholders(asl));
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw unresolved(missing);
        }
        Matcher matcher = PLACEHOLDER.matcher(asl);
        StringBuilder out = new StringBuilder(asl.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(jsonEscape(values.get(matcher.group(1)))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The names of the placeholders the definition still holds, sorted. */
    public static Set<String> placeholders(String asl) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(asl);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** @throws IllegalArgumentException when the definition still holds a placeholder */
    public static void requireResolved(String asl) {
        Set<String> left = placeholders(asl);
        if (!left.isEmpty()) {
            throw unresolved(left);
        }
    }

    private static IllegalArgumentException unresolved(Set<String> names) {
        return new IllegalArgumentException("The state machine definition has placeholders with no value: "
                + names.stream().map(name -> "${" + name + "}").toList());
    }

    private static String jsonEscape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
