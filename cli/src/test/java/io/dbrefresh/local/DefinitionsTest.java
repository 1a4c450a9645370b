package io.dbrefresh.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void substitute_replacesEveryPlaceholder_andLeavesPathsAlone() throws Exception {
        String asl = """
                {"A": "${StartFunctionArn}", "B": "${StartFunctionArn}", "C.$": "$$.Execution.Id", "D.$": "$.plan"}
                """;

        String resolved = Definitions.substitute(asl, Map.of("StartFunctionArn", "arn:aws:lambda:eu-west-1:1:function:f"));

        assertThat(JSON.readTree(resolved)).isEqualTo(JSON.readTree("""
                {"A": "arn:aws:lambda:eu-west-1:1:function:f", "B": "arn:aws:lambda:eu-west-1:1:function:f",
                 "C.$": "$$.Execution.Id", "D.$": "$.plan"}
                """));
    }

    @Test
    void substitute_escapesValuesSoTheJsonStringStaysValid() throws Exception {
        String asl = "{\"Comment\": \"${Note}\"}";

        JsonNode resolved = JSON.readTree(Definitions.substitute(asl, Map.of("Note", "say \"hi\" \\ bye")));

        assertThat(resolved.path("Comment").asText()).isEqualTo("say \"hi\" \\ bye");
    }

    @Test
    void substitute_namesEveryPlaceholderLeftWithoutAValue() {
        String asl = LocalEngineTest.fixture("restore-job.asl.json");

        assertThatThrownBy(() -> Definitions.substitute(asl, Map.of("StartFunctionArn", "arn:start")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The state machine definition has placeholders with no value: "
                        + "[${CheckFunctionArn}, ${RecoverFunctionArn}]");
    }

    @Test
    void placeholders_listsTheNamesInTheDefinition() {
        assertThat(Definitions.placeholders(LocalEngineTest.fixture("restore-job.asl.json")))
                .containsExactly("CheckFunctionArn", "RecoverFunctionArn", "StartFunctionArn");
    }

    @Test
    void requireResolved_acceptsAFullySubstitutedDefinition() {
        Definitions.requireResolved(LocalEngineTest.restoreJob());

        assertThat(Definitions.placeholders(LocalEngineTest.restoreJob())).isEmpty();
    }
}
