package io.dbrefresh.scripts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies one database to a new name on the same server: what a restore means in a local
 * run, where "production" and its refreshed copy are two databases of one embedded server.
 * PostgreSQL clones the whole database (CREATE DATABASE ... TEMPLATE); the MySQL family
 * copies each table's definition and rows (views, routines and triggers are not copied,
 * and foreign keys are not recreated: enough for a masking demo, not a backup tool).
 */
public final class DatabaseCopy {

    private DatabaseCopy() {
    }

    /** Replaces database {@code to} with a copy of {@code from}, over an administrator's connection. */
    public static void copy(Connection admin, SqlDialect dialect, String from, String to) throws SQLException {
        if (from.equals(to)) {
            throw new IllegalArgumentException("cannot copy database " + from + " onto itself");
        }
        try (Statement s = admin.createStatement()) {
            if (dialect == SqlDialect.POSTGRESQL) {
                // a template database must have no other sessions
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                        + literal(from) + " AND pid <> pg_backend_pid()");
                s.execute("DROP DATABASE IF EXISTS " + pgName(to));
                s.execute("CREATE DATABASE " + pgName(to) + " TEMPLATE " + pgName(from));
                return;
            }
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                    + literal(from) + " AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            s.execute("DROP DATABASE IF EXISTS " + myName(to));
            s.execute("CREATE DATABASE " + myName(to));
            for (String t : tables) {
                s.execute("CREATE TABLE " + myName(to) + "." + myName(t) + " LIKE " + myName(from) + "." + myName(t));
                s.execute("INSERT INTO " + myName(to) + "." + myName(t) + " SELECT * FROM " + myName(from) + "." + myName(t));
            }
        }
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String pgName(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String myName(String s) {
        return "`" + s.replace("`", "``") + "`";
    }
}
