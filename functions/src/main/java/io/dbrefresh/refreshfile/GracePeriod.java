package io.dbrefresh.refreshfile;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the old target is kept after a swap: a whole number of hours or days, {@code "12h"}
 * or {@code "3d"}, from one hour to {@value #MAX_DAYS} days. A kept copy is a running
 * database that costs what the old target cost, so a forgotten unit must not keep it for years.
 */
public final class GracePeriod {

    public static final int MAX_DAYS = 35;
    static final Pattern SHAPE = Pattern.compile("([1-9][0-9]{0,3})([hd])");
    static final String EXPECTED = "a whole number of hours or days such as \"12h\" or \"3d\", from 1h to " + MAX_DAYS + "d";

    private GracePeriod() {
    }

    /** What is wrong with {@code text}, or null when it is a grace period. */
    public static String problem(String text) {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            return "must be " + EXPECTED + "; found \"" + text + "\"";
        }
        if (parse(text).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            return "must be at most " + MAX_DAYS + "d (" + MAX_DAYS * 24 + "h): a kept copy costs what the old target cost;"
                    + " found \"" + text + "\"";
        }
        return null;
    }

    /** The duration {@code text} names; it must have no {@link #problem}. */
    public static Duration parse(String text) {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a grace period: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return "d".equals(m.group(2)) ? Duration.ofDays(n) : Duration.ofHours(n);
    }
}
