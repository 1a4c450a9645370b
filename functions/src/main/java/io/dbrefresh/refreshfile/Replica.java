package io.dbrefresh.refreshfile;

/** A read replica (rds) or reader instance (aurora) by name and instance class. */
public record Replica(String name, String dbClass) {
}
