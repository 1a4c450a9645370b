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
    void pollLoop_goesStartWaitCheckChoice_andBackToTheWaitWhileUnderWay() {
        JsonNode states = StateMachineDefinition.build().get("States");
        // every start answers IN_PROGRESS (with a wait of 0 when it left nothing pending): no Choice after it
        assertThat(states.get("perform-restore").get("Next").asText()).isEqualTo("perform-restore: wait");
        assertThat(states.get("perform-restore: wait").get("SecondsPath").asText()).isEqualTo("$.results.performRestore.waitSeconds");
        assertThat(states.get("perform-restore: wait").get("Next").asText()).isEqualTo("perform-restore: check");
        assertThat(states.get("perform-restore: check").get("Next").asText()).isEqualTo("perform-restore: done?");
        assertThat(states.get("perform-restore: check").get("ResultPath").asText()).isEqualTo("$.results.performRestore");
        JsonNode done = states.get("perform-restore: done?");
        assertThat(done.get("Default").asText()).isEqualTo("perform-restore: wait");
        assertThat(done.get("Choices").get(done.get("Choices").size() - 1).get("Next").asText()).isEqualTo("step-failed");
        StepRegistry.steps().stream().filter(f -> f.step().polled()).map(f -> f.step().displayName()).forEach(step ->
                assertThat(states.get(step).get("Next").asText()).as(step).isEqualTo(step + ": wait"));
    }

    @Test
    void stepsRunInSeedOrder_whenTheFileRunsThemAll() {
        JsonNode states = StateMachineDefinition.build().get("States");
        List<String> order = new ArrayList<>();
        // the lock starts the results map; the guard runs before anything else
        assertThat(states.get("acquire-lock").get("Next").asText()).isEqualTo("guard-target");
        assertThat(states.get("guard-target").get("Catch").get(0).get("Next").asText()).isEqualTo("guard-target: failed");
        // pre-flight follows the guard: read-only, and still before any step
        assertThat(states.get("guard-target").get("Next").asText()).isEqualTo("preflight");
        assertThat(states.get("preflight").get("Catch").get(0).get("Next").asText()).isEqualTo("preflight: failed");
        String at = states.get("preflight").get("Next").asText();
        while (!at.equals(StateNames.SUCCEEDED)) {
            JsonNode state = states.get(at);
            if ("Choice".equals(state.get("Type").asText())) {
                at = firstRuleOfThisAccount(state).get("Next").asText();
                continue;
            }
            order.add(at);
            at = states.has(at + ": done?") ? at + ": done?" : state.get("Next").asText();
        }
        List<String> expected = new ArrayList<>(StepRegistry.steps().stream().map(f -> f.step().displayName()).toList());
        // the verification sits between the copy's scripts and the swap
        expected.add(expected.indexOf("delete-replicas"), "verify-copy");
        assertThat(order).isEqualTo(expected);
        List<Integer> ordinals = StepRegistry.steps().stream().map(f -> f.step().ordinal()).toList();
        assertThat(ordinals).isSorted();
    }

    /** The first rule of a Choice that is not the one for a source in another account. */
    private static JsonNode firstRuleOfThisAccount(JsonNode choice) {
        for (JsonNode rule : choice.get("Choices")) {
            if (!rule.toString().contains("sourceAccount")) {
                return rule;
            }
        }
        throw new AssertionError("no rule for this account in " + choice);
    }

    @Test
    void aSkippedStepEntersNoState_eachDoneGoesToTheNextStepThatRuns_inOrder() {
        JsonNode states = StateMachineDefinition.build().get("States");
        List<String> names = StepRegistry.steps().stream().map(f -> f.step().displayName()).toList();
        List<String> ids = StepRegistry.steps().stream().map(f -> f.step().id()).toList();
        int swap = names.indexOf("delete-replicas");
        for (int i = 0; i < names.size(); i++) {
            if (!StepRegistry.steps().get(i).step().polled()) {
                continue;
            }
            int end = i < swap ? swap : names.size();
            List<String> targets = new ArrayList<>();
            for (JsonNode rule : states.get(names.get(i) + ": done?").get("Choices")) {
                if (rule.toString().contains("sourceAccount")) {
                    continue;
                }
                targets.add(rule.get("Next").asText());
                if (rule.has("And")) {
                    // once this step succeeded, a later step when the file runs it
                    assertThat(rule.get("And").get(0).get("Variable").asText()).isEqualTo("$.results." + ids.get(i) + ".status");
                    assertThat(rule.get("And").get(0).get("StringEquals").asText()).isEqualTo("SUCCEEDED");
                    String next = rule.get("Next").asText();
                    assertThat(rule.get("And").get(1).get("Variable").asText())
                            .isEqualTo("$.plan.steps." + ids.get(names.indexOf(next)) + ".run");
                    assertThat(rule.get("And").get(1).get("BooleanEquals").asBoolean()).isTrue();
                }
            }
            List<String> expected = new ArrayList<>(names.subList(i + 1, end));
            expected.add(i < swap ? StateNames.VERIFY_COPY : StateNames.SUCCEEDED);
            expected.add(StateNames.STEP_FAILED);
            assertThat(targets).as(names.get(i) + ": done?").isEqualTo(expected);
        }
        // where a Task names one next state, a Choice picks the first step that runs: after pre-flight, verify-copy, a single task
        JsonNode first = states.get(states.get("preflight").get("Next").asText());
        assertThat(first.get("Default").asText()).isEqualTo(StateNames.VERIFY_COPY);
        assertThat(first.get("Choices").get(first.get("Choices").size() - 1).get("Next").asText()).isEqualTo("runscripts");
        JsonNode swapFirst = states.get(states.get(StateNames.VERIFY_COPY).get("Next").asText());
        assertThat(swapFirst.get("Choices").get(0).get("Next").asText()).isEqualTo("delete-replicas");
        assertThat(swapFirst.get("Default").asText()).isEqualTo(StateNames.SUCCEEDED);
        JsonNode afterHistory = states.get(states.get("update-dynamodb").get("Next").asText());
        assertThat(afterHistory.get("Choices").get(0).get("Variable").asText()).isEqualTo("$.plan.steps.sendMsg.run");
        assertThat(afterHistory.get("Choices").get(0).get("Next").asText()).isEqualTo("send-msg");
        assertThat(afterHistory.get("Default").asText()).isEqualTo(StateNames.SUCCEEDED);
        // and no step has a run Choice of its own that nothing enters
        assertThat(states.has("stop-old-database?")).isFalse();
    }

    @Test
    void acrossAccounts_theCopyIsSharedBeforePerformRestore_andRemovedOnceItIsDone_inPerformRestoresOwnChoices() {
        JsonNode states = StateMachineDefinition.build().get("States");

        JsonNode run = states.get("perform-restore?");
        assertThat(run.get("Choices").get(0).toString()).contains("$.plan.restore.sourceAccount", "IsNull", "$.plan.steps.performRestore.run");
        assertThat(run.get("Choices").get(0).get("Next").asText()).isEqualTo(StateNames.SHARE_SOURCE);
        assertThat(run.get("Choices").get(1).get("Next").asText()).as("any other refresh").isEqualTo("perform-restore");
        JsonNode share = states.get(StateNames.SHARE_SOURCE);
        assertThat(share.get("ResultPath").asText()).isEqualTo("$.sourceShare");
        // the first call has no result of its own to pass; each later call passes the last
        assertThat(share.get("Parameters").has("previous.$")).isFalse();
        assertThat(share.get("Catch").get(0).get("Next").asText()).isEqualTo(StateNames.SHARE_SOURCE + ": failed");
        JsonNode done = states.get(share.get("Next").asText());
        assertThat(done.get("Choices").get(0).get("Next").asText()).isEqualTo("perform-restore");
        JsonNode wait = states.get(done.get("Default").asText());
        JsonNode again = states.get(wait.get("Next").asText());
        assertThat(wait.get("Next").asText()).isEqualTo(StateNames.SHARE_SOURCE + ": check");
        assertThat(again.get("Resource")).isEqualTo(share.get("Resource"));
        assertThat(again.get("ResultPath").asText()).isEqualTo("$.sourceShare");
        assertThat(again.get("Parameters").get("previous.$").asText()).isEqualTo("$.sourceShare");
        assertThat(again.get("Next").asText()).isEqualTo(share.get("Next").asText());
        assertThat(again.get("Catch").get(0).get("Next").asText()).isEqualTo(StateNames.SHARE_SOURCE + ": failed");

        JsonNode restored = states.get("perform-restore: done?");
        assertThat(restored.get("Choices").get(0).toString()).contains("$.plan.restore.sourceAccount", "SUCCEEDED");
        assertThat(restored.get("Choices").get(0).get("Next").asText()).isEqualTo(StateNames.REMOVE_SOURCE_COPIES);
        assertThat(restored.get("Choices").get(1).get("Next").asText()).as("any other refresh").isEqualTo("create-instance");
        JsonNode remove = states.get(StateNames.REMOVE_SOURCE_COPIES);
        assertThat(remove.get("Next").asText()).isEqualTo("create-instance?");
        assertThat(states.get("create-instance?").get("Default").asText()).isEqualTo(StateNames.VERIFY_COPY);
        assertThat(remove.get("Catch").get(0).get("Next").asText()).isEqualTo(StateNames.REMOVE_SOURCE_COPIES + ": failed");
    }

    @Test
    void verifyCopy_followsTheScriptsWhenTheyRanOrNot_andItsFailureGoesToRecoveryNamingIt() {
        JsonNode states = StateMachineDefinition.build().get("States");
        JsonNode scriptsDone = states.get("runscripts: done?").get("Choices").get(0);
        assertThat(scriptsDone.get("Next").asText()).isEqualTo("verify-copy");
        assertThat(scriptsDone.get("StringEquals").asText()).isEqualTo("SUCCEEDED");
        assertThat(states.get("perform-restore?").get("Default").asText()).as("no step of the copy runs").isEqualTo("verify-copy");
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
        for (String task : List.of("guard-target", "preflight", "perform-restore", "perform-restore: check", "delete-old-database: check",
                "share-source", "share-source: check")) {
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
        ObjectNode definition = StateMachineDefinition.build();
        JsonNode states = definition.get("States");
        List<String> names = new ArrayList<>();
        states.fieldNames().forEachRemaining(names::add);
        java.util.Set<String> targets = new java.util.HashSet<>(List.of(definition.get("StartAt").asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            e.getValue().findValues("Next").forEach(n -> assertThat(names).as("target of " + e.getKey()).contains(n.asText()));
            e.getValue().findValues("Next").forEach(n -> targets.add(n.asText()));
            if (e.getValue().has("Default")) {
                assertThat(names).contains(e.getValue().get("Default").asText());
                targets.add(e.getValue().get("Default").asText());
            }
        }
        // Step Functions refuses a definition with a state nothing enters
        assertThat(targets).containsAll(names);
    }
}
