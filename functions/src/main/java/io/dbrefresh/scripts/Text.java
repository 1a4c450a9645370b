package io.dbrefresh.scripts;

/** Small text helpers for reports. */
final class Text {

    private Text() {
    }

    static String abbreviate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 3) + "...";
    }

    /** {@code text} with every occurrence of {@code secret} masked; the last guard before anything is written. */
    static String redact(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, "****");
    }
}
