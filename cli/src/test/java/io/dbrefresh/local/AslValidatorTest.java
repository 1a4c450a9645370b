package io.dbrefresh.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrefresh.local.AslValidator.AslError;
import org.junit.jupiter.api.Test;

class AslValidatorTest {

    private final AslValidator validator = new AslValidator();

    @Test
    void validate_acceptsTheFixtureWithItsPlaceholders() {
        assertThat(validator.validate(LocalEngineTest.fixture("restore-job.asl.json"))).isEmpty();
    }

    @Test
    void validate_reportsATransitionToAMissingState() {
        assertThat(validator.validate(LocalEngineTest.fixture("broken-transition.asl.json")))
                .contains(new AslError("MISSING_TRANSITION_TARGET", "Missing 'StartAt'|'Next'|'Default' target: WaitForRestor"));
    }

    @Test
    void validate_reportsATaskWithoutResource() {
        assertThat(validator.validate(LocalEngineTest.fixture("broken-schema.asl.json")))
                .extracting(AslError::code, AslError::message)
                .contains(org.assertj.core.groups.Tuple.tuple("SCHEMA_VALIDATION_FAILED",
                        "/States/StartRestore is invalid. must match exactly one schema in oneOf"));
    }

    @Test
    void validate_reportsMalformedJson() {
        assertThat(validator.validate("{\"StartAt\": ")).extracting(AslError::code).containsExactly("INVALID_JSON");
    }
}
