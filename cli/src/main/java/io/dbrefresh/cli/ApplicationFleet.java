package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import io.dbrefresh.fleet.FleetFiles;
import io.dbrefresh.fleet.FleetResult;
import io.dbrefresh.refreshfile.Json;
import picocli.CommandLine.Option;

/**
 * {@code --application APP [--folder DIR]}: every refresh file of one application in a folder, run
 * as a fleet without a fleet file, as the fleet file {@code {"name": APP, "application": APP, "folder": DIR}}
 * would (its defaults: 4 at a time, no failure allowed, no order, not aligned).
 */
final class ApplicationFleet {

    @Option(names = "--application", paramLabel = "APP", description = {
            "Instead of --fleet: every refresh file of APP (its restore.application) in --folder, as a fleet with",
            "a fleet file's defaults (4 at a time, no failure allowed, not aligned)."})
    String application;

    @Option(names = "--folder", paramLabel = "DIR", defaultValue = "refresh-files",
            description = "With --application: the folder of refresh files (default ${DEFAULT-VALUE}).")
    Path folder;

    boolean given() {
        return application != null;
    }

    /**
     * Whether the command was given exactly one of a refresh {@code file}, a {@code --fleet} file
     * and {@code --application}; when not, {@code command} says so on {@code err}.
     */
    boolean oneOf(Path file, Path fleet, String command, PrintWriter err) {
        if ((file != null ? 1 : 0) + (fleet != null ? 1 : 0) + (given() ? 1 : 0) == 1) {
            return true;
        }
        err.println(command + ": give one refresh FILE, or --fleet FLEET, or --application APP");
        return false;
    }

    /** How the fleet is named on the command line, for messages. */
    String label() {
        return "--application " + application + " --folder " + folder;
    }

    /**
     * Reads the application's refresh files as a fleet; prints its warnings, and its errors with what was not done.
     *
     * @return the result, or null when the folder is missing (said on {@code err})
     */
    FleetResult read(PrintWriter err, String notDone) {
        if (!Files.isDirectory(folder)) {
            err.println(folder + ": no such folder of refresh files");
            return null;
        }
        // a fleet's name allows fewer characters than an application's
        String name = application.replaceAll("[^A-Za-z0-9._-]", "-");
        String fleetFile = Json.MAPPER.createObjectNode().put("name", name.length() > 80 ? name.substring(0, 80) : name)
                .put("application", application).toString();
        return FleetInput.report(label(), FleetFiles.read(fleetFile, folder, Clock.systemUTC()), err, notDone);
    }
}
