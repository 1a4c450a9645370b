package io.dbrefresh.local;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;

import io.dbrefresh.scripts.SqlDialect;
import io.dbrefresh.scripts.SqlSplitter;
import io.dbrefresh.scripts.SqlStatement;

/**
 * Loads a plain SQL dump into a database of the local server, statement by statement: what
 * {@code mysqldump} (one database, without {@code --databases}) or {@code pg_dump} (plain
 * format) writes, or any script of the engine's dialect. PostgreSQL {@code COPY ... FROM stdin}
 * blocks are streamed through the driver's copy API; other psql meta-commands
 * ({@code \connect}, {@code \restrict}, ...) are skipped, as they concern psql, not the data.
 */
public final class DumpLoader {

    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?i)^\\s*copy\\s.*\\sfrom\\s+stdin\\s*;\\s*$");

    /** A statement of the dump that the server refused. */
    public static final class DumpException extends SQLException {
        public DumpException(String message, SQLException cause) {
            super(message, cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }

    /** What was loaded: statements run and rows copied. */
    public record Loaded(int statements, long copiedRows, int skippedMetaCommands) {
    }

    private DumpLoader() {
    }

    /**
     * Runs {@code dump} in {@code connection}'s database; {@code name} names the dump in errors.
     *
     * @throws DumpException naming the dump, the line and the statement that failed
     */
    public static Loaded load(Connection connection, SqlDialect dialect, String dump, String name) throws SQLException {
        int statements = 0;
        long copied = 0;
        int skipped = 0;
        String[] lines = dump.split("\n", -1);
        StringBuilder chunk = new StringBuilder();
        int chunkStart = 1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (dialect == SqlDialect.POSTGRESQL && COPY_FROM_STDIN.matcher(line).matches()) {
                statements += run(connection, dialect, chunk.toString(), chunkStart, name);
                StringBuilder rows = new StringBuilder();
                int copyLine = i + 1;
                i++;
                while (i < lines.length && !lines[i].equals("\\.")) {
                    rows.append(lines[i]).append('\n');
                    i++;
                }
                copied += copy(connection, line.trim(), rows.toString(), copyLine, name);
                statements++;
                chunk.setLength(0);
                chunkStart = i + 2;
                continue;
            }
            if (dialect == SqlDialect.POSTGRESQL && line.startsWith("\\")) {
                // a psql meta-command on a line of its own: kept out of the SQL, the line count kept
                skipped++;
                chunk.append('\n');
                continue;
            }
            chunk.append(line).append('\n');
        }
        statements += run(connection, dialect, chunk.toString(), chunkStart, name);
        return new Loaded(statements, copied, skipped);
    }

    private static int run(Connection connection, SqlDialect dialect, String sql, int firstLine, String name) throws SQLException {
        List<SqlStatement> statements = SqlSplitter.of(dialect).split(sql);
        try (Statement s = connection.createStatement()) {
            for (SqlStatement st : statements) {
                try {
                    s.execute(st.sql());
                } catch (SQLException e) {
                    throw new DumpException(name + " line " + (firstLine + st.line() - 1) + ": " + e.getMessage()
                            + "\n  statement: " + abbreviate(st.sql()), e);
                }
            }
        }
        return statements.size();
    }

    private static long copy(Connection connection, String copy, String rows, int line, String name) throws SQLException {
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(rows));
        } catch (SQLException e) {
            throw new DumpException(name + " line " + line + ": " + e.getMessage() + "\n  statement: " + copy, e);
        } catch (IOException e) {
            throw new DumpException(name + " line " + line + ": " + e.getMessage(), new SQLException(e));
        }
    }

    private static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ").trim();
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }
}
