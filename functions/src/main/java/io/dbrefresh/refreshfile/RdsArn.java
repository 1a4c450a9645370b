package io.dbrefresh.refreshfile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Amazon RDS ARN, {@code arn:aws:rds:region:account:type:name}, as a refresh file may use
 * for a source or snapshot in another account and as the original solution's fixtags block
 * used for the target. The one place that reads RDS ARNs: the validator, the RDS operations
 * and the local run all ask it.
 */
public record RdsArn(String partition, String region, String account, String type, String name) {

    static final String DB = "db";
    static final String CLUSTER = "cluster";
    static final String SNAPSHOT = "snapshot";
    static final String CLUSTER_SNAPSHOT = "cluster-snapshot";

    private static final Pattern SHAPE = Pattern.compile(
            "arn:(aws[a-z-]*):rds:([a-z0-9-]+):([0-9]{12}):(db|cluster|snapshot|cluster-snapshot):(.+)");

    /** True when {@code value} is an ARN rather than an identifier. */
    public static boolean isArn(String value) {
        return value != null && value.startsWith("arn:");
    }

    /** The parsed ARN, or null when {@code value} is not an RDS ARN of a database, cluster or snapshot. */
    public static RdsArn parse(String value) {
        Matcher m = value == null ? null : SHAPE.matcher(value);
        if (m == null || !m.matches()) {
            return null;
        }
        return new RdsArn(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
    }

    /** The region field of any ARN, or null when it has none. */
    public static String regionOf(String arn) {
        return part(arn, 3);
    }

    /** The account field of any ARN, or null when it has none. */
    public static String accountOf(String arn) {
        return part(arn, 4);
    }

    /** The name after the resource type; an automated snapshot's name keeps its {@code rds:} prefix. */
    public static String resourceNameOf(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length < 7) {
            throw new IllegalArgumentException("not an RDS resource ARN: " + arn);
        }
        return parts[6];
    }

    /** The name an identifier or an ARN stands for: the identifier as given, or the ARN's resource name. */
    public static String nameOf(String idOrArn) {
        return isArn(idOrArn) ? resourceNameOf(idOrArn) : idOrArn;
    }

    static String shape(String type) {
        return "arn:aws:rds:<region>:<12-digit account>:" + type + ":<name>";
    }

    private static String part(String arn, int index) {
        String[] parts = arn.split(":", 7);
        return parts.length > index ? parts[index] : null;
    }
}
