package io.dbrefresh.rds;

/** Reads the parts of an RDS ARN ({@code arn:partition:rds:region:account:type:name}). */
final class Arns {

    private Arns() {
    }

    static boolean isArn(String value) {
        return value != null && value.startsWith("arn:");
    }

    static String region(String arn) {
        return part(arn, 3);
    }

    static String account(String arn) {
        return part(arn, 4);
    }

    /** The name after the resource type; an automated snapshot's name keeps its {@code rds:} prefix. */
    static String resourceName(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length < 7) {
            throw new IllegalArgumentException("not an RDS resource ARN: " + arn);
        }
        return parts[6];
    }

    private static String part(String arn, int index) {
        String[] parts = arn.split(":", 7);
        return parts.length > index ? parts[index] : null;
    }
}
