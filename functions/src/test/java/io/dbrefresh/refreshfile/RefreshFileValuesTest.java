package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Booleans and numbers in every form a refresh file may spell them, and the forms it may not. */
class RefreshFileValuesTest {

    static Stream<Arguments> booleans() {
        return Stream.of(
                Arguments.of(true, true),
                Arguments.of(false, false),
                Arguments.of("true", true),
                Arguments.of("false", false),
                Arguments.of("True", true),
                Arguments.of("False", false),
                Arguments.of("TRUE", true),
                Arguments.of("FALSE", false),
                Arguments.of("tRuE", true));
    }

    @ParameterizedTest
    @MethodSource("booleans")
    void boolean_isReadFromJsonBooleansAndStringsInAnyCase(Object given, boolean expected) {
        RefreshPlan plan = Fixture.of("rds.json").with("/restore/iamdbauth", given).with("/restore/multiaz", given).plan();

        assertThat(plan.restore().iamAuth()).isEqualTo(expected);
        assertThat(plan.restore().multiAz()).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("booleans")
    void torun_decidesWhetherTheStepRuns_inEveryBooleanForm(Object given, boolean expected) {
        RefreshPlan plan = Fixture.of("rds.json").with("/rename/torun", given).plan();

        assertThat(plan.runs(StepId.RENAME_DATABASE)).isEqualTo(expected);
    }

    static Stream<Object> notBooleans() {
        return Stream.of("yes", "no", "1", 1, 0, "", " true", "t", new int[] {1});
    }

    @ParameterizedTest
    @MethodSource("notBooleans")
    void boolean_inAnyOtherForm_isAnErrorAtItsPath_neverADefault(Object given) {
        RefreshFileResult result = Fixture.of("rds.json").with("/restore/iamdbauth", given).read();

        assertThat(result.plan()).isNull();
        assertThat(result.errors()).extracting(Problem::path).containsExactly("/restore/iamdbauth");
        assertThat(result.errors().get(0).message()).contains("true or false");
    }

    @Test
    void number_isReadFromAJsonNumber() {
        assertThat(Fixture.of("rds.json").with("/restore/port", 3307).plan().restore().port()).isEqualTo(3307);
    }

    @Test
    void number_isReadFromAStringOfDigits() {
        RefreshPlan plan = Fixture.of("rds.json").with("/restore/port", "3307").with("/rename/wait_time", "45").plan();

        assertThat(plan.restore().port()).isEqualTo(3307);
        assertThat(plan.step(StepId.RENAME_DATABASE).waitSeconds()).isEqualTo(45);
    }

    static Stream<Object> notWholeNumbers() {
        return Stream.of(3307.5, "3307.0", "33o7", "-3307", "", "3 307", true, 99_999_999_999L, "99999999999999");
    }

    @ParameterizedTest
    @MethodSource("notWholeNumbers")
    void number_inAnyOtherForm_isAnErrorAtItsPath(Object given) {
        RefreshFileResult result = Fixture.of("rds.json").with("/restore/port", given).read();

        assertThat(result.errors()).extracting(Problem::path).containsExactly("/restore/port");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3601, 99_999})
    void waitTime_outside1To3600_isAnError(int wait) {
        RefreshFileResult result = Fixture.of("rds.json").with("/rename/wait_time", wait).read();

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("/rename/wait_time");
            assertThat(p.message()).contains("from 1 to 3600");
        });
    }

    @Test
    void jsonNull_isAnError_notTheSameAsLeavingTheKeyOut() {
        RefreshFileResult result = Fixture.of("rds.json").withNull("/restore/port").read();

        assertThat(result.errors()).extracting(Problem::path).containsExactly("/restore/port");
    }

    @Test
    void text_mustBeAString() {
        RefreshFileResult result = Fixture.of("rds.json").with("/restore/subgrp", 12).read();

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("/restore/subgrp");
            assertThat(p.message()).startsWith("must be a string");
        });
    }
}
