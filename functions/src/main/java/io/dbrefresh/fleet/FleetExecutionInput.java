package io.dbrefresh.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.Json;

/**
 * The fleet state machine's input ({@link FleetRun}) for a fleet: its name, the failures it tolerates
 * (a count), whether and to when it is aligned, the common time once chosen, its concurrency, and its refresh files wave by wave, each the
 * input of one child execution of the refresh state machine (aligned when the fleet is).
 */
public final class FleetExecutionInput {

    /** Step Functions refuses an execution input, or any state's data, larger than this. */
    public static final int MAX_BYTES = 256 * 1024;

    /**
     * The most one target's result takes in the fleet's state, besides its name:
     * {@code {"target":"","status":"SUCCEEDED","execution":""}} with the child's ARN at its longest
     * (region, account, a state machine name and an execution name of 80 characters each).
     */
    static final int RESULT_BYTES = 51 + "arn:aws:states:ap-southeast-5:123456789012:execution::".length() + 80 + 80;
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
     * (aligned, when the fleet is: its first step rewrites every file), and every target's result
     * twice, as the state holds them after each wave while it counts the failures (the results so
     * far and the list counted). Step Functions fails a state whose data passes {@link #MAX_BYTES}
     * ({@code States.DataLimitExceeded}) with no row and no message written, so a fleet is checked
     * against this before it starts, not only against the input's own size.
     */
    public static long largestStateBytes(ObjectNode input) {
        long bytes = input.toString().getBytes(StandardCharsets.UTF_8).length;
        boolean aligned = input.path("fleet").path("align").asBoolean(false);
        for (JsonNode wave : input.path("waves")) {
            for (JsonNode item : wave) {
                bytes += 2L * (RESULT_BYTES + item.path("target").asText().getBytes(StandardCharsets.UTF_8).length);
                if (aligned) {
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
        return Optional.of(String.format(Locale.ROOT, "the fleet's state would reach %d KiB (its refresh files, %d KiB, aligned when"
                + " the fleet is, and every target's result twice) of Step Functions' 256 KiB: split the fleet, by application or"
                + " environment, into fleet files that fit", (stateBytes + 1023) / 1024, (inputBytes + 1023) / 1024));
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
