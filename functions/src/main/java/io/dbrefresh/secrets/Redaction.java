package io.dbrefresh.secrets;

/**
 * Removes secret values from text that leaves a handler (messages, exception texts from
 * drivers and services), so a password cannot reach a step result, a log or the history
 * even when a library quotes it back.
 */
public final class Redaction {

    public static final String MASK = "****";

    private Redaction() {
    }

    public static String redact(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }

    /** The message of {@code e} and its causes, redacted: what a person needs to see why it failed. */
    public static String describe(Throwable e, String... secrets) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (b.indexOf(m) < 0) {
                if (!b.isEmpty()) {
                    b.append(": ");
                }
                b.append(m);
            }
        }
        return redact(b.toString(), secrets);
    }
}
