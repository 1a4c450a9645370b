package io.dbrefresh.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.steps.StateNames;

/**
 * The fleet state machine's definition: the refresh state machine once per refresh file, as
 * child executions ({@code states:startExecution.sync:2}), wave by wave (an outer Map, one
 * wave at a time), the refreshes of a wave in an inner Map bounded by the fleet's concurrency.
 * Each child is isolated: its failure is caught and becomes its result, so the others go on;
 * the child's own recovery, lock, history row and message are the refresh state machine's.
 * At the end, one history row for the fleet run and one message listing every target with its
 * result; the fleet FAILS when more refreshes failed than its tolerance allows.
 *
 * <p>The input is prepared by {@code dbrefresh start --fleet FILE} from a fleet file (its
 * refresh files read, validated and, when aligned, rewritten to the common time):
 * {@code {"fleet": {"name", "tolerance", "commonTime"}, "maxConcurrency": N, "waves": [[{"target", "input"}]]}}.
 */
final class FleetDefinition {

    static final String REFRESH_ARN = "RefreshStateMachineArn";
    static final String TABLE = "HistoryTableName";
    static final String TOPIC = "TopicArn";

    /** A week: waves run one after another, each as long as its slowest refresh. */
    static final int FLEET_TIMEOUT_SECONDS = 7 * 24 * 3600;

    private static final ObjectMapper JSON = new ObjectMapper();

    private FleetDefinition() {
    }

    static String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("Comment", "dbrefresh fleet: every refresh file of a fleet as a child execution of the refresh state machine,"
                + " wave by wave, bounded concurrency, each failure isolated, one summary");
        root.put("StartAt", "waves");
        root.put("TimeoutSeconds", FLEET_TIMEOUT_SECONDS);
        ObjectNode states = root.putObject("States");

        ObjectNode waves = states.putObject("waves");
        waves.put("Type", "Map");
        waves.put("ItemsPath", "$.waves");
        waves.put("MaxConcurrency", 1);
        ObjectNode waveSelector = waves.putObject("ItemSelector");
        waveSelector.put("wave.$", "$$.Map.Item.Value");
        waveSelector.put("maxConcurrency.$", "$.maxConcurrency");
        ObjectNode waveProcessor = waves.putObject("ItemProcessor");
        waveProcessor.putObject("ProcessorConfig").put("Mode", "INLINE");
        waveProcessor.put("StartAt", "refreshes");
        ObjectNode refreshes = waveProcessor.putObject("States").putObject("refreshes");
        refreshes.put("Type", "Map");
        refreshes.put("ItemsPath", "$.wave");
        refreshes.put("MaxConcurrencyPath", "$.maxConcurrency");
        refreshes.put("End", true);
        ObjectNode itemProcessor = refreshes.putObject("ItemProcessor");
        itemProcessor.putObject("ProcessorConfig").put("Mode", "INLINE");
        itemProcessor.put("StartAt", "refresh");
        ObjectNode item = itemProcessor.putObject("States");
        ObjectNode refresh = item.putObject("refresh");
        refresh.put("Type", "Task");
        refresh.put("Resource", "arn:aws:states:::states:startExecution.sync:2");
        ObjectNode parameters = refresh.putObject("Parameters");
        parameters.put("StateMachineArn", "${" + REFRESH_ARN + "}");
        parameters.put("Input.$", "$.input");
        refresh.put("ResultPath", "$.child");
        // a child is bounded by its own execution timeout; this only outlasts it, so the child's own end is what is seen
        refresh.put("TimeoutSeconds", StateNames.EXECUTION_TIMEOUT_SECONDS + 600);
        ArrayNode catches = refresh.putArray("Catch");
        ObjectNode catchAll = catches.addObject();
        catchAll.putArray("ErrorEquals").add("States.ALL");
        catchAll.put("ResultPath", "$.error");
        catchAll.put("Next", "failed");
        refresh.put("Next", "succeeded");
        ObjectNode succeeded = item.putObject("succeeded");
        succeeded.put("Type", "Pass");
        ObjectNode ok = succeeded.putObject("Parameters");
        ok.put("target.$", "$.target");
        ok.put("status", "SUCCEEDED");
        ok.put("execution.$", "$.child.ExecutionArn");
        succeeded.put("End", true);
        ObjectNode failed = item.putObject("failed");
        failed.put("Type", "Pass");
        ObjectNode ko = failed.putObject("Parameters");
        ko.put("target.$", "$.target");
        ko.put("status", "FAILED");
        ko.put("error.$", "$.error.Error");
        failed.put("End", true);
        waves.put("ResultPath", "$.waves");
        waves.put("Next", "count");

        ObjectNode count = states.putObject("count");
        count.put("Type", "Pass");
        ObjectNode counted = count.putObject("Parameters");
        counted.put("fleet.$", "$.fleet");
        counted.put("results.$", "$.waves[*][*]");
        counted.put("failed.$", "$.waves[*][?(@.status == 'FAILED')]");
        count.put("Next", "tally");
        ObjectNode tally = states.putObject("tally");
        tally.put("Type", "Pass");
        ObjectNode tallied = tally.putObject("Parameters");
        tallied.put("fleet.$", "$.fleet");
        tallied.put("results.$", "$.results");
        tallied.put("failedCount.$", "States.ArrayLength($.failed)");
        tallied.put("total.$", "States.ArrayLength($.results)");
        tally.put("Next", "within-tolerance");

        ObjectNode choice = states.putObject("within-tolerance");
        choice.put("Type", "Choice");
        ObjectNode within = choice.putArray("Choices").addObject();
        within.put("Variable", "$.failedCount");
        within.put("NumericLessThanEqualsPath", "$.fleet.tolerance");
        within.put("Next", "fleet-succeeded");
        choice.put("Default", "fleet-failed");
        status(states, "fleet-succeeded", "SUCCEEDED");
        status(states, "fleet-failed", "FAILED");

        ObjectNode record = states.putObject("record");
        record.put("Type", "Task");
        record.put("Resource", "arn:aws:states:::dynamodb:putItem");
        ObjectNode put = record.putObject("Parameters");
        put.put("TableName", "${" + TABLE + "}");
        ObjectNode row = put.putObject("Item");
        row.putObject("dbinstance").put("S.$", "States.Format('fleet#{}', $.fleet.name)");
        row.putObject("restoredate").put("S.$", "$$.Execution.StartTime");
        row.putObject("status").put("S.$", "$.status");
        row.putObject("execution").put("S.$", "$$.Execution.Id");
        row.putObject("failedcount").put("N.$", "States.Format('{}', $.failedCount)");
        row.putObject("targetcount").put("N.$", "States.Format('{}', $.total)");
        row.putObject("targets").put("S.$", "States.JsonToString($.results)");
        record.putNull("ResultPath");
        record.put("TimeoutSeconds", 60);
        retry(record);
        record.put("Next", "notify");

        ObjectNode notify = states.putObject("notify");
        notify.put("Type", "Task");
        notify.put("Resource", "arn:aws:states:::sns:publish");
        ObjectNode publish = notify.putObject("Parameters");
        publish.put("TopicArn", "${" + TOPIC + "}");
        publish.put("Subject.$", "States.Format('dbrefresh fleet {} {}', $.fleet.name, $.status)");
        publish.put("Message.$", "States.Format('Fleet {} {}: {} of {} refreshes failed (tolerance {}). Every target: {}',"
                + " $.fleet.name, $.status, $.failedCount, $.total, $.fleet.tolerance, States.JsonToString($.results))");
        notify.putNull("ResultPath");
        notify.put("TimeoutSeconds", 60);
        retry(notify);
        notify.put("Next", "outcome");

        ObjectNode outcome = states.putObject("outcome");
        outcome.put("Type", "Choice");
        ObjectNode good = outcome.putArray("Choices").addObject();
        good.put("Variable", "$.status");
        good.put("StringEquals", "SUCCEEDED");
        good.put("Next", "done");
        outcome.put("Default", "too-many-failures");
        states.putObject("done").put("Type", "Succeed");
        ObjectNode fail = states.putObject("too-many-failures");
        fail.put("Type", "Fail");
        fail.put("Error", "FleetToleranceExceeded");
        fail.put("Cause", "more refreshes of the fleet failed than its tolerance allows; the history row and the message list every target");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void status(ObjectNode states, String name, String status) {
        ObjectNode s = states.putObject(name);
        s.put("Type", "Pass");
        s.put("Result", status);
        s.put("ResultPath", "$.status");
        s.put("Next", "record");
    }

    private static void retry(ObjectNode task) {
        ObjectNode r = task.putArray("Retry").addObject();
        r.putArray("ErrorEquals").add("States.TaskFailed");
        r.put("IntervalSeconds", 2);
        r.put("MaxAttempts", 3);
        r.put("BackoffRate", 2.0);
    }
}
