package io.dbrefresh.steps;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.CopyDetails;
import io.dbrefresh.refreshfile.StepId;

/**
 * What an instance refresh and a cluster refresh both do, one implementation per service
 * ({@link InstanceSteps}, {@link ClusterSteps}), chosen once per plan by
 * {@link DatabaseServices}: the starts of the shared steps, their checks, the recovery and the
 * description of the refreshed copy. The handlers never ask which service they serve.
 */
interface DatabaseSteps {

    StepResult deleteReplicas(StepInput input);

    StepResult performRestore(StepInput input);

    StepResult deleteOldDatabase(StepInput input);

    StepResult renameDatabase(StepInput input);

    StepResult fixTags(StepInput input);

    StepResult createReadReplicas(StepInput input);

    /** The check of each RDS step of this service, by step. */
    Map<StepId, StepCheck> checks();

    /** Puts the world back in a safe state after a failure, from the results so far. */
    Recovery recover(StepInput input);

    /** The refreshed copy under the target's name as RDS describes it now; empty when it is not there. */
    Optional<CopyDetails> describe(String target);

    /**
     * What a recovery did.
     *
     * @param actions   one line per action taken
     * @param oldDataAt where the old target's data is now
     */
    record Recovery(List<String> actions, String oldDataAt) {

        public Recovery {
            actions = List.copyOf(actions);
        }
    }
}
