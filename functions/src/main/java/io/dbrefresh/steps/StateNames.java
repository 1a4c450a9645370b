package io.dbrefresh.steps;

/**
 * The names of the state machine's own states (beside one per step) and its whole-execution
 * bound: the generator writes them, the handlers that must know where a run stands read them.
 */
public final class StateNames {

    /** Whole-execution bound: two days. Each step's own bound is its timeout, in seconds from its start. */
    public static final int EXECUTION_TIMEOUT_SECONDS = 172_800;

    public static final String VALIDATE = "validate-refresh-file";
    public static final String ACQUIRE_LOCK = "acquire-lock";
    public static final String LOCKED = "target-locked";
    public static final String GUARD = "guard-target";
    public static final String PREFLIGHT = "preflight";
    /** Across accounts only (restore.sourceaccount): the shared copy is made before perform-restore, removed after it. */
    public static final String SHARE_SOURCE = "share-source";
    public static final String REMOVE_SOURCE_COPIES = "remove-source-copies";
    /** Between the scripts and the swap: the copy is verified, or the old target is never touched. */
    public static final String VERIFY_COPY = "verify-copy";
    public static final String STEP_FAILED = "step-failed";
    public static final String RECOVER = "recover";
    public static final String RECORD_FAILURE = "update-dynamodb-failure";
    public static final String NOTIFY_FAILURE = "send-msg-failure";
    public static final String INVALID = "refresh-file-invalid";
    public static final String FAILED = "refresh-failed";
    public static final String FAILURE_CAUSE = "failure-cause?";
    public static final String STEP_CAUSE = "failure-cause";
    public static final String SUCCEEDED = "refresh-complete";
    /** Suffix of the Pass each step's Tasks catch to: it names the step in {@code $.error.State}. */
    public static final String FAILED_AT = ": failed";

    private StateNames() {
    }
}
