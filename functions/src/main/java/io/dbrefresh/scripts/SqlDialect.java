package io.dbrefresh.scripts;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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

    /** The engine names a refresh file's runscripts block may give, each with its family. */
    private static final Set<String> NAMES = Set.of("mysql", "mariadb", "aurora-mysql", "aurora", "postgres", "postgresql",
            "aurora-postgresql", "sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web", "oracle-ee", "oracle-ee-cdb",
            "oracle-se2", "oracle-se2-cdb");

    /** The dialect of an engine name as RDS or a refresh file writes it ("aurora-mysql", "postgres", "sqlserver-se", ...). */
    public static SqlDialect forEngine(String engine) {
        if (engine == null || engine.isBlank()) {
            throw new UnsupportedEngineException("runscripts needs the target's engine (" + ENGINES + ")");
        }
        String e = engine.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(e)) {
            throw new UnsupportedEngineException("runscripts does not support engine '" + engine + "': use " + ENGINES);
        }
        return ofEngine(e).orElseThrow();
    }

    /**
     * The family of any engine name RDS reports (the one place that decides it): MySQL for mysql,
     * mariadb and aurora(-mysql), PostgreSQL for postgres and aurora-postgresql, SQL Server and
     * Oracle for their editions; empty for an engine of none of them.
     */
    public static Optional<SqlDialect> ofEngine(String engine) {
        String e = engine == null ? "" : engine.trim().toLowerCase(Locale.ROOT);
        if (e.equals("mysql") || e.equals("mariadb") || e.startsWith("aurora-mysql") || e.equals("aurora")) {
            return Optional.of(MYSQL);
        }
        if (e.startsWith("postgres") || e.startsWith("aurora-postgresql")) {
            return Optional.of(POSTGRESQL);
        }
        if (e.startsWith("sqlserver-")) {
            return Optional.of(SQLSERVER);
        }
        return e.startsWith("oracle-") ? Optional.of(ORACLE) : Optional.empty();
    }

    /** The name the SSM script and the docs use for the family: mysql, postgresql, sqlserver, oracle. */
    public String family() {
        return name().toLowerCase(Locale.ROOT);
    }
}
