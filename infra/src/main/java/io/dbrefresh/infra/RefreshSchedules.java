package io.dbrefresh.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.fleet.FleetExecutionInput;
import io.dbrefresh.fleet.FleetFiles;
import io.dbrefresh.fleet.FleetResult;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.Problem;

/**
 * The refresh files that ask to run on a schedule: each top-level {@code *.json} file in the
 * folder with a top-level {@code "schedule"} (an EventBridge Scheduler expression such as
 * {@code "cron(0 3 ? * MON-FRI *)"}, {@code "rate(7 days)"} or {@code "at(2030-01-01T03:00:00)"}).
 * Only that field is read here; the whole file is validated when the execution starts,
 * exactly as for a refresh started by hand. Fleet files with a {@code schedule} are read
 * whole: their input is the one {@code dbrefresh start --fleet} builds, every refresh file in it.
 */
public final class RefreshSchedules {

    /** The top-level field that schedules a refresh file. */
    public static final String SCHEDULE_FIELD = "schedule";

    private static final Pattern EXPRESSION = Pattern.compile("^(cron|rate|at)\\(.+\\)$");
    /** Legacy plain-text password fields: a schedule would copy them into the template. */
    private static final List<String> PASSWORD_FIELDS = List.of("temppwd");

    /**
     * One scheduled start: of a refresh file or of a fleet file.
     *
     * @param input the execution input: a refresh file's content, as when the file is passed to
     *              start-execution; for a fleet, the fleet state machine's input as {@code dbrefresh start --fleet} builds it
     */
    public record ScheduledRun(Path file, String expression, String input) {

        /** The file's name without {@code .json}. */
        public String baseName() {
            String name = file.getFileName().toString();
            return name.substring(0, name.length() - ".json".length());
        }
    }

    private RefreshSchedules() {
    }

    /**
     * The scheduled fleet files in {@code folder}, by file name; none when the folder does not exist.
     * A scheduled fleet that is invalid, too large for Step Functions or carries a plain-text
     * password stops the synthesis: its schedule would otherwise fail at every run, unseen.
     */
    public static List<ScheduledRun> readFleets(Path folder) {
        List<ScheduledRun> scheduled = new ArrayList<>();
        for (Path file : jsonFiles(folder, "fleet files")) {
            try {
                Optional<String> expression = expression(file, Files.readString(file, StandardCharsets.UTF_8));
                if (expression.isPresent()) {
                    scheduled.add(new ScheduledRun(file, expression.get(), fleetInput(file)));
                }
            } catch (IOException e) {
                throw new InvalidDeploymentSettingsException("cannot read fleet file " + file, e);
            }
        }
        return scheduled;
    }

    private static String fleetInput(Path file) {
        FleetResult read = FleetFiles.read(file);
        if (!read.valid()) {
            throw new InvalidDeploymentSettingsException(file + " has a schedule but is not a valid fleet file:\n  "
                    + String.join("\n  ", read.errors().stream().map(Problem::toString).toList()));
        }
        ObjectNode input = FleetExecutionInput.of(read.fleet());
        FleetExecutionInput.tooLarge(input).ifPresent(why -> {
            throw new InvalidDeploymentSettingsException(file + " has a schedule but cannot run as one fleet: " + why);
        });
        if (carriesPassword(input)) {
            throw new InvalidDeploymentSettingsException(file + " has a schedule and a refresh file with a plain-text temppwd:"
                    + " scheduling it would store the password in the CloudFormation template; use a secret (access \"secret\") instead");
        }
        return input.toString();
    }

    /** The scheduled refresh files in {@code folder}, by file name; none when the folder does not exist. */
    public static List<ScheduledRun> read(Path folder) {
        List<ScheduledRun> scheduled = new ArrayList<>();
        for (Path file : jsonFiles(folder, "refresh files")) {
            try {
                readOne(file).ifPresent(scheduled::add);
            } catch (IOException e) {
                throw new InvalidDeploymentSettingsException("cannot read refresh file " + file, e);
            }
        }
        return scheduled;
    }

    private static List<Path> jsonFiles(Path folder, String what) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new InvalidDeploymentSettingsException("cannot list " + what + " in " + folder, e);
        }
    }

    private static Optional<ScheduledRun> readOne(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        Optional<String> expression = expression(file, content);
        if (expression.isEmpty()) {
            return Optional.empty();
        }
        if (carriesPassword(Json.MAPPER.readTree(content))) {
            throw new InvalidDeploymentSettingsException(file + " has a schedule and a plain-text temppwd: scheduling it would "
                    + "store the password in the CloudFormation template; use a secret (access \"secret\") instead");
        }
        return Optional.of(new ScheduledRun(file, expression.get(), content.strip()));
    }

    /** The file's top-level schedule expression, or empty when it has none. */
    private static Optional<String> expression(Path file, String content) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            throw new InvalidDeploymentSettingsException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode schedule = root == null ? null : root.get(SCHEDULE_FIELD);
        if (schedule == null || schedule.isNull() || (schedule.isTextual() && schedule.asText().isBlank())) {
            return Optional.empty();
        }
        String expression = schedule.asText().trim();
        if (!schedule.isTextual() || !EXPRESSION.matcher(expression).matches()) {
            throw new InvalidDeploymentSettingsException(file + ": \"schedule\" must be cron(...), rate(...) or at(...), got: " + schedule);
        }
        return Optional.of(expression);
    }

    private static boolean carriesPassword(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (PASSWORD_FIELDS.contains(field.getKey().toLowerCase()) && !field.getValue().asText("").isBlank()) {
                    return true;
                }
                if (carriesPassword(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (carriesPassword(item)) {
                    return true;
                }
            }
        }
        return false;
    }
}
