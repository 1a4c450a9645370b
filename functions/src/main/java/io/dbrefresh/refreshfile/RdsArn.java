package io.dbrefresh.refreshfile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Amazon RDS ARN, {@code arn:aws:rds:region:account:type:name}, as a refresh file may use
 * for a source or snapshot in another account and as the original solution's fixtags block
 * used for the target.
 */
record RdsArn(String partition, String region, String account, String type, String name) {

    static final String DB = "db";
    static final String CLUSTER = "cluster";
    static final String SNAPSHOT = "snapshot";
    static final String CLUSTER_SNAPSHOT = "cluster-snapshot";

    private static final Pattern SHAPE = Pattern.compile(
            "arn:(aws[a-z-]*):rds:([a-z0-9-]+):([0-9]{12}):(db|cluster|snapshot|cluster-snapshot):(.+)");

    static boolean looksLikeArn(String value) {
        return value.startsWith("arn:");
    }

    /** The parsed ARN, or null when {@code value} is not an RDS ARN of a database, cluster or snapshot. */
    static RdsArn parse(String value) {
        Matcher m = SHAPE.matcher(value);
        if (!m.matches()) {
            return null;
        }
        return new RdsArn(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
    }

    static String shape(String type) {
        return "arn:aws:rds:<region>:<12-digit account>:" + type + ":<name>";
    }
}
