package io.dbrefresh.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.dbrefresh.steps.StepRegistry;

/** The real state machine file: valid ASL, and every placeholder is a registered function. */
class RefreshDefinitionTest {

    private static final Path ASL = EngineDirectory.findHome().resolve("statemachine/refresh.asl.json");

    @Test
    void refreshDefinition_passesAslValidator() {
        assertThat(new AslValidator().validate(ASL)).isEmpty();
    }

    @Test
    void everyPlaceholder_isAFunctionOfTheStepRegistry() throws Exception {
        Set<String> placeholders = Definitions.placeholders(Files.readString(ASL));
        Set<String> registered = StepRegistry.all().stream().map(f -> f.placeholder()).collect(Collectors.toSet());
        assertThat(placeholders).isNotEmpty();
        assertThat(registered).containsAll(placeholders);
        assertThat(placeholders).containsAll(StepRegistry.all().stream()
                .filter(f -> f.step() != null || f == StepRegistry.VALIDATE || f == StepRegistry.CHECK || f == StepRegistry.RECOVER)
                .map(f -> f.placeholder()).toList());
    }
}
