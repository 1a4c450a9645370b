package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.ThrottledException;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.steps.StateNames;
import io.dbrefresh.steps.StepRegistry;

class StateMachineDefinitionTest {

    @Test
    void committedDefinition_isTheGeneratedOne() throws IOException {
        CommittedDefinition.assertIsGenerated("refresh.asl.json", StateMachineDefinition.json(), "from the step registry",
                StateMachineDefinitionTest.class);
    }

    @Test
    void everyTask_hasTimeoutRetryByNameAndCatch() {
        ObjectNode states = (ObjectNode) StateMachineDefinition.build().get("States");
        List<String> tasks = new ArrayList<>();
        states.fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            if (!"Task".equals(s.get("Type").asText())) {
                return;
            }
            tasks.add(e.getKey());
            assertThat(s.get("TimeoutSeconds").asInt()).as(e.getKey()).isPositive();
            assertThat(s.get("Retry").toString()).as(e.getKey())
                    .contains("Lambda.TooManyRequestsException", ThrottledException.class.getName());
            assertThat(s.get("Catch")).as(e.getKey() + " has a Catch").isNotNull();
            assertThat(s.get("Resource").asText()).startsWith("${").endsWith("FunctionArn}");
        });
        assertThat(tasks).contains("validate-refresh-file", "perform-restore", "perform-restore: check", "recover",
                "update-dynamodb-failure", "send-msg-failure");
    }

    @Test
    void pollLoop_goesStartChoiceWaitCheckChoice() {
        JsonNode states = StateMachineDefinition.build().get("States");
        // the first rules of perform-restore's Choices are the cross-account ones (acrossAccounts_...)
        JsonNode run = states.get("perform-restore?").get("Choices");
        assertThat(run.get(run.size() - 1).get("Variable").asText()).isEqualTo("$.plan.steps.performRestore.run");
        assertThat(states.get("perform-restore").get("Next").asText()).isEqualTo("perform-restore: done?");
        JsonNode done = states.get("perform-restore: done?");
        assertThat(done.get("Default").asText()).isEqualTo("perform-restore: wait");
        assertThat(done.get("Choices").get(done.get("Choices").size() - 1).get("Next").asText()).isEqualTo("step-failed");
        assertThat(states.get("perform-restore: wait").get("SecondsPath").asText()).isEqualTo("$.results.performRestore.waitSeconds");
        assertThat(states.get("perform-restore: check").get("Next").asText()).isEqualTo("perform-restore: done?");
        assertThat(states.get("perform-restore: check").get("ResultPath").asText()).isEqualTo("$.results.performRestore");
    }

    @Test
    void stepsRunInSeedOrder() {
        JsonNode states = StateMachineDefinition.build().get("States");
        List<String> order = new ArrayList<>();
        // the guard sits between the results map and the first step: nothing runs before it
        assertThat(states.get("start-results").get("Next").asText()).isEqualTo("guard-target");
        assertThat(states.get("guard-target").get("Catch").get(0).get("Next").asText()).isEqualTo("guard-target: failed");
        // pre-flight follows the guard: read-only, and still before any step
        assertThat(states.get("guard-target").get("Next").asText()).isEqualTo("preflight");
        assertThat(states.get("preflight").get("Catch").get(0).get("Next").asText()).isEqualTo("preflight: failed");
        String at = states.get("preflight").get("Next").asText();
        while (at.endsWith("?") || at.equals("verify-copy")) {
            if (at.equals("verify-copy")) {
                order.add(at);
                at = states.get(at).get("Next").asText();
                continue;
            }
            order.add(at.substring(0, at.length() - 1));
            at = states.get(at).get("Default").asText();
        }
        List<String> expected = new ArrayList<>(StepRegistry.steps().stream().map(f -> f.step().displayName()).toList());
        // the verification sits between the copy's scripts and the swap
        expected.add(expected.indexOf("delete-replicas"), "verify-copy");
        assertThat(order).isEqualTo(expected);
        List<Integer> ordinals = StepRegistry.steps().stream().map(f -> f.step().ordinal()).toList();
        assertThat(ordinals).isSorted();
    }

    @Test
    void acrossAccounts_theCopyIsSharedBeforePerformRestore_andRemovedOnceItIsDone_inPerformRestoresOwnChoices() {
        JsonNode states = StateMachineDefinition.build().get("States");

        JsonNode run = states.get("perform-restore?");
        assertThat(run.get("Choices").get(0).toString()).contains("$.plan.restore.sourceAccount", "IsNull", "$.plan.steps.performRestore.run");
        assertThat(run.get("Choices").get(1).get("Next").asText()).as("any other refresh").isEqualTo("perform-restore");
        JsonNode begin = states.get(run.get("Choices").get(0).get("Next").asText());
        assertThat(begin.get("Next").asText()).isEqualTo(StateNames.SHARE_SOURCE);
        JsonNode share = states.get(StateNames.SHARE_SOURCE);
        assertThat(share.get("ResultPath").asText()).isEqualTo("$.sourceShare");
        assertThat(share.get("Parameters").get("previous.$").asText()).isEqualTo("$.sourceShare");
        assertThat(share.get("Catch").get(0).get("Next").asText()).isEqualTo(StateNames.SHARE_SOURCE + ": failed");
        JsonNode done = states.get(share.get("Next").asText());
        assertThat(done.get("Choices").get(0).get("Next").asText()).isEqualTo("perform-restore");
        assertThat(states.get(done.get("Default").asText()).get("Next").asText()).isEqualTo(StateNames.SHARE_SOURCE);

        JsonNode restored = states.get("perform-restore: done?");
        assertThat(restored.get("Choices").get(0).toString()).contains("$.plan.restore.sourceAccount", "SUCCEEDED");
        assertThat(restored.get("Choices").get(0).get("Next").asText()).isEqualTo(StateNames.REMOVE_SOURCE_COPIES);
        assertThat(restored.get("Choices").get(1).get("Next").asText()).as("any other refresh").isEqualTo("create-instance?");
        JsonNode remove = states.get(StateNames.REMOVE_SOURCE_COPIES);
        assertThat(remove.get("Next").asText()).isEqualTo("create-instance?");
        assertThat(remove.get("Catch").get(0).get("Next").asText()).isEqualTo(StateNames.REMOVE_SOURCE_COPIES + ": failed");
    }

    @Test
    void verifyCopy_followsTheScriptsWhenTheyRanOrNot_andItsFailureGoesToRecoveryNamingIt() {
        JsonNode states = StateMachineDefinition.build().get("States");
        assertThat(states.get("runscripts: done?").get("Choices").get(0).get("Next").asText()).isEqualTo("verify-copy");
        assertThat(states.get("runscripts?").get("Default").asText()).isEqualTo("verify-copy");
        JsonNode verify = states.get("verify-copy");
        assertThat(verify.get("Type").asText()).isEqualTo("Task");
        assertThat(verify.get("Resource").asText()).isEqualTo("${" + StepRegistry.VERIFY_COPY.placeholder() + "}");
        assertThat(verify.get("Next").asText()).isEqualTo("delete-replicas?");
        // a legacy temppwd is only in the execution input: the verification logs in with it too
        assertThat(verify.get("Parameters").get("refreshFile.$").asText()).isEqualTo("$$.Execution.Input");
        JsonNode c = verify.get("Catch").get(0);
        assertThat(c.get("ErrorEquals").get(0).asText()).isEqualTo("States.ALL");
        assertThat(states.get(c.get("Next").asText()).get("Result").asText()).isEqualTo("verify-copy");
        assertThat(states.get(c.get("Next").asText()).get("Next").asText()).isEqualTo("recover");
    }

    @Test
    void resultsMap_usesStepIdsAsKeys() throws IOException {
        Map<StepId, StepResult> results = Map.of(StepId.PERFORM_RESTORE,
                new StepResult("performRestore", StepStatus.IN_PROGRESS, 5, 0, null, null, null, "x", null, null, null, true));
        String json = Json.MAPPER.writeValueAsString(results);
        assertThat(json).contains("\"performRestore\"");
        StepInput back = Json.MAPPER.readValue("{\"results\":" + json + ",\"step\":\"performRestore\"}", StepInput.class);
        assertThat(back.result(StepId.PERFORM_RESTORE).waitSeconds()).isEqualTo(5);
        assertThat(back.step()).isEqualTo(StepId.PERFORM_RESTORE);
    }

    @Test
    void everyStepTask_catchesToAPassThatNamesItsStep_beforeRecovery() {
        JsonNode states = StateMachineDefinition.build().get("States");
        for (String task : List.of("guard-target", "preflight", "perform-restore", "perform-restore: check", "delete-old-database: check")) {
            String step = task.replace(": check", "");
            JsonNode c = states.get(task).get("Catch").get(0);
            assertThat(c.get("ResultPath").asText()).as(task).isEqualTo("$.error");
            JsonNode pass = states.get(c.get("Next").asText());
            assertThat(pass.get("Type").asText()).as(task).isEqualTo("Pass");
            assertThat(pass.get("Result").asText()).as(task).isEqualTo(step);
            assertThat(pass.get("ResultPath").asText()).as(task).isEqualTo("$.error.State");
            assertThat(pass.get("Next").asText()).as(task).isEqualTo("recover");
        }
        // recovery passes $.error whole, the state's name with it
        assertThat(states.get("recover").get("Parameters").get("error.$").asText()).isEqualTo("$.error");
    }

    @Test
    void noStateIsUnreachableOrDangling() {
        JsonNode states = StateMachineDefinition.build().get("States");
        List<String> names = new ArrayList<>();
        states.fieldNames().forEachRemaining(names::add);
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            e.getValue().findValues("Next").forEach(n -> assertThat(names).as("target of " + e.getKey()).contains(n.asText()));
            if (e.getValue().has("Default")) {
                assertThat(names).contains(e.getValue().get("Default").asText());
            }
        }
    }
}
