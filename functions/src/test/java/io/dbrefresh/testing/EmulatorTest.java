package io.dbrefresh.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmulatorTest {

    private static final URI LOCALSTACK = URI.create("http://127.0.0.1:4566");

    @Test
    void nothingSet_selectsMoto() {
        assertThat(Emulator.parse(null, null)).isEqualTo(Emulator.MOTO);
        assertThat(Emulator.parse(" ", "")).isEqualTo(Emulator.MOTO);
    }

    @Test
    void environment_selectsLocalStack() {
        assertThat(Emulator.parse(null, "localstack")).isEqualTo(Emulator.LOCALSTACK);
        assertThat(Emulator.parse(null, " LocalStack ")).isEqualTo(Emulator.LOCALSTACK);
    }

    @Test
    void property_winsOverEnvironment() {
        assertThat(Emulator.parse("moto", "localstack")).isEqualTo(Emulator.MOTO);
        assertThat(Emulator.parse("localstack", "moto")).isEqualTo(Emulator.LOCALSTACK);
    }

    @Test
    void unknownEmulator_failsNamingTheChoices() {
        assertThatThrownBy(() -> Emulator.parse(null, "minio"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minio").hasMessageContaining("moto or localstack").hasMessageContaining(Emulator.ENV);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dynamodb", "sns", "sqs", "s3", "secretsmanager", "ssm"})
    void withLocalStack_itsFreeServicesGoToLocalStack(String service) {
        assertThat(Emulator.LOCALSTACK.serving(service)).isEqualTo(Emulator.LOCALSTACK);
        assertThat(Emulators.routes(Emulator.LOCALSTACK, LOCALSTACK)).containsEntry(service, LOCALSTACK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rds", "ec2", "sts"})
    void withLocalStack_rdsAndWhatItNeedsStayOnMoto(String service) {
        assertThat(Emulator.LOCALSTACK.serving(service)).isEqualTo(Emulator.MOTO);
        assertThat(Emulators.routes(Emulator.LOCALSTACK, LOCALSTACK)).doesNotContainKey(service);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rds", "ec2", "dynamodb", "sns", "sqs", "s3", "secretsmanager", "ssm"})
    void withMoto_everyServiceIsOnMoto(String service) {
        assertThat(Emulator.MOTO.serving(service)).isEqualTo(Emulator.MOTO);
        assertThat(Emulators.routes(Emulator.MOTO, LOCALSTACK)).isEqualTo(Map.of());
    }
}
