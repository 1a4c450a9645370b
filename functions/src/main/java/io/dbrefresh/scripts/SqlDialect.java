package io.dbrefresh.scripts;

import java.util.Locale;

/**
 * The two SQL families the scripts step speaks. An engine name from a refresh file (or an
 * RDS engine name) picks one; each has its own splitting rules, JDBC driver and CLI client.
 */
public enum SqlDialect {
    /** mysql, mariadb, aurora-mysql: MariaDB Connector/J, the {@code mysql}/{@code mariadb} client. */
    MYSQL,
    /** postgres, aurora-postgresql: the PostgreSQL JDBC driver, {@code psql}. */
    POSTGRESQL;

    /** The dialect of an engine name as RDS or a refresh file writes it ("aurora-mysql", "postgres", ...). */
    public static SqlDialect forEngine(String engine) {
        if (engine == null || engine.isBlank()) {
            throw new UnsupportedEngineException("runscripts needs the target's engine (mysql, mariadb, aurora-mysql, "
                    + "postgres, aurora-postgresql)");
        }
        String e = engine.trim().toLowerCase(Locale.ROOT);
        return switch (e) {
            case "mysql", "mariadb", "aurora-mysql", "aurora" -> MYSQL;
            case "postgres", "postgresql", "aurora-postgresql" -> POSTGRESQL;
            default -> throw new UnsupportedEngineException("runscripts does not support engine '" + engine
                    + "': use mysql, mariadb, aurora-mysql, postgres or aurora-postgresql");
        };
    }
}
