package io.dbrefresh.infra;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** The committed fleet definition, which the local engine runs, is the one the CDK app deploys. */
class FleetDefinitionTest {

    @Test
    void committedDefinition_isTheGeneratedOne() throws IOException {
        CommittedDefinition.assertIsGenerated("fleet.asl.json", FleetDefinition.json(), "by FleetDefinition", FleetDefinitionTest.class);
    }
}
