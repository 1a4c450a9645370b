package io.dbrefresh.fleet;

import java.time.Instant;

import io.dbrefresh.refreshfile.RefreshPlan;

/**
 * A fleet's refresh as it runs: its refresh file, rewritten to the fleet's common time when
 * the fleet is aligned, and the plan of that file.
 *
 * @param json     the execution's input: the member's file, or its aligned form
 * @param dataTime the time the copy's data will be of when known before the run (aligned: the common
 *                 time, or the chosen snapshot's time); null otherwise
 * @param snapshot the snapshot an aligned snapshot refresh restores, else null
 */
public record AlignedMember(FleetMember member, String json, RefreshPlan plan, Instant dataTime, String snapshot) {

    /** A member of a fleet that is not aligned: its file as it is. */
    public static AlignedMember asItIs(FleetMember m) {
        return new AlignedMember(m, m.json(), m.plan(), null, null);
    }
}
