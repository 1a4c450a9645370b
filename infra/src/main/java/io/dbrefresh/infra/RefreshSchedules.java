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

import io.dbrefresh.refreshfile.Json;

/**
 * The refresh files that ask to run on a schedule: each top-level {@code *.json} file in the
 * folder with a top-level {@code "schedule"} (an EventBridge Scheduler expression such as
 * {@code "cron(0 3 ? * MON-FRI *)"}, {@code "rate(7 days)"} or {@code "at(2030-01-01T03:00:00)"}).
 * Only that field is read here; the whole file is validated when the execution starts,
 * exactly as for a refresh started by hand.
 */
public final class RefreshSchedules {

    /** The top-level field that schedules a refresh file. */
    public static final String SCHEDULE_FIELD = "schedule";

    private static final Pattern EXPRESSION = Pattern.compile("^(cron|rate|at)\\(.+\\)$");
    /** Legacy plain-text password fields: a schedule would copy them into the template. */
    private static final List<String> PASSWORD_FIELDS = List.of("temppwd");

    /**
     * One scheduled refresh.
     *
     * @param input the file's content: the execution input, as when the file is passed to start-execution
     */
    public record ScheduledRefresh(Path file, String expression, String input) {

        /** The file's name without {@code .json}. */
        public String baseName() {
            String name = file.getFileName().toString();
            return name.substring(0, name.length() - ".json".length());
        }
    }

    private RefreshSchedules() {
    }

    /** The scheduled refresh files in {@code folder}, by file name; none when the folder does not exist. */
    public static List<ScheduledRefresh> read(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<ScheduledRefresh> scheduled = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                    .sorted().toList()) {
                readOne(file).ifPresent(scheduled::add);
            }
        } catch (IOException e) {
            throw new InvalidDeploymentSettingsException("cannot list refresh files in " + folder, e);
        }
        return scheduled;
    }

    private static Optional<ScheduledRefresh> readOne(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
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
        if (carriesPassword(root)) {
            throw new InvalidDeploymentSettingsException(file + " has a schedule and a plain-text temppwd: scheduling it would "
                    + "store the password in the CloudFormation template; use a secret (access \"secret\") instead");
        }
        return Optional.of(new ScheduledRefresh(file, expression, content.strip()));
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
