package io.dbrefresh.fleet;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fleet state machine's input, typed: the fleet's name, the failures it tolerates (a count),
 * its size, whether and to when it is aligned, the common time once chosen, where its stored
 * refresh files are, its concurrency, and its refresh files wave by wave, each the input of one
 * child execution of the refresh state machine (or the S3 key of that input). {@link FleetExecutionInput}
 * writes it; the fleet's first step ({@code AlignFleet}) answers with it aligned.
 *
 * <p>Each iteration of the fleet's Map calls the same function with one {@link #item}: its stored
 * file read (and aligned to the common time), or its failure told in one line.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FleetRun(About fleet, int maxConcurrency, List<List<Item>> waves, Item item) {

    public FleetRun {
        waves = waves == null ? List.of() : waves.stream().map(List::copyOf).toList();
    }

    public FleetRun(About fleet, int maxConcurrency, List<List<Item>> waves) {
        this(fleet, maxConcurrency, waves, null);
    }

    /**
     * @param align      whether every refresh restores to one common point in time
     * @param alignTo    the time the fleet file gives (RFC 3339), or null: the latest common one
     * @param commonTime the common time, once chosen (RFC 3339), or null
     * @param bucket     the S3 bucket of the items' {@code key}s, or null when every file is in the input
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record About(String name, int tolerance, int size, boolean align, String alignTo, String commonTime, String bucket) {

        public About(String name, int tolerance, int size, boolean align, String alignTo, String commonTime) {
            this(name, tolerance, size, align, alignTo, commonTime, null);
        }

        public About withCommonTime(String time) {
            return new About(name, tolerance, size, align, alignTo, time, bucket);
        }
    }

    /**
     * One refresh: its target and its refresh file as JSON (the child's input), or the S3 key it
     * is stored under (a large fleet's input holds keys, not files).
     *
     * @param failure how its child (or the reading of its file) failed, as Step Functions caught it ({@code Error}, {@code Cause})
     * @param reason  that failure in one short line: the error's name and the first line of its message
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String target, JsonNode input, String key, JsonNode failure, String reason) {

        public Item(String target, JsonNode input) {
            this(target, input, null, null, null);
        }

        public static Item stored(String target, String key) {
            return new Item(target, null, key, null, null);
        }

        public boolean isStored() {
            return input == null && key != null;
        }
    }
}
