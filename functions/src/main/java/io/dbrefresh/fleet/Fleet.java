package io.dbrefresh.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated fleet: the refreshes it runs and how. The CLI, the fleet state machine's input
 * and the console all start from this one value.
 *
 * @param name           the fleet's name
 * @param members        its refreshes, in the order the files were named (or found, by file name)
 * @param maxConcurrency how many run at the same time at most
 * @param tolerance      how many may fail before the fleet stops starting new ones
 * @param order          environments in the order they are refreshed (empty: all together)
 * @param maxAge         the freshness target, or null when the fleet has none
 * @param alignment      whether, and to when, the refreshes are aligned
 */
public record Fleet(String name, List<FleetMember> members, int maxConcurrency, Tolerance tolerance, List<String> order,
                    Duration maxAge, Alignment alignment) {

    public static final int DEFAULT_MAX_CONCURRENCY = 4;

    public Fleet {
        members = List.copyOf(members);
        order = List.copyOf(order);
    }

    /**
     * The refreshes in waves: one per environment of {@code order}, in that order, then one of
     * every environment it does not list. Every refresh of a wave ends before the next starts.
     */
    public List<List<FleetMember>> waves() {
        Map<String, List<FleetMember>> byEnvironment = new LinkedHashMap<>();
        order.forEach(e -> byEnvironment.put(e, new ArrayList<>()));
        List<FleetMember> unlisted = new ArrayList<>();
        for (FleetMember m : members) {
            List<FleetMember> wave = byEnvironment.get(m.plan().environment());
            (wave != null ? wave : unlisted).add(m);
        }
        List<List<FleetMember>> waves = new ArrayList<>();
        byEnvironment.values().stream().filter(w -> !w.isEmpty()).map(List::copyOf).forEach(waves::add);
        if (!unlisted.isEmpty()) {
            waves.add(List.copyOf(unlisted));
        }
        return waves;
    }

    /** The failures allowed in this fleet. */
    public int failuresAllowed() {
        return tolerance.allowed(members.size());
    }
}
