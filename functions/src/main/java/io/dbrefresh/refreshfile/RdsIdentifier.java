package io.dbrefresh.refreshfile;

import java.util.regex.Pattern;

/**
 * The naming rules RDS applies to DB instance, cluster and snapshot identifiers, checked
 * here so that a bad name fails validation rather than an API call halfway through a refresh.
 */
final class RdsIdentifier {

    /** Instances and clusters. */
    static final int MAX_LENGTH = 63;
    /** Snapshots may be longer. */
    static final int MAX_SNAPSHOT_LENGTH = 255;
    /** Every restore creates target + this suffix first, then renames it. */
    static final String TEMP_SUFFIX = "temp";

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z](-?[A-Za-z0-9])*");

    private RdsIdentifier() {
    }

    /** Null when {@code name} is a valid instance or cluster identifier, else what is wrong with it. */
    static String problem(String name) {
        return problem(name, MAX_LENGTH);
    }

    /**
     * Null when {@code name} is a valid snapshot identifier. Automated snapshots are named
     * {@code rds:<instance>-<date>}, so that prefix is accepted too.
     */
    static String snapshotProblem(String name) {
        return problem(name.startsWith("rds:") ? name.substring(4) : name, MAX_SNAPSHOT_LENGTH);
    }

    private static String problem(String name, int maxLength) {
        if (name.isEmpty()) {
            return "is empty; " + rule(maxLength);
        }
        if (name.length() > maxLength) {
            return "is " + name.length() + " characters long; " + rule(maxLength);
        }
        if (SHAPE.matcher(name).matches()) {
            return null;
        }
        String why;
        char first = name.charAt(0);
        if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z')) {
            why = "does not start with a letter";
        } else if (name.contains("--")) {
            why = "has two hyphens in a row";
        } else if (name.endsWith("-")) {
            why = "ends with a hyphen";
        } else {
            why = "has a character other than letters, digits and hyphens";
        }
        return "\"" + name + "\" " + why + "; " + rule(maxLength);
    }

    private static String rule(int maxLength) {
        return "an RDS identifier has 1 to " + maxLength
                + " letters, digits or hyphens, starts with a letter, has no two hyphens in a row and does not end with a hyphen";
    }

    /**
     * The form a plan carries: RDS compares identifiers without case and keeps them in lower
     * case, so the lock, the guard and the history key of {@code MySQLInstD} and
     * {@code mysqlinstd} must be one and the same.
     */
    static String normal(String name) {
        return name == null ? null : name.toLowerCase(java.util.Locale.ROOT);
    }

    /** RDS keeps identifiers in lower case, so two spellings that differ only in case name the same database. */
    static boolean same(String a, String b) {
        return a != null && b != null && a.equalsIgnoreCase(b);
    }
}
