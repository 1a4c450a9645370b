package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** restore.keeptemponfailure: recovery keeps a failed run's temp copy for debugging. */
class KeepTempOnFailureTest {

    @Test
    void absent_recoveryRemovesTheTempCopy() {
        assertThat(Fixture.of("rds.json").with("/restore/keeptemponfailure", null).plan().restore().keepTempOnFailure()).isFalse();
    }

    @Test
    void true_recoveryKeepsTheTempCopy() {
        assertThat(Fixture.of("rds.json").with("/restore/keeptemponfailure", "True").plan().restore().keepTempOnFailure()).isTrue();
    }

    @Test
    void notABoolean_isAnError() {
        RefreshFileResult result = Fixture.of("rds.json").with("/restore/keeptemponfailure", "sometimes").read();

        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).anySatisfy(p -> assertThat(p.toString()).contains("keeptemponfailure"));
    }
}
