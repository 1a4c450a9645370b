package io.dbrefresh.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lambda functions for the engine tests, answering lambda:invoke Tasks by FunctionName with
 * scripted answers; the last answer given for a function repeats. Records every call.
 */
final class ScriptedFunctions implements TaskInvoker {

    static final ObjectMapper JSON = new ObjectMapper();

    @FunctionalInterface
    interface Answer {
        String apply(JsonNode payload) throws Exception;
    }

    /** A Task's call; a Resource naming the function directly takes the whole input as the payload. */
    record Call(String state, String resource, JsonNode input) {
        boolean viaLambdaInvoke() {
            return resource.equals("arn:aws:states:::lambda:invoke");
        }

        String functionName() {
            return viaLambdaInvoke() ? input.path("FunctionName").asText() : resource;
        }

        JsonNode payload() {
            return viaLambdaInvoke() ? input.path("Payload") : input;
        }
    }

    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    ScriptedFunctions on(String functionName, Answer... script) {
        answers.computeIfAbsent(functionName, name -> new ArrayDeque<>()).addAll(List.of(script));
        return this;
    }

    static Answer returns(String json) {
        return payload -> json;
    }

    static Answer fails(Exception exception) {
        return payload -> {
            throw exception;
        };
    }

    @Override
    public String invoke(String stateName, String resource, String inputJson) throws Exception {
        Call call = new Call(stateName, resource, JSON.readTree(inputJson));
        calls.add(call);
        Deque<Answer> script;
        synchronized (answers) {
            script = answers.get(call.functionName());
        }
        if (script == null || script.isEmpty()) {
            throw new IllegalStateException("No answer scripted for " + call.functionName());
        }
        Answer answer;
        synchronized (script) {
            answer = script.size() > 1 ? script.poll() : script.peek();
        }
        return answer.apply(call.payload());
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    List<Call> callsTo(String functionName) {
        return calls().stream().filter(call -> call.functionName().equals(functionName)).toList();
    }
}
