package io.dbrefresh.fleet;

/**
 * How many refreshes of a fleet may fail before the fleet stops starting new ones and is
 * FAILED: a count, or a percentage of the fleet's size.
 *
 * @param count   failures allowed, when given as a count (else null)
 * @param percent failures allowed as a percentage of the fleet, when given so (else null)
 */
public record Tolerance(Integer count, Integer percent) {

    public static final Tolerance NONE = new Tolerance(0, null);

    /** The failures allowed in a fleet of {@code size} refreshes (a percentage rounds down). */
    public int allowed(int size) {
        return count != null ? count : size * percent / 100;
    }

    /** Whether {@code failures} failures are still within what is allowed. */
    public boolean allows(int failures, int size) {
        return failures <= allowed(size);
    }

    /** As the fleet file says it. */
    public String json() {
        return count != null ? count.toString() : percent + "%";
    }
}
