package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.rds.model.DBInstance;

/** restore.keeptemponfailure: a failed restore's temp copy stays for debugging; the old target still runs again. */
class KeepTempEndToEndIT {

    @Test
    void restoreThatTurnsIncompatible_withKeepTemp_keepsTheCopyAndRestartsTheOldTarget() throws Exception {
        JsonNode file = Json.MAPPER.readTree(LocalWorld.fixture("rds-latestpoint.json"));
        ((ObjectNode) file.get("restore")).put("keeptemponfailure", true);
        StatusSequence statuses = new StatusSequence("mysqlinstdtemp", true, "incompatible-restore");
        try (LocalWorld world = LocalWorld.seededWith(Json.MAPPER.writeValueAsString(file), statuses)) {
            ExecutionResult result = world.run("e2e-keep-temp");

            assertThat(result.status()).isEqualTo("FAILED");
            var rds = Emulators.clients().rds();
            DBInstance temp = rds.describeDBInstances(b -> b.dbInstanceIdentifier("mysqlinstdtemp")).dbInstances().get(0);
            assertThat(temp.tagList()).anySatisfy(t -> {
                assertThat(t.key()).isEqualTo("dbrefresh:execution");
                assertThat(t.value()).isEqualTo("e2e-keep-temp");
            });
            assertThat(rds.describeDBInstances(b -> b.dbInstanceIdentifier("mysqlinstd")).dbInstances().get(0).dbInstanceStatus())
                    .isEqualTo("available");
            assertThat(world.historyRows().get(0).get("recovery").s()).contains("kept the temp copy mysqlinstdtemp");
        }
    }
}
