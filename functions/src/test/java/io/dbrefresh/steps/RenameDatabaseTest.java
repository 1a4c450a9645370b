package io.dbrefresh.steps;

import static io.dbrefresh.rds.RdsStubs.arn;
import static io.dbrefresh.rds.RdsStubs.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.dbrefresh.execution.StepResult;
import io.dbrefresh.rds.InstanceRename;
import io.dbrefresh.rds.RdsStubs;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.testing.Plans;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

class RenameDatabaseTest extends StepHandlerFixture {

    private final RenameDatabase handler = new RenameDatabase(env);

    @Test
    void start_renamesThePlansTempToTheTarget() {
        RdsStubs.describes(rds, instance("qatemp", "available").build());
        RdsStubs.tags(rds, arn("qatemp"), Map.of("dbrefresh:execution", EXECUTION));

        StepResult result = handler.handle(input(Plans.plan("prod", "qa", Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), null, null)));

        ArgumentCaptor<ModifyDbInstanceRequest> modify = ArgumentCaptor.forClass(ModifyDbInstanceRequest.class);
        verify(rds).modifyDBInstance(modify.capture());
        assertThat(modify.getValue().dbInstanceIdentifier()).isEqualTo("qatemp");
        assertThat(modify.getValue().newDBInstanceIdentifier()).isEqualTo("qa");
        assertThat(result.resource()).isEqualTo("qa");
        assertThat(result.acted()).isTrue();
    }
}
