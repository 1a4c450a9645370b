package io.dbrefresh.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.Json;

/**
 * The fleet state machine's input ({@link FleetRun}) for a fleet: its name, the failures it tolerates
 * (a count), whether and to when it is aligned, the common time once chosen, its concurrency, and its refresh files wave by wave, each the
 * input of one child execution of the refresh state machine (aligned when the fleet is).
 */
public final class FleetExecutionInput {

    /** Step Functions refuses an execution input larger than this. */
    public static final int MAX_BYTES = 256 * 1024;

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
