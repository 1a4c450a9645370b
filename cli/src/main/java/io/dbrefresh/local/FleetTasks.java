package io.dbrefresh.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.steps.StepFunction;
import io.dbrefresh.steps.StepHandler;
import io.dbrefresh.steps.StepRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Answers the Tasks of the fleet state machine ({@code statemachine/fleet.asl.json}) in a local
 * run, as the Step Functions service integrations it names answer them on AWS:
 * <ul>
 *   <li>{@code states:startExecution.sync:2}: the refresh state machine runs as a child local
 *       execution, to its end; the Task gets what DescribeExecution says of it, with {@code Input}
 *       and {@code Output} as JSON (the {@code :2} form). A child that did not succeed fails the
 *       Task with {@code States.TaskFailed} and that description (its {@code Error} and
 *       {@code Cause} included) as the cause, as on AWS;</li>
 *   <li>{@code dynamodb:putItem} and {@code sns:publish}: the same request through the SDK, to
 *       whatever the clients point at (moto);</li>
 *   <li>{@code lambda:invoke}: the step registry's function in-process (the fleet's first step,
 *       which aligns it).</li>
 * </ul>
 */
final class FleetTasks implements TaskInvoker {

    static final String START_EXECUTION_SYNC = "arn:aws:states:::states:startExecution.sync:2";
    static final String PUT_ITEM = "arn:aws:states:::dynamodb:putItem";
    static final String PUBLISH = "arn:aws:states:::sns:publish";
    static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    private static final String FUNCTION = ":function:dbrefresh-";

    /** Runs one child execution of the refresh state machine to its end. */
    @FunctionalInterface
    interface Children {
        Child run(String inputJson) throws Exception;
    }

    /**
     * How a child execution ended.
     *
     * @param output its output as JSON, or null when it did not succeed
     */
    record Child(String executionArn, String name, String status, Instant started, Instant stopped, String output,
                 String error, String cause) {
    }

    private final String refreshStateMachineArn;
    private final Children children;
    private final DynamoDbClient dynamoDb;
    private final SnsClient sns;
    private final StepEnvironment env;
    private final Map<String, StepHandler<?, ?>> handlers = new ConcurrentHashMap<>();

    /**
     * @param env what the fleet's own functions (its first step, {@code AlignFleet}) are built for,
     *     as {@link LocalExecution} builds the refresh state machine's
     */
    FleetTasks(String refreshStateMachineArn, Children children, DynamoDbClient dynamoDb, SnsClient sns, StepEnvironment env) {
        this.refreshStateMachineArn = refreshStateMachineArn;
        this.children = children;
        this.dynamoDb = dynamoDb;
        this.sns = sns;
        this.env = env;
    }

    @Override
    public String invoke(String stateName, String resource, String inputJson) throws Exception {
        JsonNode input = Json.MAPPER.readTree(inputJson);
        return switch (resource) {
            case START_EXECUTION_SYNC -> startExecutionSync(input);
            case PUT_ITEM -> putItem(input);
            case PUBLISH -> publish(input);
            case LAMBDA_INVOKE -> invokeFunction(stateName, input);
            default -> throw new IllegalStateException("state " + stateName + ": the fleet's local run does not answer " + resource);
        };
    }

    private String startExecutionSync(JsonNode request) throws Exception {
        String arn = request.path("StateMachineArn").asText();
        if (!refreshStateMachineArn.equals(arn)) {
            throw new IntegrationFailure("StepFunctions.StateMachineDoesNotExistException", "State Machine Does Not Exist: '" + arn + "'");
        }
        JsonNode childInput = request.path("Input");
        Child child = children.run(childInput.isTextual() ? childInput.asText() : childInput.toString());
        ObjectNode described = Json.MAPPER.createObjectNode();
        described.put("ExecutionArn", child.executionArn());
        described.put("StateMachineArn", arn);
        described.put("Name", child.name());
        described.put("Status", child.status());
        described.put("StartDate", child.started().toEpochMilli());
        described.put("StopDate", child.stopped().toEpochMilli());
        described.set("Input", childInput.isTextual() ? Json.MAPPER.readTree(childInput.asText()) : childInput);
        described.putObject("InputDetails").put("Included", true);
        if ("SUCCEEDED".equals(child.status())) {
            described.set("Output", child.output() == null ? null : Json.MAPPER.readTree(child.output()));
            described.putObject("OutputDetails").put("Included", true);
            return described.toString();
        }
        described.put("Error", child.error());
        described.put("Cause", child.cause());
        throw new IntegrationFailure("States.TaskFailed", described.toString());
    }

    /** A function of the step registry, in-process; the engine puts its answer under {@code Payload} as Lambda does. */
    private String invokeFunction(String stateName, JsonNode request) throws Exception {
        String arn = request.path("FunctionName").asText();
        String name = arn.substring(arn.lastIndexOf(FUNCTION) + FUNCTION.length());
        StepFunction function = StepRegistry.byName(name)
                .orElseThrow(() -> new IllegalStateException("no step function named " + name + " (state " + stateName + ")"));
        return handlers.computeIfAbsent(name, n -> function.instantiate(env)).handle(request.path("Payload").toString());
    }

    private String putItem(JsonNode request) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        request.path("Item").fields().forEachRemaining(e -> item.put(e.getKey(), attribute(e.getValue())));
        dynamoDb.putItem(PutItemRequest.builder().tableName(request.path("TableName").asText()).item(item).build());
        return "{}";
    }

    private String publish(JsonNode request) {
        String id = sns.publish(PublishRequest.builder().topicArn(request.path("TopicArn").asText())
                .subject(request.path("Subject").isMissingNode() ? null : request.path("Subject").asText())
                .message(request.path("Message").asText()).build()).messageId();
        return Json.MAPPER.createObjectNode().put("MessageId", id).toString();
    }

    /** An attribute in DynamoDB's JSON form ({@code {"S": "..."}}, {@code {"N": "1"}}, ...), as the Task's Parameters give it. */
    static AttributeValue attribute(JsonNode typed) {
        Map.Entry<String, JsonNode> only = typed.fields().next();
        JsonNode v = only.getValue();
        return switch (only.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(strings(v));
            case "NS" -> AttributeValue.fromNs(strings(v));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(e -> list.add(attribute(e)));
                yield AttributeValue.fromL(list);
            }
            case "M" -> {
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                v.fields().forEachRemaining(e -> map.put(e.getKey(), attribute(e.getValue())));
                yield AttributeValue.fromM(map);
            }
            default -> throw new IllegalArgumentException("not a DynamoDB attribute type: " + only.getKey());
        };
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        ((ArrayNode) array).forEach(e -> list.add(e.asText()));
        return list;
    }
}
