package io.dbrefresh.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.Json;

/**
 * The fleet state machine's input ({@link FleetRun}) for a fleet: its name, the failures it tolerates
 * (a count), whether and to when it is aligned, the common time once chosen, its concurrency, and its refresh files wave by wave, each the
 * input of one child execution of the refresh state machine (aligned when the fleet is).
 *
 * <p>A fleet whose files do not fit in one execution's state ({@link #tooLarge}) is given by
 * {@link #stored}: each file in S3 ({@link StoredRefreshFiles}), the input naming its key instead,
 * {@code {"target", "key"}}, and the bucket in {@code fleet.bucket}; each refresh's iteration reads it.
 */
public final class FleetExecutionInput {

    /** Step Functions refuses an execution input, or any state's data, larger than this. */
    public static final int MAX_BYTES = 256 * 1024;

    /**
     * The most one target's successful result takes in the fleet's state, besides its name:
     * {@code {"target":"","status":"SUCCEEDED","execution":""}} with the child execution's name at its longest (80).
     */
    static final int RESULT_BYTES = 49 + 80;
    /**
     * The most one target's failed result takes, besides its name: {@code {"target":"","status":"FAILED","error":""}}
     * with its one line at its longest ({@link RefreshFailureLine#MAX_CHARS}), and room for its quotes escaped once more
     * where the summary's reason quotes it.
     */
    static final int FAILED_RESULT_BYTES = 42 + RefreshFailureLine.MAX_CHARS + 24;
    /** What aligning adds to a point-in-time refresh file at most: its restoretime, and restorepoint for latestpoint. */
    static final int ALIGNED_POINT_BYTES = 48;
    /** What aligning adds to a snapshot refresh file at most: the snapshot's name (up to 255) as its key's value. */
    static final int ALIGNED_SNAPSHOT_BYTES = 270;

    private FleetExecutionInput() {
    }

    /**
     * The input for {@code fleet} as its files say: the fleet state machine's first step chooses
     * the common time when the fleet is aligned, when it runs (a scheduled fleet's time is the
     * time it runs, not the time its input was written).
     */
    public static ObjectNode of(Fleet fleet) {
        return of(new AlignedFleet(fleet, null, fleet.members().stream().map(AlignedMember::asItIs).toList()));
    }

    /**
     * The most data the fleet state machine's state holds for this input, in bytes: the input
     * (aligned, when the fleet is: its first step rewrites every file in it; a stored file stays a
     * key), and every target's result: once, and a failed one twice at the end (in the results and
     * in the summary's reason, which lists the failures). Step Functions fails a state whose data
     * passes {@link #MAX_BYTES} ({@code States.DataLimitExceeded}) with no row and no message written,
     * so a fleet is checked against this before it starts, not only against the input's own size.
     */
    public static long largestStateBytes(ObjectNode input) {
        long bytes = input.toString().getBytes(StandardCharsets.UTF_8).length;
        boolean aligned = input.path("fleet").path("align").asBoolean(false);
        for (JsonNode wave : input.path("waves")) {
            for (JsonNode item : wave) {
                long target = item.path("target").asText().getBytes(StandardCharsets.UTF_8).length;
                // a result once; a failed one twice at the end, in the results and in the summary's reason
                bytes += Math.max(RESULT_BYTES + target, 2 * (FAILED_RESULT_BYTES + target));
                // a stored file is aligned in its own iteration's state, never in the fleet's
                if (aligned && item.has("input")) {
                    boolean snapshot = "fromsnapshot".equals(item.path("input").path("restore").path("restoretype").asText());
                    bytes += snapshot ? ALIGNED_SNAPSHOT_BYTES : ALIGNED_POINT_BYTES;
                }
            }
        }
        return bytes;
    }

    /** Why this input cannot run as one fleet, or empty when it fits. */
    public static Optional<String> tooLarge(ObjectNode input) {
        long inputBytes = input.toString().getBytes(StandardCharsets.UTF_8).length;
        long stateBytes = largestStateBytes(input);
        if (stateBytes <= MAX_BYTES) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the fleet's state would reach %d KiB (its input, %d KiB, aligned when"
                + " the fleet is, and every target's result) of Step Functions' 256 KiB: split the fleet, by application or"
                + " environment, into fleet files that fit", (stateBytes + 1023) / 1024, (inputBytes + 1023) / 1024));
    }

    /**
     * A large fleet's input and the files it names: each refresh file (as it is; the fleet aligns
     * each as its refresh starts) to be stored at its key in {@code bucket} before the fleet starts.
     *
     * @param execution the fleet execution's name, which keeps its files apart from every other run's
     */
    public static Stored stored(Fleet fleet, String bucket, String execution) {
        ObjectNode root = of(fleet);
        ((ObjectNode) root.get("fleet")).put("bucket", bucket);
        Map<String, String> files = new LinkedHashMap<>();
        for (JsonNode wave : root.path("waves")) {
            for (JsonNode item : wave) {
                String target = item.path("target").asText();
                String key = StoredRefreshFiles.key(execution, target);
                files.put(key, fleet.members().stream().filter(m -> m.target().equals(target)).findFirst().orElseThrow().json());
                ObjectNode o = (ObjectNode) item;
                o.remove("input");
                o.put("key", key);
            }
        }
        return new Stored(root, files);
    }

    /**
     * A large fleet's input, whose items name S3 keys, and the refresh file to store at each key.
     *
     * @param files by key, in the order of the items
     */
    public record Stored(ObjectNode input, Map<String, String> files) {
    }

    public static ObjectNode of(AlignedFleet prepared) {
        Fleet fleet = prepared.fleet();
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode about = root.putObject("fleet");
        about.put("name", fleet.name());
        about.put("tolerance", fleet.failuresAllowed());
        about.put("size", fleet.members().size());
        about.put("align", fleet.alignment().aligned());
        if (fleet.alignment().at() != null) {
            about.put("alignTo", fleet.alignment().at().toString());
        }
        if (prepared.commonTime() != null) {
            about.put("commonTime", prepared.commonTime().toString());
        }
        root.put("maxConcurrency", fleet.maxConcurrency());
        ArrayNode waves = root.putArray("waves");
        for (List<FleetMember> wave : fleet.waves()) {
            ArrayNode items = waves.addArray();
            for (FleetMember m : wave) {
                ObjectNode item = items.addObject();
                item.put("target", m.target());
                try {
                    item.set("input", Json.MAPPER.readTree(prepared.member(m.target()).json()));
                } catch (IOException e) {
                    throw new UncheckedIOException("a validated refresh file is JSON: " + m.file(), e);
                }
            }
        }
        return root;
    }
}
