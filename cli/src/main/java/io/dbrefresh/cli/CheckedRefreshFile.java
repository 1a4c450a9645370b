package io.dbrefresh.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RefreshPlan;

/**
 * A refresh file read and checked before a command acts on it: warnings and errors are
 * printed by path, and nothing is run when there is an error.
 *
 * @param exitCode when {@code plan} is null: 2 for an unreadable file, 1 for an invalid one
 */
record CheckedRefreshFile(String json, RefreshPlan plan, int exitCode) {

    static CheckedRefreshFile read(Path file, PrintWriter err, String notDone) throws IOException {
        if (!Files.isReadable(file)) {
            err.println(file + ": no such file");
            return new CheckedRefreshFile(null, null, 2);
        }
        String json = Files.readString(file);
        RefreshFileResult read = RefreshFiles.read(json);
        read.warnings().forEach(w -> err.println(file + ": warning " + w));
        if (!read.valid()) {
            for (Problem p : read.errors()) {
                err.println(file + ": " + p);
            }
            err.println(file + ": " + notDone + ": fix the errors above first");
            return new CheckedRefreshFile(json, null, 1);
        }
        return new CheckedRefreshFile(json, read.plan(), 0);
    }

    boolean valid() {
        return plan != null;
    }
}
