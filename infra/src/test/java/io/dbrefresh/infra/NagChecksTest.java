package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

class NagChecksTest {

    static List<String> deployments() {
        return List.of("defaults", "fullyConfigured");
    }

    private static TestDeployments.Synthesized deployment(String name) {
        return name.equals("defaults") ? TestDeployments.defaults() : TestDeployments.fullyConfigured();
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void awsSolutionsChecks_reportNoUnsuppressedError(String name) {
        List<SynthesisMessage> errors = Annotations.fromStack(deployment(name).stack())
                .findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void awsSolutionsChecks_reportNoUnsuppressedWarning(String name) {
        List<SynthesisMessage> warnings = Annotations.fromStack(deployment(name).stack())
                .findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(warnings).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void theStack_hasNoWarningAtAll(String name) {
        List<SynthesisMessage> warnings = Annotations.fromStack(deployment(name).stack())
                .findWarning("*", Match.anyValue());
        assertThat(warnings).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("deployments")
    @SuppressWarnings("unchecked")
    void everySuppression_carriesAWrittenReason(String name) {
        Map<String, Object> resources = (Map<String, Object>) deployment(name).template().toJSON().get("Resources");
        long suppressions = 0;
        for (Object r : resources.values()) {
            Map<String, Object> resource = (Map<String, Object>) r;
            Map<String, Object> metadata = (Map<String, Object>) resource.getOrDefault("Metadata", Map.of());
            Map<String, Object> nag = (Map<String, Object>) metadata.getOrDefault("cdk_nag", Map.of());
            for (Object s : (List<Object>) nag.getOrDefault("rules_to_suppress", List.of())) {
                suppressions++;
                assertThat((String) ((Map<String, Object>) s).get("reason")).hasSizeGreaterThan(40);
            }
        }
        assertThat(suppressions).isPositive();
    }
}
