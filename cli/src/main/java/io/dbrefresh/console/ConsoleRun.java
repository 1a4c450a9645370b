package io.dbrefresh.console;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.Json;

/**
 * One refresh the console runs locally or started on AWS: every line the run prints (what
 * {@code run --local} and {@code start} print, from the same printer), each kept so that a
 * page that connects late, or twice, sees the whole run, and how it ended.
 */
final class ConsoleRun {

    /** A printed line, with the step it is about when it is a step line of the progress printer. */
    record Line(int index, String kind, String step, String text) {
        ObjectNode json() {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("index", index);
            o.put("kind", kind);
            o.put("step", step);
            o.put("text", text);
            return o;
        }
    }

    private final String id;
    private final String mode;
    private final String target;
    private final Instant started = Instant.now();
    private final List<Line> lines = new ArrayList<>();
    private String status = "RUNNING";
    private String error;
    private String execution;
    private Duration took;

    ConsoleRun(String id, String mode, String target) {
        this.id = id;
        this.mode = mode;
        this.target = target;
    }

    String id() {
        return id;
    }

    /** Where the run prints: each finished line becomes a {@link Line}. */
    PrintWriter printer() {
        return new PrintWriter(new Writer() {
            private final StringBuilder pending = new StringBuilder();

            @Override
            public void write(char[] buf, int off, int len) {
                synchronized (ConsoleRun.this) {
                    for (int i = off; i < off + len; i++) {
                        if (buf[i] == '\n') {
                            add(pending.toString());
                            pending.setLength(0);
                        } else if (buf[i] != '\r') {
                            pending.append(buf[i]);
                        }
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
                synchronized (ConsoleRun.this) {
                    if (!pending.isEmpty()) {
                        add(pending.toString());
                        pending.setLength(0);
                    }
                }
            }
        }, true);
    }

    synchronized void execution(String name) {
        this.execution = name;
    }

    synchronized void finish(String finalStatus, String why) {
        status = finalStatus;
        error = why;
        took = Duration.between(started, Instant.now());
        notifyAll();
    }

    synchronized boolean finished() {
        return !"RUNNING".equals(status);
    }

    /** The lines from {@code from} on, waiting up to {@code wait} for one when there is none yet and the run goes on. */
    synchronized List<Line> linesFrom(int from, Duration wait) throws InterruptedException {
        if (from >= lines.size() && !finished()) {
            wait(wait.toMillis());
        }
        return from >= lines.size() ? List.of() : List.copyOf(lines.subList(from, lines.size()));
    }

    synchronized ObjectNode json() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", id);
        o.put("mode", mode);
        o.put("target", target);
        o.put("started", started.toString());
        o.put("status", status);
        o.put("error", error);
        o.put("execution", execution);
        if (took == null) {
            o.putNull("seconds");
        } else {
            o.put("seconds", took.toMillis() / 1000.0);
        }
        o.put("lines", lines.size());
        return o;
    }

    private void add(String text) {
        lines.add(classify(lines.size(), text));
        notifyAll();
    }

    /**
     * The progress printer's step lines start with a mark and the step's name: "> started",
     * "+ done", "x failed", "- skipped", "  . check", "  ! retry". Everything else is context
     * (what was seeded, the summary).
     */
    static Line classify(int index, String text) {
        String kind;
        String rest;
        if (text.startsWith("> ")) {
            kind = "started";
            rest = text.substring(2);
        } else if (text.startsWith("+ ")) {
            kind = "done";
            rest = text.substring(2);
        } else if (text.startsWith("x ")) {
            kind = "failed";
            rest = text.substring(2);
        } else if (text.startsWith("- ")) {
            kind = "skipped";
            rest = text.substring(2);
        } else if (text.startsWith("  . ")) {
            kind = "check";
            rest = text.substring(4);
        } else if (text.startsWith("  ! ") || text.startsWith("  x ")) {
            kind = text.startsWith("  ! ") ? "retry" : "caught";
            rest = text.substring(4);
        } else {
            return new Line(index, "info", null, text);
        }
        String trimmed = rest.strip();
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end)) && trimmed.charAt(end) != ':') {
            end++;
        }
        return new Line(index, kind, trimmed.substring(0, end), text);
    }
}
