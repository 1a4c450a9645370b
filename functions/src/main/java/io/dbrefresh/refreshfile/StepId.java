package io.dbrefresh.refreshfile;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The refresh steps in the order they run, each with the refresh-file block that configures
 * it. The order is the safe one, not the seed solution's: the copy is restored under the
 * temporary name while the old target keeps serving, gets its own admin password and its
 * scripts there, and only then replaces the old target (replicas, stop, delete, rename).
 * The plan, the state machine and the step registry all use these ids (camelCase, as they appear in {@code $.plan.steps} and {@code $.results}).
 */
public enum StepId {
    // built beside the old target, which keeps serving: the copy under its temporary name
    PERFORM_RESTORE("performRestore", "perform-restore", "restore", true),
    CREATE_INSTANCE("createInstance", "create-instance", "createinstance", true),
    CHANGE_ADMIN_PWD("changeAdminPwd", "change-admin-pwd", "changemasterpwd", true),
    RUN_SCRIPTS("runScripts", "runscripts", "runscripts", true),
    // the swap, only once the copy has its own password and its scripts succeeded
    DELETE_REPLICAS("deleteReplicas", "delete-replicas", "deletereplicas", true),
    STOP_OLD_DATABASE("stopOldDatabase", "stop-old-database", "stopdb", true),
    DELETE_OLD_DATABASE("deleteOldDatabase", "delete-old-database", "delete", true),
    DELETE_OLD_CLUSTER("deleteOldCluster", "delete-old-cluster", "deletecluster", true),
    RENAME_CLUSTER("renameCluster", "rename-cluster", "renamecluster", true),
    RENAME_DATABASE("renameDatabase", "rename-database", "rename", true),
    // after the swap: the copy holds the target's name
    FIX_TAGS("fixTags", "fix-tags", "fixtags", true),
    CREATE_READ_REPLICAS("createReadReplicas", "create-read-replicas", "createreplicas", true),
    ROTATE_ADMIN_PWD("rotateAdminPwd", "rotate-admin-pwd", "rotatemasterpwd", true),
    UPDATE_DYNAMODB("updateDynamoDb", "update-dynamodb", "updatedynamodb", false),
    SEND_MSG("sendMsg", "send-msg", "sendmsg", false);

    /** The first step of the swap: verify-copy, which every execution enters, runs right before it. */
    public static final StepId SWAP_STARTS_AT = DELETE_REPLICAS;

    private final String id;
    private final String displayName;
    private final String block;
    private final boolean polled;

    StepId(String id, String displayName, String block, boolean polled) {
        this.id = id;
        this.displayName = displayName;
        this.block = block;
        this.polled = polled;
    }

    /** The key in {@code $.plan.steps} and {@code $.results}. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The step's name as the seed post and the docs write it. */
    public String displayName() {
        return displayName;
    }

    /** The refresh-file block that configures this step (canonical spelling). */
    public String block() {
        return block;
    }

    /** True when the step is a job: start, wait, check; false for a single task. */
    public boolean polled() {
        return polled;
    }

    public static StepId fromId(String id) {
        for (StepId s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown step: " + id);
    }
}
