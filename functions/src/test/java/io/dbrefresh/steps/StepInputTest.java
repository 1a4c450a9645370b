package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.StepInput;
import io.dbrefresh.refreshfile.Json;

class StepInputTest {

    @Test
    void legacyPassword_isReadFromTheRefreshFile_inTheFirstBlockThatHasOne() throws Exception {
        StepInput in = Json.MAPPER.readValue("""
                {"step": "changeAdminPwd",
                 "refreshFile": {"changeadminpwd": {"temppwd": "Legacy-Pass-1"}, "runscripts": {"access": "secret"}}}
                """, StepInput.class);

        assertThat(in.legacyPassword("changemasterpwd", "changeadminpwd")).isEqualTo("Legacy-Pass-1");
        assertThat(in.legacyPassword("runscripts")).isNull();
    }

    @Test
    void legacyPassword_withoutTheRefreshFile_isNull() throws Exception {
        StepInput in = Json.MAPPER.readValue("{\"step\": \"changeAdminPwd\"}", StepInput.class);

        assertThat(in.legacyPassword("changemasterpwd")).isNull();
    }
}
