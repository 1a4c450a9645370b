package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.fleet.AlignedFleet;
import io.dbrefresh.fleet.AlignmentException;
import io.dbrefresh.fleet.FleetAlignment;
import io.dbrefresh.fleet.FleetFiles;
import io.dbrefresh.fleet.FleetResult;
import io.dbrefresh.refreshfile.Problem;
import picocli.CommandLine;
import software.amazon.awssdk.core.exception.SdkException;

/** A fleet file named on the command line: read, its problems printed by path, for the commands that take --fleet. */
final class FleetInput {

    private FleetInput() {
    }

    /**
     * Reads {@code file}; prints its warnings, and its errors with what was not done.
     *
     * @return the result, or null when the file is missing (said on {@code err})
     */
    static FleetResult read(Path file, PrintWriter err, String notDone) {
        if (!Files.isRegularFile(file)) {
            err.println(file + ": no such fleet file");
            return null;
        }
        return report(file.toString(), FleetFiles.read(file), err, notDone);
    }

    /** Prints {@code read}'s warnings, and its errors with what was not done, each after {@code label}. */
    static FleetResult report(String label, FleetResult read, PrintWriter err, String notDone) {
        read.warnings().forEach(w -> err.println(label + ": warning " + w));
        if (!read.valid()) {
            for (Problem p : read.errors()) {
                err.println(label + ": " + p);
            }
            err.println(label + ": " + notDone + ": fix the errors above first");
        }
        return read;
    }

    /** {@code dbrefresh plan --fleet FILE}; {@code aws} non-null: choose the common time against the live account. */
    static int plan(Path file, AwsOptions aws, PrintWriter out, PrintWriter err) {
        return plan(file.toString(), read(file, err, "no plan"), aws, out, err);
    }

    /** {@code dbrefresh plan} of a fleet read already ({@code read} null: it could not be read, said on {@code err}). */
    static int plan(String file, FleetResult read, AwsOptions aws, PrintWriter out, PrintWriter err) {
        if (read == null) {
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        if (!read.valid()) {
            err.flush();
            return 1;
        }
        AlignedFleet aligned = null;
        if (aws != null && read.fleet().alignment().aligned()) {
            try {
                AwsClients clients = aws.clients();
                aligned = new FleetAlignment(clients.rds(), Clock.systemUTC()).prepare(read.fleet());
            } catch (AlignmentException e) {
                err.println(file + ": cannot be aligned: " + e.getMessage());
                err.flush();
                return 1;
            } catch (SdkException e) {
                err.flush();
                return AwsFailure.of("dbrefresh plan --fleet --online", e, null, CommandLine.ExitCode.USAGE).print(err);
            }
        }
        FleetPlanTable.print(out, read.fleet(), aligned);
        out.flush();
        err.flush();
        return CommandLine.ExitCode.OK;
    }
}
