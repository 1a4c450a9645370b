package io.dbrefresh.secrets;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Random master passwords that RDS accepts: any printable ASCII character except {@code /},
 * {@code "}, {@code @} and space (RDS for Oracle also refuses {@code &} and {@code '}), with
 * at least one upper-case letter, lower-case letter, digit and symbol, drawn from
 * {@link SecureRandom}.
 */
public final class PasswordGenerator {

    public static final int DEFAULT_LENGTH = 32;
    /** RDS refuses shorter master passwords on every engine. */
    public static final int MIN_LENGTH = 8;

    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String DIGITS = "0123456789";

    private final SecureRandom random;
    private final String symbols;
    private final String alphabet;

    private PasswordGenerator(SecureRandom random, String excluded) {
        this.random = random;
        StringBuilder s = new StringBuilder();
        for (char c = '!'; c <= '~'; c++) {
            if (!Character.isLetterOrDigit(c) && "/\"@".indexOf(c) < 0 && excluded.indexOf(c) < 0) {
                s.append(c);
            }
        }
        this.symbols = s.toString();
        this.alphabet = UPPER + LOWER + DIGITS + symbols;
    }

    /** Passwords for {@code engine} (an RDS engine name such as {@code mysql} or {@code oracle-ee}). */
    public static PasswordGenerator forEngine(String engine) {
        return forEngine(engine, new SecureRandom());
    }

    static PasswordGenerator forEngine(String engine, SecureRandom random) {
        boolean oracle = engine != null && engine.toLowerCase(Locale.ROOT).startsWith("oracle");
        return new PasswordGenerator(random, oracle ? "&'" : "");
    }

    /** The longest master password RDS accepts for this engine (for a cluster: 41, whatever the engine). */
    public static int maxLength(String engine, boolean cluster) {
        String e = engine == null ? "" : engine.toLowerCase(Locale.ROOT);
        if (cluster || e.startsWith("aurora")) {
            return 41;
        }
        if (e.startsWith("oracle")) {
            return 30;
        }
        if (e.startsWith("postgres") || e.startsWith("sqlserver")) {
            return 128;
        }
        if (e.startsWith("db2")) {
            return 255;
        }
        return 41;
    }

    /** The symbols a password may contain (for documentation and tests). */
    public String symbols() {
        return symbols;
    }

    /** Every character a password may contain. */
    public String alphabet() {
        return alphabet;
    }

    public String generate(int length) {
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException("a master password needs at least " + MIN_LENGTH + " characters, not " + length);
        }
        char[] p = new char[length];
        // one of each class first, so every password meets any complexity rule, then shuffle
        // them into random places
        p[0] = pick(UPPER);
        p[1] = pick(LOWER);
        p[2] = pick(DIGITS);
        p[3] = pick(symbols);
        for (int i = 4; i < length; i++) {
            p[i] = pick(alphabet);
        }
        for (int i = length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return new String(p);
    }

    private char pick(String chars) {
        return chars.charAt(random.nextInt(chars.length()));
    }
}
