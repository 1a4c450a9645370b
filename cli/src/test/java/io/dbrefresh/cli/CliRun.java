package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import picocli.CommandLine;

/** One in-process run of the dbrefresh command, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    /** The repository root, passed by the build; refresh-files/ and docs/ are found from it. */
    static final Path HOME = Path.of(System.getProperty("dbrefresh.home", "../"));

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DbRefresh());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    String all() {
        return out + err;
    }
}
