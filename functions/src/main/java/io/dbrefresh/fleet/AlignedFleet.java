package io.dbrefresh.fleet;

import java.time.Instant;
import java.util.List;

/**
 * A fleet ready to run: each refresh's input, aligned when the fleet asks for it.
 *
 * @param fleet      the fleet
 * @param commonTime the one point in time every refresh restores to (null: not aligned)
 * @param members    in the fleet's member order
 */
public record AlignedFleet(Fleet fleet, Instant commonTime, List<AlignedMember> members) {

    public AlignedFleet {
        members = List.copyOf(members);
    }

    /** The member that refreshes {@code target}. */
    public AlignedMember member(String target) {
        return members.stream().filter(m -> m.plan().target().equals(target)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no refresh of " + target + " in fleet " + fleet.name()));
    }
}
