package io.dbrefresh.scripts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a T-SQL script into the batches {@code sqlcmd} and SQL Server Management Studio send:
 * a line holding only {@code GO} (any case, optionally a repeat count, {@code GO 3}, and a
 * trailing {@code --} comment) ends a batch; the batch is sent as a whole, {@code ;} and all,
 * because SQL Server parses a batch at once (a procedure body is one batch). {@code GO} with a
 * count sends the batch that many times, as sqlcmd does.
 *
 * <p>A {@code GO} inside a string ({@code '...'} with {@code ''}), a quoted identifier
 * ({@code "..."}, {@code [...]} with {@code ]]}), a line comment or a block comment (nested, as
 * SQL Server nests them) is text, not a separator. sqlcmd commands ({@code :r},
 * {@code :setvar}, {@code :connect}, {@code !!}) are refused with their line: the runner is not
 * sqlcmd. Comments before a batch are dropped; a batch of comments only is not sent.
 */
final class TsqlBatches {

    /** GO on its own line, with an optional count and an optional line comment. */
    private static final Pattern GO = Pattern.compile("(?i)[ \\t]*GO(?:[ \\t]+([0-9]+))?[ \\t]*(?:--.*)?");
    /** More repeats than this is a typo, not a test-data loop. */
    static final int MAX_REPEAT = 10_000;

    private final String s;
    private final int n;
    private final List<SqlStatement> out = new ArrayList<>();
    private final StringBuilder cur = new StringBuilder();
    private int startLine;
    private int line = 1;

    private TsqlBatches(String script) {
        this.s = script.startsWith("\uFEFF") ? script.substring(1) : script;
        this.n = s.length();
    }

    static List<SqlStatement> split(String script) {
        return new TsqlBatches(script).run();
    }

    private List<SqlStatement> run() {
        int i = 0;
        // state carried across lines: inside a string, identifier or block comment a line is never GO
        char quote = 0;
        int commentDepth = 0;
        int quoteLine = 0;
        while (i < n) {
            int end = s.indexOf('\n', i);
            int next = end < 0 ? n : end + 1;
            String text = s.substring(i, end < 0 ? n : end).replace("\r", "");
            boolean free = quote == 0 && commentDepth == 0;
            if (free) {
                Matcher go = GO.matcher(text);
                if (go.matches()) {
                    emit(repeat(go.group(1)));
                    i = next;
                    line++;
                    continue;
                }
                String trimmed = text.stripLeading();
                // sqlcmd reads its commands at the start of any line outside strings and comments
                if (trimmed.startsWith(":") && trimmed.length() > 1 && Character.isLetter(trimmed.charAt(1))
                        || trimmed.startsWith("!!")) {
                    throw new ScriptSyntaxException("sqlcmd command '" + trimmed.strip() + "' is not supported: the runner sends T-SQL"
                            + " batches only (no :r, :setvar, :connect or !!)", line);
                }
            }
            // walk the line's characters to carry the string and comment state to the next line
            int k = 0;
            int len = text.length();
            while (k < len) {
                char c = text.charAt(k);
                if (commentDepth > 0) {
                    if (c == '/' && k + 1 < len && text.charAt(k + 1) == '*') {
                        commentDepth++;
                        k += 2;
                    } else if (c == '*' && k + 1 < len && text.charAt(k + 1) == '/') {
                        commentDepth--;
                        k += 2;
                    } else {
                        k++;
                    }
                } else if (quote != 0) {
                    char close = quote == '[' ? ']' : quote;
                    if (c == close) {
                        if (k + 1 < len && text.charAt(k + 1) == close) {
                            k += 2;
                        } else {
                            quote = 0;
                            k++;
                        }
                    } else {
                        k++;
                    }
                } else if (c == '-' && k + 1 < len && text.charAt(k + 1) == '-') {
                    k = len;
                } else if (c == '/' && k + 1 < len && text.charAt(k + 1) == '*') {
                    commentDepth = 1;
                    quoteLine = line;
                    k += 2;
                } else if (c == '\'' || c == '"' || c == '[') {
                    quote = c;
                    quoteLine = line;
                    k++;
                } else {
                    if (!Character.isWhitespace(c) && startLine == 0) {
                        startLine = line;
                    }
                    k++;
                }
            }
            if (startLine == 0 && quote != 0) {
                startLine = quoteLine;
            }
            if (startLine != 0) {
                cur.append(text).append('\n');
            }
            i = next;
            line++;
        }
        if (commentDepth > 0) {
            throw new ScriptSyntaxException("comment /* is never closed", quoteLine);
        }
        if (quote != 0) {
            String what = quote == '\'' ? "string" : "quoted identifier";
            throw new ScriptSyntaxException(what + " opened with " + quote + " is never closed", quoteLine);
        }
        emit(1);
        return out;
    }

    private int repeat(String count) {
        if (count == null) {
            return 1;
        }
        long times = count.length() > 9 ? Long.MAX_VALUE : Long.parseLong(count);
        if (times < 1 || times > MAX_REPEAT) {
            throw new ScriptSyntaxException("GO " + count + ": the repeat count must be from 1 to " + MAX_REPEAT, line);
        }
        return (int) times;
    }

    private void emit(int times) {
        String sql = cur.toString().strip();
        if (startLine != 0 && !sql.isEmpty()) {
            for (int t = 0; t < times; t++) {
                out.add(new SqlStatement(out.size() + 1, startLine, sql));
            }
        }
        cur.setLength(0);
        startLine = 0;
    }
}
