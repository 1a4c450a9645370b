package io.dbrefresh.fleet;

import io.dbrefresh.refreshfile.RefreshPlan;

/**
 * One refresh of a fleet: its file as the fleet names it, the file's text (the execution's
 * input) and its validated plan.
 *
 * @param file where the refresh file is, as shown to people (relative to the fleet file's folder when it is inside)
 */
public record FleetMember(String file, String json, RefreshPlan plan) {

    /** The target this member refreshes: one per fleet. */
    public String target() {
        return plan.target();
    }
}
