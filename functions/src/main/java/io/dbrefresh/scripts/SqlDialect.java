package io.dbrefresh.scripts;

import java.util.Locale;

/**
 * The SQL families the scripts step speaks. An engine name from a refresh file (or an RDS
 * engine name) picks one; each has its own splitting rules, JDBC driver and CLI client.
 */
public enum SqlDialect {
    /** mysql, mariadb, aurora-mysql: MariaDB Connector/J, the {@code mysql}/{@code mariadb} client. */
    MYSQL,
    /** postgres, aurora-postgresql: the PostgreSQL JDBC driver, {@code psql}. */
    POSTGRESQL,
    /** sqlserver-ee/se/ex/web: T-SQL batches separated by GO, Microsoft JDBC Driver for SQL Server, {@code sqlcmd}. */
    SQLSERVER,
    /** oracle-ee/se2 (CDB or not): SQL*Plus scripts, Oracle JDBC, {@code sqlplus}. */
    ORACLE;

    private static final String ENGINES = "mysql, mariadb, aurora-mysql, postgres, aurora-postgresql, "
            + "sqlserver-ee, sqlserver-se, sqlserver-ex, sqlserver-web, oracle-ee, oracle-ee-cdb, oracle-se2 or oracle-se2-cdb";

    /** The dialect of an engine name as RDS or a refresh file writes it ("aurora-mysql", "postgres", "sqlserver-se", ...). */
    public static SqlDialect forEngine(String engine) {
        if (engine == null || engine.isBlank()) {
            throw new UnsupportedEngineException("runscripts needs the target's engine (" + ENGINES + ")");
        }
        String e = engine.trim().toLowerCase(Locale.ROOT);
        return switch (e) {
            case "mysql", "mariadb", "aurora-mysql", "aurora" -> MYSQL;
            case "postgres", "postgresql", "aurora-postgresql" -> POSTGRESQL;
            case "sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web" -> SQLSERVER;
            case "oracle-ee", "oracle-ee-cdb", "oracle-se2", "oracle-se2-cdb" -> ORACLE;
            default -> throw new UnsupportedEngineException("runscripts does not support engine '" + engine + "': use " + ENGINES);
        };
    }

    /** The name the SSM script and the docs use for the family: mysql, postgresql, sqlserver, oracle. */
    public String family() {
        return name().toLowerCase(Locale.ROOT);
    }
}
