package io.dbrefresh.fleet;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fleet state machine's input, typed: the fleet's name, the failures it tolerates (a count),
 * its size, whether and to when it is aligned, the common time once chosen, its concurrency,
 * and its refresh files wave by wave, each the input of one child execution of the refresh
 * state machine. {@link FleetExecutionInput} writes it; the fleet's first step
 * ({@code AlignFleet}) answers with it aligned.
 */
public record FleetRun(About fleet, int maxConcurrency, List<List<Item>> waves) {

    public FleetRun {
        waves = waves == null ? List.of() : waves.stream().map(List::copyOf).toList();
    }

    /**
     * @param align      whether every refresh restores to one common point in time
     * @param alignTo    the time the fleet file gives (RFC 3339), or null: the latest common one
     * @param commonTime the common time, once chosen (RFC 3339), or null
     */
    public record About(String name, int tolerance, int size, boolean align, String alignTo, String commonTime) {

        public About withCommonTime(String time) {
            return new About(name, tolerance, size, align, alignTo, time);
        }
    }

    /** One refresh: its target and its refresh file as JSON (the child's input). */
    public record Item(String target, JsonNode input) {
    }
}
