package io.dbrefresh.local;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dbrefresh.scripts.SqlDialect;

/**
 * Counts the e-mail addresses in a database that are not pseudonyms: values of any text
 * column of any table that look like an address outside {@code example.invalid}, the domain
 * the sample masking writes. What a local run prints for the source and the refreshed copy,
 * so the user sees the masking did (or did not) happen.
 */
public final class EmailCensus {

    /** Values that look like an e-mail address, in each engine's regular expression syntax. */
    private static final String EMAIL = "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]{2,}";

    private EmailCensus() {
    }

    /** Per {@code table.column}, the number of rows holding a real-looking address; columns with none are left out. */
    public static Map<String, Long> realAddresses(Connection c, SqlDialect dialect) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        String list = dialect == SqlDialect.MYSQL
                ? "SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables t"
                        + " ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                        + " WHERE c.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'"
                        + " AND c.data_type IN ('char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext')"
                        + " ORDER BY c.table_name, c.ordinal_position"
                : "SELECT c.table_schema || '.' || c.table_name, c.column_name FROM information_schema.columns c"
                        + " JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                        + " WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND t.table_type = 'BASE TABLE'"
                        + " AND c.data_type IN ('character varying', 'character', 'text')"
                        + " ORDER BY 1, c.ordinal_position";
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(list)) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            Map<String, Long> found = new LinkedHashMap<>();
            for (String[] col : columns) {
                String table = dialect == SqlDialect.MYSQL ? "`" + col[0] + "`" : qualified(col[0]);
                String column = dialect == SqlDialect.MYSQL ? "`" + col[1] + "`" : "\"" + col[1] + "\"";
                String match = dialect == SqlDialect.MYSQL ? column + " REGEXP '" + EMAIL + "'" : column + " ~ '" + EMAIL + "'";
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + match + " AND "
                        + column + " NOT LIKE '%@example.invalid'")) {
                    rs.next();
                    long n = rs.getLong(1);
                    if (n > 0) {
                        found.put(col[0] + "." + col[1], n);
                    }
                }
            }
            return found;
        }
    }

    /** The first {@code n} values of {@code column} in {@code table} (as the census names it), in the table's first column's order. */
    public static List<String> firstValues(Connection c, SqlDialect dialect, String table, String column, int n) throws SQLException {
        String t = dialect == SqlDialect.MYSQL ? "`" + table + "`" : qualified(table);
        String col = dialect == SqlDialect.MYSQL ? "`" + column + "`" : "\"" + column + "\"";
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            String first;
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + t + " WHERE 1 = 0")) {
                first = rs.getMetaData().getColumnName(1);
            }
            String order = dialect == SqlDialect.MYSQL ? "`" + first + "`" : "\"" + first + "\"";
            try (ResultSet rs = s.executeQuery("SELECT " + col + " FROM " + t + " ORDER BY " + order + " LIMIT " + n)) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    private static String qualified(String schemaDotTable) {
        int dot = schemaDotTable.indexOf('.');
        return "\"" + schemaDotTable.substring(0, dot) + "\".\"" + schemaDotTable.substring(dot + 1) + "\"";
    }

    /** The total over all columns. */
    public static long total(Map<String, Long> census) {
        return census.values().stream().mapToLong(Long::longValue).sum();
    }
}
