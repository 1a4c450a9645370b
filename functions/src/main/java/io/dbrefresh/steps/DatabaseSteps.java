package io.dbrefresh.steps;

import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;

/**
 * The starts of the steps an instance refresh and a cluster refresh share, one implementation
 * per service ({@link InstanceSteps}, {@link ClusterSteps}), chosen once per plan by
 * {@link DatabaseServices}: the handlers never ask which service they serve.
 */
interface DatabaseSteps {

    StepResult deleteReplicas(StepInput input);

    StepResult performRestore(StepInput input);

    StepResult deleteOldDatabase(StepInput input);

    StepResult renameDatabase(StepInput input);

    StepResult fixTags(StepInput input);

    StepResult createReadReplicas(StepInput input);
}
