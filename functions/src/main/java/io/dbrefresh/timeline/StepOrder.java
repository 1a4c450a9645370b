package io.dbrefresh.timeline;

import java.util.List;

import io.dbrefresh.refreshfile.StepId;

/** The two orders the timeline compares: the one the state machine runs, and the original solution's. */
public enum StepOrder {
    /** The copy is built, given its password and masked beside the old target, then swapped in: {@link StepId}'s order. */
    SAFE(List.of(StepId.values())),
    /** The seed solution's: stop, restore, delete, rename, and only then the password and the scripts. */
    ORIGINAL(List.of(StepId.DELETE_REPLICAS, StepId.STOP_OLD_DATABASE, StepId.PERFORM_RESTORE, StepId.CREATE_INSTANCE,
            StepId.DELETE_OLD_DATABASE, StepId.DELETE_OLD_CLUSTER, StepId.RENAME_CLUSTER, StepId.RENAME_DATABASE, StepId.FIX_TAGS,
            StepId.CREATE_READ_REPLICAS, StepId.CHANGE_ADMIN_PWD, StepId.ROTATE_ADMIN_PWD, StepId.RUN_SCRIPTS,
            StepId.UPDATE_DYNAMODB, StepId.SEND_MSG));

    private final List<StepId> steps;

    StepOrder(List<StepId> steps) {
        this.steps = steps;
    }

    public List<StepId> steps() {
        return steps;
    }
}
