package io.dbrefresh.fleet;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.ScheduleExpression;
import io.dbrefresh.refreshfile.StrictJson;

/**
 * Reads fleet files. As with refresh files, bad input is never an exception: every mistake
 * comes back at once by JSON path, the fleet's own and those of the refresh files it names.
 */
public final class FleetFiles {

    private final Clock clock;
    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    private FleetFiles(Clock clock) {
        this.clock = clock;
    }

    /** Reads the fleet file at {@code file}; the refresh files it names are read relative to its folder. */
    public static FleetResult read(Path file) {
        return read(file, Clock.systemUTC());
    }

    public static FleetResult read(Path file, Clock clock) {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            return invalid("", "no such file: " + file);
        } catch (CharacterCodingException e) {
            return invalid("", "is not UTF-8 text: a fleet file is a JSON document");
        } catch (IOException e) {
            return invalid("", "cannot be read: " + e.getMessage());
        }
        Path folder = file.toAbsolutePath().getParent();
        return read(json, folder, clock);
    }

    /** Reads a fleet file's text; {@code folder} is where its relative paths start. */
    public static FleetResult read(String json, Path folder, Clock clock) {
        JsonNode document;
        try {
            document = StrictJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return invalid("", StrictJson.notValid(e, e.getOriginalMessage().lines().findFirst().orElse("")));
        }
        if (document == null || document.isMissingNode() || !document.isObject()) {
            return invalid("", "must be a JSON object naming the fleet and its refresh files");
        }
        return new FleetFiles(clock).read(document, folder);
    }

    private static FleetResult invalid(String path, String message) {
        return new FleetResult(null, List.of(new Problem(path, message)), List.of());
    }

    private FleetResult read(JsonNode doc, Path folder) {
        errors.addAll(FleetFileSchema.get().validate(doc));
        boolean hasFiles = doc.has("files");
        boolean hasApplication = doc.has("application");
        boolean hasFolder = doc.has("folder");
        if (hasFiles && (hasApplication || hasFolder)) {
            errors.add(new Problem(hasApplication ? "/application" : "/folder",
                    "give files, or application (over a folder), or a folder alone: not files and " + (hasApplication ? "application" : "folder")));
        } else if (!hasFiles && !hasApplication && !hasFolder) {
            errors.add(new Problem("", "names no refresh file: give files (a list), application (every file of it in folder), or folder"));
        }
        int maxConcurrency = doc.path("maxconcurrency").canConvertToInt() && doc.path("maxconcurrency").isIntegralNumber()
                ? doc.get("maxconcurrency").asInt() : Fleet.DEFAULT_MAX_CONCURRENCY;
        Tolerance tolerance = tolerance(doc.path("tolerance"));
        List<String> order = new ArrayList<>();
        doc.path("order").forEach(e -> {
            if (e.isTextual()) {
                order.add(e.asText());
            }
        });
        Duration maxAge = maxAge(doc.path("maxage"));
        Alignment alignment = alignment(doc.path("align"));
        schedule(doc.path("schedule"));
        if (!errors.isEmpty() && !hasFiles && !hasApplication && !hasFolder) {
            return new FleetResult(null, errors, warnings);
        }
        List<FleetMember> members = new ArrayList<>();
        if (hasFiles && !hasApplication && !hasFolder) {
            members = fromFiles(doc.path("files"), folder);
        } else if (hasApplication || hasFolder) {
            members = fromFolder(doc, folder);
        }
        checkMembers(members, hasFiles ? "/files" : hasApplication ? "/application" : "/folder", order, alignment);
        if (!errors.isEmpty()) {
            return new FleetResult(null, errors, warnings);
        }
        Fleet fleet = new Fleet(doc.path("name").asText(), members, maxConcurrency, tolerance, order, maxAge, alignment);
        if (fleet.failuresAllowed() >= members.size() && members.size() > 1) {
            warnings.add(new Problem("/tolerance", "allows every refresh to fail (" + fleet.failuresAllowed() + " of "
                    + members.size() + "): the fleet then never stops starting refreshes"));
        }
        return new FleetResult(fleet, errors, warnings);
    }

    private Tolerance tolerance(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToInt() && node.asInt() >= 0) {
            return new Tolerance(node.asInt(), null);
        }
        if (node.isTextual() && node.asText().matches("^(100|[1-9]?[0-9])%$")) {
            return new Tolerance(null, Integer.parseInt(node.asText().replace("%", "")));
        }
        return Tolerance.NONE;
    }

    /** {@code maxage} as a duration: minutes, hours or days (the schema has checked the form). */
    static Duration maxAge(JsonNode node) {
        if (!node.isTextual() || !node.asText().matches("^[1-9][0-9]{0,4}[mhd]$")) {
            return null;
        }
        String t = node.asText();
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** A fleet's schedule is checked as a refresh file's: field by field, beyond the schema's shape. */
    private void schedule(JsonNode node) {
        if (!node.isTextual()) {
            return;
        }
        String error = ScheduleExpression.error(node.asText());
        if (error != null && errors.stream().noneMatch(p -> p.path().equals("/schedule"))) {
            errors.add(new Problem("/schedule", error));
        }
    }

    private Alignment alignment(JsonNode node) {
        if (node.isMissingNode() || node.isBoolean() && !node.asBoolean()) {
            return Alignment.NONE;
        }
        if (node.isBoolean()) {
            return Alignment.LATEST_COMMON;
        }
        if (!node.isTextual() || node.asText().isEmpty()) {
            return Alignment.NONE;
        }
        String text = node.asText();
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new Problem("/align", "must be true, false, or an RFC 3339 time with a zone or offset, such as"
                    + " 2026-11-20T03:00:00Z; found \"" + text + "\""));
            return Alignment.NONE;
        }
        Instant now = clock.instant();
        if (at.isAfter(now)) {
            errors.add(new Problem("/align", "is in the future (" + text + "; now is " + now.truncatedTo(ChronoUnit.SECONDS)
                    + "): no source can be restored to it yet"));
        } else if (at.isBefore(now.minus(Duration.ofDays(35)))) {
            warnings.add(new Problem("/align", "is more than 35 days ago: point-in-time recovery reaches back at most 35 days"));
        }
        return Alignment.at(at);
    }

    private List<FleetMember> fromFiles(JsonNode files, Path folder) {
        List<FleetMember> members = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            JsonNode f = files.get(i);
            if (!f.isTextual() || f.asText().isEmpty()) {
                continue;
            }
            String at = "/files/" + i;
            Path p = folder.resolve(f.asText()).normalize();
            if (Files.isDirectory(p)) {
                errors.add(new Problem(at, f.asText() + " is a folder: name its refresh files, or use \"folder\""));
                continue;
            }
            String json;
            try {
                json = Files.readString(p);
            } catch (IOException e) {
                errors.add(new Problem(at, "no such refresh file: " + f.asText()));
                continue;
            }
            member(f.asText(), json, at).ifPresent(members::add);
        }
        return members;
    }

    private List<FleetMember> fromFolder(JsonNode doc, Path base) {
        String folderText = doc.path("folder").isTextual() ? doc.path("folder").asText() : ".";
        Path folder = base.resolve(folderText).normalize();
        String at = doc.has("application") ? "/application" : "/folder";
        String application = doc.path("application").isTextual() ? doc.path("application").asText() : null;
        if (!Files.isDirectory(folder)) {
            errors.add(new Problem(doc.has("folder") ? "/folder" : at, "no such folder: " + folderText));
            return List.of();
        }
        List<Path> jsonFiles;
        try (Stream<Path> list = Files.list(folder)) {
            jsonFiles = list.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            errors.add(new Problem(at, "cannot list " + folderText + ": " + e.getMessage()));
            return List.of();
        }
        List<FleetMember> members = new ArrayList<>();
        for (Path p : jsonFiles) {
            String shown = folderText.equals(".") ? p.getFileName().toString() : folderText + "/" + p.getFileName();
            String json;
            JsonNode tree;
            try {
                json = Files.readString(p);
                tree = StrictJson.MAPPER.readTree(json);
            } catch (IOException e) {
                warnings.add(new Problem(at, shown + " is not JSON: skipped"));
                continue;
            }
            if (tree == null || !tree.isObject() || !tree.has("restore")) {
                // a fleet file or an account description beside the refresh files: not a member
                continue;
            }
            JsonNode declared = tree.path("restore").path("application");
            if (application != null && !(declared.isTextual() && declared.asText().equals(application))) {
                continue;
            }
            member(shown, json, at).ifPresent(members::add);
        }
        if (members.isEmpty() && errors.isEmpty()) {
            errors.add(new Problem(at, application != null
                    ? "no refresh file in " + folderText + " declares application " + application
                    : "no refresh file in " + folderText));
        }
        return members;
    }

    private java.util.Optional<FleetMember> member(String shown, String json, String at) {
        RefreshFileResult read = RefreshFiles.read(json, clock);
        read.warnings().forEach(w -> warnings.add(new Problem(at, shown + ": warning " + w)));
        if (!read.valid()) {
            read.errors().forEach(e -> errors.add(new Problem(at, shown + ": " + e)));
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new FleetMember(shown, json, read.plan()));
    }

    private void checkMembers(List<FleetMember> members, String at, List<String> order, Alignment alignment) {
        Map<String, FleetMember> byTarget = new LinkedHashMap<>();
        for (FleetMember m : members) {
            FleetMember before = byTarget.putIfAbsent(m.target(), m);
            if (before != null) {
                errors.add(new Problem(at, before.file() + " and " + m.file() + " both refresh " + m.target()
                        + ": a fleet refreshes each target once"));
            }
        }
        Set<String> environments = new HashSet<>();
        members.forEach(m -> environments.add(m.plan().environment()));
        for (int i = 0; i < order.size(); i++) {
            if (!members.isEmpty() && !environments.contains(order.get(i))) {
                warnings.add(new Problem("/order/" + i, "no refresh of the fleet is in environment " + order.get(i)));
            }
        }
        if (alignment.aligned()) {
            for (FleetMember m : members) {
                RefreshPlan plan = m.plan();
                if (plan.restore().restoreType() == RestoreType.FAST_CLONING) {
                    errors.add(new Problem("/align", m.file() + " is a fast clone: a clone is of the source as it is now, so it"
                            + " cannot be aligned; use restoretype latestpoint for it, or leave it out of an aligned fleet"));
                } else if (plan.restore().restoreType() == RestoreType.FROM_SNAPSHOT && plan.restore().snapshot() != null) {
                    errors.add(new Problem("/align", m.file() + " names its snapshot (" + plan.restore().snapshot()
                            + "): an aligned fleet takes the newest snapshot at or before the common time; remove restore.snapshot"));
                }
            }
        }
    }
}
