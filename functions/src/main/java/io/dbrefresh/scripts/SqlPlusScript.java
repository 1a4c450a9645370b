package io.dbrefresh.scripts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits an Oracle script written for SQL*Plus into the statements a JDBC client sends: a SQL
 * statement ends at {@code ;} (sent without it: Oracle refuses a trailing {@code ;}); a PL/SQL
 * block (an anonymous {@code DECLARE}/{@code BEGIN} block, or {@code CREATE [OR REPLACE]}
 * procedure, function, package, package body, trigger, type, library or Java source) ends at a
 * line holding only {@code /} and is sent whole, its own {@code ;} included. A SQL statement may
 * also end at a {@code /} line instead of {@code ;}.
 *
 * <p>Strings {@code '...'} (with {@code ''}), alternative quoting {@code q'[...]'} (any
 * delimiter, the bracket pairs matched), quoted identifiers {@code "..."}, and comments
 * {@code --} and {@code /* *}{@code /} are read as units: a {@code ;} or a {@code /} line inside
 * them ends nothing.
 *
 * <p>SQL*Plus commands at the start of a statement: the ones that only shape SQL*Plus's own
 * output or error handling ({@code SET}, {@code PROMPT}, {@code REM}, {@code SPOOL},
 * {@code COLUMN}, {@code SHOW ERRORS}, {@code WHENEVER}, ...) are skipped, because the runner
 * reports every statement itself and the refresh file's {@code continueonerror} decides what an
 * error does; {@code EXEC} becomes an anonymous block; {@code EXIT}/{@code QUIT} end the script
 * as in SQL*Plus; the ones that would need SQL*Plus itself ({@code @file}, {@code CONNECT},
 * {@code HOST}, {@code DEFINE}/{@code ACCEPT} substitution variables, {@code VARIABLE} bind
 * variables, ...) are refused with their line. A {@code /} with nothing new before it is refused
 * too: SQL*Plus would run the previous statement a second time.
 */
final class SqlPlusScript {

    private static final Pattern PLSQL = Pattern.compile("(?is)(DECLARE|BEGIN)\\b.*|WITH\\s+(FUNCTION|PROCEDURE)\\b.*"
            + "|CREATE\\s+(OR\\s+REPLACE\\s+)?((NON)?EDITIONABLE\\s+)?"
            + "(PROCEDURE|FUNCTION|PACKAGE|TRIGGER|TYPE|LIBRARY|(AND\\s+(RESOLVE|COMPILE)\\s+)?JAVA)\\b.*");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|--[^\\n]*");

    /** Commands that only affect SQL*Plus's own output, prompts or error handling. */
    private static final Set<String> SKIPPED = Set.of("SET", "PROMPT", "PRO", "REM", "REMARK", "SPOOL", "SPO",
            "COLUMN", "COL", "TTITLE", "TTI", "BTITLE", "BTI", "REPHEADER", "REPFOOTER", "BREAK", "BRE", "COMPUTE",
            "COMP", "CLEAR", "CL", "TIMING", "TIMI", "SHOW", "SHO", "PAUSE", "PAU", "WHENEVER", "DESCRIBE", "DESC");
    /** Commands that need SQL*Plus itself: refused. */
    private static final Set<String> REFUSED = Set.of("CONNECT", "CONN", "DISCONNECT", "DISC", "START", "STA",
            "HOST", "HO", "DEFINE", "DEF", "UNDEFINE", "UNDEF", "ACCEPT", "ACC", "VARIABLE", "VAR", "PRINT", "PRI",
            "PASSWORD", "PASSW", "STARTUP", "SHUTDOWN", "RECOVER", "ARCHIVE", "EDIT", "ED", "GET", "SAVE", "STORE",
            "COPY", "INPUT", "APPEND", "CHANGE", "DEL", "LIST");
    /** SET followed by these is SQL, not the SQL*Plus command. */
    private static final Set<String> SQL_SET = Set.of("TRANSACTION", "ROLE", "CONSTRAINT", "CONSTRAINTS");

    private enum Ended { NOTHING, STATEMENT }

    private final String s;
    private final int n;
    private final List<SqlStatement> out = new ArrayList<>();
    private final StringBuilder cur = new StringBuilder();
    private int i;
    private int line = 1;
    private int startLine;
    private boolean plsql;
    private Ended last = Ended.NOTHING;

    private SqlPlusScript(String script) {
        this.s = script.startsWith("\uFEFF") ? script.substring(1) : script;
        this.n = s.length();
    }

    static List<SqlStatement> split(String script) {
        return new SqlPlusScript(script).run();
    }

    private List<SqlStatement> run() {
        while (i < n) {
            if (i == 0 || s.charAt(i - 1) == '\n') {
                int end = lineEnd(i);
                String trimmed = s.substring(i, end).strip();
                if (trimmed.equals("/")) {
                    slash();
                    skipLine(end);
                    continue;
                }
                if (startLine == 0 && command(trimmed, end)) {
                    continue;
                }
                if (trimmed.equals(".") && plsql) {
                    throw new ScriptSyntaxException("a line holding only . ends a PL/SQL block without running it;"
                            + " end the block with a line holding only /", line);
                }
            }
            char c = s.charAt(i);
            if (c == ';' && !plsql) {
                if (PLSQL.matcher(COMMENTS.matcher(cur).replaceAll(" ").strip()).matches()) {
                    plsql = true;
                    take(i, i + 1, true);
                } else {
                    i++;
                    emit();
                }
            } else if (c == '-' && at(i + 1) == '-') {
                take(i, lineEnd(i), false);
            } else if (c == '/' && at(i + 1) == '*') {
                int close = s.indexOf("*/", i + 2);
                if (close < 0) {
                    throw new ScriptSyntaxException("comment /* is never closed", line);
                }
                take(i, close + 2, false);
            } else if (isAlternativeQuote()) {
                alternativeQuote();
            } else if (c == '\'' || c == '"') {
                quoted(c);
            } else {
                take(i, i + 1, !Character.isWhitespace(c));
            }
        }
        if (plsql) {
            throw new ScriptSyntaxException("the PL/SQL block starting here never ends: end it with a line holding only /",
                    startLine);
        }
        emit();
        return out;
    }

    /**
     * A SQL*Plus command at the start of a statement, handled; false when the line is SQL.
     * Moves past the command's lines (a line ending in {@code -} continues it).
     */
    private boolean command(String trimmed, int end) {
        if (trimmed.isEmpty() || trimmed.startsWith("--") || trimmed.startsWith("/*")) {
            return false;
        }
        String first = firstWord(trimmed);
        String word = first.toUpperCase(Locale.ROOT);
        if (first.startsWith("@") || first.startsWith("!") || first.startsWith("$")) {
            throw refused(trimmed, "runs another file or a shell command");
        }
        if (word.equals("EXIT") || word.equals("QUIT")) {
            i = n;
            return true;
        }
        if (word.equals("SET") && SQL_SET.contains(secondWord(trimmed))) {
            return false;
        }
        if (SKIPPED.contains(word)) {
            skipCommand(end);
            return true;
        }
        if (REFUSED.contains(word)) {
            throw refused(trimmed, "needs SQL*Plus itself (substitution or bind variables, another connection or file)");
        }
        if (word.equals("EXEC") || word.equals("EXECUTE")) {
            int startedOn = line;
            String call = skipCommand(end).substring(first.length()).strip();
            while (call.endsWith(";")) {
                call = call.substring(0, call.length() - 1).strip();
            }
            if (call.isEmpty()) {
                throw new ScriptSyntaxException("EXEC needs a call, e.g. EXEC DBMS_STATS.GATHER_SCHEMA_STATS('APP')", startedOn);
            }
            out.add(new SqlStatement(out.size() + 1, startedOn, "BEGIN " + call + "; END;"));
            last = Ended.STATEMENT;
            return true;
        }
        return false;
    }

    private ScriptSyntaxException refused(String trimmed, String why) {
        String shown = trimmed.length() > 80 ? trimmed.substring(0, 77) + "..." : trimmed;
        return new ScriptSyntaxException("SQL*Plus command '" + shown + "' is not supported: it " + why
                + "; the runner sends SQL and PL/SQL only", line);
    }

    /** Moves past a command and its continuation lines; returns its text, continuations joined. */
    private String skipCommand(int end) {
        StringBuilder text = new StringBuilder();
        while (true) {
            String part = s.substring(i, end).replace("\r", "").strip();
            boolean continues = part.endsWith("-");
            text.append(continues ? part.substring(0, part.length() - 1) : part).append(' ');
            skipLine(end);
            if (!continues || i >= n) {
                return text.toString().strip();
            }
            end = lineEnd(i);
        }
    }

    private void slash() {
        if (startLine == 0) {
            throw new ScriptSyntaxException(last == Ended.STATEMENT
                    ? "this / would run the statement before it a second time (SQL*Plus runs its buffer again); remove"
                    + " the / or the ; that already ended the statement"
                    : "a / with no statement before it", line);
        }
        emit();
    }

    private void skipLine(int end) {
        i = end < n ? end + 1 : n;
        line++;
    }

    private boolean isAlternativeQuote() {
        char c = s.charAt(i);
        int q = i;
        if ((c == 'n' || c == 'N') && (at(i + 1) == 'q' || at(i + 1) == 'Q')) {
            q = i + 1;
        } else if (c != 'q' && c != 'Q') {
            return false;
        }
        if (i > 0 && isIdentChar(s.charAt(i - 1))) {
            return false;
        }
        return at(q + 1) == '\'' && q + 2 < n && !Character.isWhitespace(s.charAt(q + 2));
    }

    private void alternativeQuote() {
        int q = Character.toUpperCase(s.charAt(i)) == 'N' ? i + 1 : i;
        char open = s.charAt(q + 2);
        char close = switch (open) {
            case '[' -> ']';
            case '{' -> '}';
            case '(' -> ')';
            case '<' -> '>';
            default -> open;
        };
        int end = s.indexOf(close + "'", q + 3);
        if (end < 0) {
            throw new ScriptSyntaxException("string opened with q'" + open + " is never closed", line);
        }
        take(i, end + 2, true);
    }

    private void quoted(char quote) {
        int startedOn = line;
        int j = i + 1;
        while (j < n) {
            if (s.charAt(j) == quote) {
                if (at(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                break;
            }
            j++;
        }
        if (j >= n) {
            throw new ScriptSyntaxException((quote == '\'' ? "string" : "quoted identifier") + " opened with " + quote
                    + " is never closed", startedOn);
        }
        take(i, j + 1, true);
    }

    private void take(int from, int to, boolean significant) {
        if (significant && startLine == 0) {
            startLine = line;
        }
        if (startLine != 0) {
            cur.append(s, from, to);
        }
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '\n') {
                line++;
            }
        }
        i = to;
    }

    private void emit() {
        String sql = cur.toString().replace("\r", "").strip();
        if (startLine != 0 && !sql.isEmpty()) {
            out.add(new SqlStatement(out.size() + 1, startLine, sql));
            last = Ended.STATEMENT;
        }
        cur.setLength(0);
        startLine = 0;
        plsql = false;
    }

    private int lineEnd(int from) {
        int nl = s.indexOf('\n', from);
        return nl < 0 ? n : nl;
    }

    private char at(int k) {
        return k < n ? s.charAt(k) : '\0';
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '#';
    }

    private static String firstWord(String t) {
        int k = 0;
        while (k < t.length() && !Character.isWhitespace(t.charAt(k)) && t.charAt(k) != ';') {
            k++;
        }
        return t.substring(0, k);
    }

    private static String secondWord(String t) {
        String rest = t.substring(firstWord(t).length()).strip();
        return firstWord(rest).toUpperCase(Locale.ROOT);
    }
}
