package io.dbrefresh.scripts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a SQL script into the statements a client sends one by one, the way the engine's
 * own command-line client does, so that a {@code ;} inside a string, an identifier, a
 * comment, a procedure body or a dollar-quoted function body does not cut a statement.
 *
 * <p>MySQL family (what the {@code mysql}/{@code mariadb} client accepts): comments
 * {@code -- } (two dashes and a whitespace), {@code #} and {@code /* *}{@code /}; the
 * executable comments {@code /*!...*}{@code /}, {@code /*M!...*}{@code /} and hints
 * {@code /*+...*}{@code /} are kept as statement text; strings and identifiers in
 * {@code '...'}, {@code "..."} and backticks with backslash escapes (and doubled quotes);
 * the client command {@code DELIMITER xx} on a line of its own changes the terminator (for
 * procedures and triggers) and is not sent.
 *
 * <p>PostgreSQL (what {@code psql} accepts): comments {@code --} and nested
 * {@code /* *}{@code /}; {@code '...'} with {@code ''} (standard-conforming strings),
 * {@code E'...'} with backslash escapes, {@code "ident"}, and dollar-quoted bodies
 * {@code $$...$$} and {@code $tag$...$tag$}. psql meta-commands ({@code \connect}, COPY
 * data) are refused with their line: the runner is not psql.
 *
 * <p>Comments before a statement are dropped; comments inside one are kept. A script's last
 * statement needs no terminator.
 *
 * <p>SQL Server: {@link TsqlBatches} (batches between {@code GO} lines, as sqlcmd sends them).
 * Oracle: {@link SqlPlusScript} ({@code ;} statements and PL/SQL blocks ended by {@code /}, as
 * SQL*Plus runs them).
 */
public final class SqlSplitter {

    /** COPY ... FROM STDIN reads its rows from the client's input, which only psql provides. */
    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?is)^copy\\s.*\\sfrom\\s+stdin\\b.*");

    private final SqlDialect dialect;

    private SqlSplitter(SqlDialect dialect) {
        this.dialect = dialect;
    }

    public static SqlSplitter of(SqlDialect dialect) {
        return new SqlSplitter(dialect);
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** The statements of {@code script}, in order, each with the line it starts on (T-SQL: the batches). */
    public List<SqlStatement> split(String script) {
        return switch (dialect) {
            case SQLSERVER -> TsqlBatches.split(script);
            case ORACLE -> SqlPlusScript.split(script);
            case MYSQL, POSTGRESQL -> new Scan(script, dialect).run();
        };
    }

    /** One pass over one script. */
    private static final class Scan {
        private final String s;
        private final int n;
        private final boolean mysql;
        private final List<SqlStatement> out = new ArrayList<>();
        private final StringBuilder cur = new StringBuilder();
        private String delimiter = ";";
        private int i;
        private int line = 1;
        /** Line of the current statement's first significant character; 0 while none. */
        private int startLine;
        /** True while only blanks were seen since the last line break (DELIMITER is a line command). */
        private boolean lineBlank = true;

        Scan(String script, SqlDialect dialect) {
            this.s = script.startsWith("\uFEFF") ? script.substring(1) : script;
            this.n = s.length();
            this.mysql = dialect == SqlDialect.MYSQL;
        }

        List<SqlStatement> run() {
            while (i < n) {
                char c = s.charAt(i);
                if (startLine == 0 && lineBlank && mysql && isDelimiterCommand()) {
                    readDelimiterCommand();
                } else if (startLine == 0 && lineBlank && !mysql && c == '\\') {
                    int end = lineEnd(i);
                    throw new ScriptSyntaxException("psql meta-command '" + s.substring(i, end).trim()
                            + "' is not supported: the runner sends SQL only", line);
                } else if (s.startsWith(delimiter, i)) {
                    i += delimiter.length();
                    emit();
                } else if (isLineComment(c)) {
                    int end = lineEnd(i);
                    take(i, end, false);
                } else if (c == '/' && at(i + 1) == '*') {
                    blockComment();
                } else if (c == '\'' || c == '"' || (mysql && c == '`')) {
                    quoted(c);
                } else if (!mysql && c == '$' && dollarTag() != null) {
                    dollarQuoted(dollarTag());
                } else if (Character.isWhitespace(c)) {
                    take(i, i + 1, false);
                } else {
                    take(i, i + 1, true);
                }
            }
            emit();
            return out;
        }

        private boolean isDelimiterCommand() {
            int len = "delimiter".length();
            return s.regionMatches(true, i, "delimiter", 0, len) && i + len < n
                    && (s.charAt(i + len) == ' ' || s.charAt(i + len) == '\t');
        }

        private void readDelimiterCommand() {
            int end = lineEnd(i);
            String arg = s.substring(i + "delimiter".length(), end).trim();
            int space = indexOfWhitespace(arg);
            String d = space < 0 ? arg : arg.substring(0, space);
            if (d.isEmpty()) {
                throw new ScriptSyntaxException("DELIMITER needs a terminator, e.g. DELIMITER //", line);
            }
            if (d.contains("\\")) {
                throw new ScriptSyntaxException("DELIMITER may not contain a backslash", line);
            }
            delimiter = d;
            cur.setLength(0);
            i = end;
        }

        private boolean isLineComment(char c) {
            if (mysql) {
                if (c == '#') {
                    return true;
                }
                // the mysql client wants a blank (or the end) after "--": "5--3" is arithmetic
                return c == '-' && at(i + 1) == '-' && (i + 2 >= n || Character.isWhitespace(s.charAt(i + 2))
                        || Character.isISOControl(s.charAt(i + 2)));
            }
            return c == '-' && at(i + 1) == '-';
        }

        private void blockComment() {
            int from = i;
            int startedOn = line;
            boolean executable = mysql && (at(i + 2) == '!' || at(i + 2) == '+' || (at(i + 2) == 'M' && at(i + 3) == '!'));
            int end;
            if (mysql) {
                int close = s.indexOf("*/", i + 2);
                if (close < 0) {
                    throw new ScriptSyntaxException("comment /* is never closed", startedOn);
                }
                end = close + 2;
            } else {
                int depth = 0;
                int j = i;
                end = -1;
                while (j < n) {
                    if (s.startsWith("/*", j)) {
                        depth++;
                        j += 2;
                    } else if (s.startsWith("*/", j)) {
                        depth--;
                        j += 2;
                        if (depth == 0) {
                            end = j;
                            break;
                        }
                    } else {
                        j++;
                    }
                }
                if (end < 0) {
                    throw new ScriptSyntaxException("comment /* is never closed", startedOn);
                }
            }
            take(from, end, executable);
        }

        private void quoted(char quote) {
            int startedOn = line;
            boolean backslash = mysql ? quote != '`' : quote == '\'' && isEscapeStringPrefix();
            int j = i + 1;
            while (j < n) {
                char c = s.charAt(j);
                if (backslash && c == '\\') {
                    j += 2;
                } else if (c == quote) {
                    break;
                } else {
                    j++;
                }
            }
            if (j >= n) {
                String what = quote == '\'' ? "string" : "quoted identifier";
                throw new ScriptSyntaxException(what + " opened with " + quote + " is never closed", startedOn);
            }
            take(i, j + 1, true);
        }

        /** E'...' (or e'...'): a PostgreSQL string where backslash escapes the next character. */
        private boolean isEscapeStringPrefix() {
            if (i < 1 || Character.toUpperCase(s.charAt(i - 1)) != 'E') {
                return false;
            }
            return i < 2 || !isIdentChar(s.charAt(i - 2));
        }

        /** The "$tag$" opening a dollar-quoted string at i, or null when the $ is something else ($1, a$b). */
        private String dollarTag() {
            if (i > 0 && isIdentChar(s.charAt(i - 1))) {
                return null;
            }
            int j = i + 1;
            while (j < n && isIdentChar(s.charAt(j)) && s.charAt(j) != '$') {
                j++;
            }
            if (j >= n || s.charAt(j) != '$') {
                return null;
            }
            if (j > i + 1 && Character.isDigit(s.charAt(i + 1))) {
                return null;
            }
            return s.substring(i, j + 1);
        }

        private void dollarQuoted(String tag) {
            int close = s.indexOf(tag, i + tag.length());
            if (close < 0) {
                throw new ScriptSyntaxException("dollar-quoted body opened with " + tag + " is never closed", line);
            }
            take(i, close + tag.length(), true);
        }

        /** Moves past s[from, to): counts lines, and keeps the text when it belongs to a statement. */
        private void take(int from, int to, boolean significant) {
            if (significant && startLine == 0) {
                startLine = line;
            }
            if (startLine != 0) {
                cur.append(s, from, to);
            }
            for (int k = from; k < to; k++) {
                char c = s.charAt(k);
                if (c == '\n') {
                    line++;
                    lineBlank = true;
                } else if (!Character.isWhitespace(c)) {
                    lineBlank = false;
                }
            }
            i = to;
        }

        private void emit() {
            if (startLine != 0) {
                String sql = cur.toString().strip();
                if (!mysql && COPY_FROM_STDIN.matcher(sql).matches()) {
                    throw new ScriptSyntaxException("COPY ... FROM STDIN needs psql; write INSERT statements "
                            + "(pg_dump --inserts) or COPY from a server-side file", startLine);
                }
                if (!sql.isEmpty()) {
                    out.add(new SqlStatement(out.size() + 1, startLine, sql));
                }
            }
            cur.setLength(0);
            startLine = 0;
        }

        private int lineEnd(int from) {
            int nl = s.indexOf('\n', from);
            return nl < 0 ? n : nl;
        }

        private char at(int k) {
            return k < n ? s.charAt(k) : '\0';
        }

        private static boolean isIdentChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
        }

        private static int indexOfWhitespace(String t) {
            for (int k = 0; k < t.length(); k++) {
                if (Character.isWhitespace(t.charAt(k))) {
                    return k;
                }
            }
            return -1;
        }
    }

    @Override
    public String toString() {
        return "SqlSplitter[" + dialect.name().toLowerCase(Locale.ROOT) + "]";
    }
}
