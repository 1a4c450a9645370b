package io.dbrefresh.infra;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.aws.ThrottledException;
import io.dbrefresh.steps.StateNames;
import io.dbrefresh.steps.StepRegistry;

/**
 * Builds {@code statemachine/fleet.asl.json}, the fleet state machine's definition: the refresh
 * state machine once per refresh file, as child executions ({@code states:startExecution.sync:2}),
 * wave by wave, the refreshes of a wave in a Map bounded by the fleet's concurrency. Each child
 * is isolated: its failure is caught and becomes its result, so the others go on; the child's own
 * recovery, lock, history row and message are the refresh state machine's. After each wave the
 * failures so far are counted: beyond the fleet's tolerance no later wave starts (its refreshes
 * are NOT_STARTED). At the end, one history row for the fleet run and one message listing every
 * target with its result; the fleet FAILS when more refreshes failed than its tolerance allows.
 * A fleet that cannot be aligned (its first step fails: a source missing, or without a point in
 * time or a snapshot to align to) starts no refresh and still ends with its one row and its one
 * message, every refresh NOT_STARTED and the reason in both, then fails with the alignment's own error.
 *
 * <p>The CDK app deploys this output, and the local engine runs the committed file, which a test
 * keeps equal to it: one definition for both.
 *
 * <p>The input is prepared by {@code dbrefresh start --fleet FILE} from a fleet file (its
 * refresh files read and validated), or given by a schedule:
 * {@code {"fleet": {"name", "tolerance", "size", "align", "alignTo"}, "maxConcurrency": N, "waves": [[{"target", "input"}]]}};
 * its first step ({@code AlignFleet}) chooses an aligned fleet's common time when it runs and
 * rewrites every refresh file to it. A fleet too large for its files to travel in its state has
 * them stored in S3: its items are {@code {"target", "key"}} and {@code fleet.bucket} names the
 * bucket; each iteration reads its own file through the same function, aligned to the common time.
 *
 * <p>The refreshes of a wave run in a Distributed Map (each a child workflow execution of its own,
 * up to the fleet's concurrency, which may pass an inline Map's 40); its items come from the state
 * ({@code ItemsPath}), not from an ItemReader, so the local engine, which runs every Map inline and
 * has no ItemReader, runs this same definition.
 *
 * <p>The loop is written out with Pass states because an inline Map cannot see its other
 * iterations' results (ToleratedFailureCount is for Distributed Maps only, and a caught child
 * is no failure to it): the state carries the waves, the index of the next one and the results
 * so far. Failures are counted with a JSONPath filter over the results plus one FAILED probe,
 * minus one, because a filter that matches nothing is an error rather than an empty list; the
 * probe has no target, so a filter on the target leaves it out of the results again.
 */
public final class FleetDefinition {

    static final String REFRESH_ARN = "RefreshStateMachineArn";
    static final String ALIGN_ARN = StepRegistry.ALIGN_FLEET.placeholder();
    static final String TABLE = "HistoryTableName";
    static final String TOPIC = "TopicArn";
    /** The fleet row's status attribute. */
    public static final String FLEET_STATUS = "fleetstatus";

    public static final String ALIGN = "align-fleet";
    public static final String TAKE_WAVE = "take-wave";
    public static final String REFRESHES = "refreshes";
    public static final String REFRESH = "refresh";
    public static final String READ_FILE = "read-file";
    public static final String EXPLAIN_FAILURE = "explain-failure";
    public static final String NOT_STARTED = "not-started";
    public static final String NOT_ALIGNED = "not-aligned";
    public static final String RECORD = "record";
    public static final String NOTIFY = "notify";

    /** A week: waves run one after another, each as long as its slowest refresh. */
    static final int FLEET_TIMEOUT_SECONDS = 7 * 24 * 3600;

    /** What the state carries from wave to wave (besides the results). */
    private static final String[] CARRIED = {"fleet", "maxConcurrency", "waves", "waveCount", "probe"};

    private FleetDefinition() {
    }

    /** The definition as pretty JSON, with {@code ${...}} placeholders for the refresh state machine, table and topic. */
    public static String json() {
        return StateMachineDefinition.pretty(build());
    }

    public static ObjectNode build() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("Comment", "dbrefresh fleet: every refresh file of a fleet as a child execution of the refresh state machine,"
                + " wave by wave, bounded concurrency, each failure isolated, no later wave beyond the tolerance, one summary."
                + " Generated by FleetDefinition; do not edit by hand.");
        root.put("StartAt", ALIGN);
        root.put("TimeoutSeconds", FLEET_TIMEOUT_SECONDS);
        ObjectNode states = root.putObject("States");

        ObjectNode align = fleetFunction(states, ALIGN, "$");
        align.put("Comment", "An aligned fleet chooses its common point in time now, as it runs, and every refresh file is"
                + " rewritten to it; a fleet that is not aligned passes as it is. A failure ends the fleet before any refresh starts.");
        // a fleet that cannot be aligned still ends with its one row and its one message, every refresh NOT_STARTED
        caught(align, "$.alignment", NOT_ALIGNED);
        align.put("Next", "prepare");

        ObjectNode start = fields(pass(states, "prepare", TAKE_WAVE).putObject("Parameters"), "fleet.$", "$.fleet",
                "maxConcurrency.$", "$.maxConcurrency", "waves.$", "$.waves", "waveCount.$", "States.ArrayLength($.waves)");
        start.put("wave", 0);
        start.putArray("results");
        start.putArray("probe").addObject().put("status", "FAILED");

        ObjectNode take = pass(states, TAKE_WAVE, REFRESHES);
        take.putObject("Parameters").put("items.$", "States.ArrayGetItem($.waves, $.wave)");
        take.put("ResultPath", "$.current");

        ObjectNode refreshes = states.putObject(REFRESHES);
        refreshes.put("Type", "Map");
        refreshes.put("Comment", "Distributed: each refresh is a child workflow execution of its own (its events in its own"
                + " history, up to 10,000 at a time; an inline Map runs at most 40). The items are the wave's, from the state:"
                + " a refresh file, or the S3 key of one for a large fleet.");
        refreshes.put("ItemsPath", "$.current.items");
        ObjectNode selector = refreshes.putObject("ItemSelector");
        selector.put("fleet.$", "$.fleet");
        selector.put("maxConcurrency.$", "$.maxConcurrency");
        selector.put("item.$", "$$.Map.Item.Value");
        refreshes.put("MaxConcurrencyPath", "$.maxConcurrency");
        refreshes.set("ItemProcessor", refreshProcessor());
        refreshes.put("ResultPath", "$.current.results");
        refreshes.put("Next", "merge");

        // each wave's end: its results merged with the probe, the failures among them counted (the probe keeps the list
        // non-empty), and the probe, which has no target, left out again; the state holds each result once, and each
        // failure once more as the word FAILED
        carried(states, "merge", "count", "States.MathAdd($.wave, 1)", "States.Array($.results, $.current.results, $.probe)",
                null, null);
        carried(states, "count", "tally", "$.wave", "$.results[*][?(@.target)]",
                "failed.$", "$.results[*][?(@.status == 'FAILED')].status");
        carried(states, "tally", "next-wave", "$.wave", "$.results",
                "failedCount.$", "States.MathAdd(States.ArrayLength($.failed), -1)");

        ObjectNode next = states.putObject("next-wave");
        next.put("Type", "Choice");
        ArrayNode choices = next.putArray("Choices");
        ObjectNode stop = choices.addObject();
        ArrayNode both = stop.putArray("And");
        both.addObject().put("Variable", "$.failedCount").put("NumericGreaterThanPath", "$.fleet.tolerance");
        both.addObject().put("Variable", "$.wave").put("NumericLessThanPath", "$.waveCount");
        stop.put("Next", NOT_STARTED);
        choices.addObject().put("Variable", "$.failedCount").put("NumericGreaterThanPath", "$.fleet.tolerance")
                .put("Next", "fleet-failed");
        choices.addObject().put("Variable", "$.wave").put("NumericLessThanPath", "$.waveCount").put("Next", TAKE_WAVE);
        next.put("Default", "fleet-succeeded");

        ObjectNode skip = states.putObject(NOT_STARTED);
        skip.put("Type", "Map");
        skip.put("Comment", "Beyond the tolerance: every refresh of the waves not reached is NOT_STARTED.");
        skip.put("ItemsPath", "$.waves");
        ObjectNode skipSelector = skip.putObject("ItemSelector");
        skipSelector.put("index.$", "$$.Map.Item.Index");
        skipSelector.put("items.$", "$$.Map.Item.Value");
        skipSelector.put("from.$", "$.wave");
        skip.set("ItemProcessor", notStartedProcessor());
        skip.put("ResultPath", "$.skipped");
        skip.put("Next", "list-not-started");
        ObjectNode list = pass(states, "list-not-started", "add-not-started");
        list.putObject("Parameters").put("items.$", "$.skipped[*][*]");
        list.put("ResultPath", "$.skipped");
        fields(pass(states, "add-not-started", "with-not-started").putObject("Parameters"), "fleet.$", "$.fleet",
                "failedCount.$", "$.failedCount", "results.$", "States.Array($.results, $.skipped.items)");
        fields(pass(states, "with-not-started", "fleet-failed").putObject("Parameters"), "fleet.$", "$.fleet",
                "failedCount.$", "$.failedCount", "results.$", "$.results[*][*]");

        ObjectNode unaligned = states.putObject(NOT_ALIGNED);
        unaligned.put("Type", "Map");
        unaligned.put("Comment", "The fleet could not be aligned: no refresh starts, every one is NOT_STARTED.");
        unaligned.put("ItemsPath", "$.waves");
        unaligned.putObject("ItemSelector").put("items.$", "$$.Map.Item.Value");
        ObjectNode everyWave = Json.MAPPER.createObjectNode();
        everyWave.putObject("ProcessorConfig").put("Mode", "INLINE");
        everyWave.put("StartAt", "skip-unaligned-wave");
        everyWave.putObject("States").set("skip-unaligned-wave", skipWave("skip-unaligned"));
        unaligned.set("ItemProcessor", everyWave);
        unaligned.put("ResultPath", "$.skipped");
        unaligned.put("Next", "list-not-aligned");
        ObjectNode listUnaligned = pass(states, "list-not-aligned", "explain-alignment");
        ObjectNode listed = listUnaligned.putObject("Parameters");
        listed.put("fleet.$", "$.fleet");
        listed.put("alignment.$", "$.alignment");
        listed.put("status", "FAILED");
        listed.put("failedCount", 0);
        listed.put("results.$", "$.skipped[*][*]");
        // the alignment's cause is a Lambda error document with a stack trace: the reason keeps one line of it
        ObjectNode alignmentPayload = Json.MAPPER.createObjectNode();
        alignmentPayload.put("fleet.$", "$.fleet");
        alignmentPayload.put("maxConcurrency", 1);
        alignmentPayload.putObject("item").put("target.$", "$.fleet.name").put("failure.$", "$.alignment");
        ObjectNode explainAlignment = fleetFunction(states, "explain-alignment", null);
        ((ObjectNode) explainAlignment.get("Parameters")).set("Payload", alignmentPayload);
        explainAlignment.remove("OutputPath");
        explainAlignment.putObject("ResultSelector").put("text.$", "$.Payload.item.reason");
        explainAlignment.put("ResultPath", "$.alignmentReason");
        caught(explainAlignment, "$.unexplained", "alignment-unexplained");
        explainAlignment.put("Next", "explain-not-aligned");
        ObjectNode unexplained = pass(states, "alignment-unexplained", "explain-not-aligned");
        unexplained.putObject("Parameters").put("text.$", "$.alignment.Error");
        unexplained.put("ResultPath", "$.alignmentReason");
        ObjectNode explained = fields(pass(states, "explain-not-aligned", RECORD).putObject("Parameters"), "fleet.$", "$.fleet",
                "alignment.$", "$.alignment", "status.$", "$.status", "failedCount.$", "$.failedCount", "results.$", "$.results",
                "total.$", "States.ArrayLength($.results)");
        explained.putObject("reason").put("text.$", "States.Format('the fleet could not be aligned, so no refresh started: {}',"
                + " $.alignmentReason.text)");

        status(states, "fleet-succeeded", "SUCCEEDED");
        status(states, "fleet-failed", "FAILED");
        fields(pass(states, "summary", "any-failed?").putObject("Parameters"), "fleet.$", "$.fleet", "status.$", "$.status",
                "results.$", "$.results", "failedCount.$", "$.failedCount", "total.$", "States.ArrayLength($.results)");
        ObjectNode anyFailed = states.putObject("any-failed?");
        anyFailed.put("Type", "Choice");
        anyFailed.putArray("Choices").addObject().put("Variable", "$.failedCount").put("NumericGreaterThan", 0)
                .put("Next", "list-failures");
        anyFailed.put("Default", "explain");
        ObjectNode explain = pass(states, "explain", RECORD);
        explain.putObject("Parameters").put("text.$", "States.Format('{} of {} refreshes failed (tolerance {})',"
                + " $.failedCount, $.total, $.fleet.tolerance)");
        explain.put("ResultPath", "$.reason");
        // a filter that matches nothing is an error, so the failed ones are listed only when there are some
        ObjectNode failures = pass(states, "list-failures", "explain-failures");
        failures.putObject("Parameters").put("items.$", "$.results[?(@.status == 'FAILED')]");
        failures.put("ResultPath", "$.failures");
        // the list of failures is dropped once it is in the reason: the state holds every result at most twice
        ObjectNode explainFailures = fields(pass(states, "explain-failures", RECORD).putObject("Parameters"), "fleet.$", "$.fleet",
                "status.$", "$.status", "results.$", "$.results", "failedCount.$", "$.failedCount", "total.$", "$.total");
        explainFailures.putObject("reason").put("text.$", "States.Format('{} of {} refreshes failed (tolerance {}): {}',"
                + " $.failedCount, $.total, $.fleet.tolerance, States.JsonToString($.failures.items))");

        ObjectNode put = integration(states, RECORD, "arn:aws:states:::dynamodb:putItem", NOTIFY);
        put.put("TableName", "${" + TABLE + "}");
        ObjectNode row = put.putObject("Item");
        row.putObject("dbinstance").put("S.$", "States.Format('fleet#{}', $.fleet.name)");
        row.putObject("restoredate").put("S.$", "$$.Execution.StartTime");
        // not "status": the by-status index is sparse, so a fleet row stays out of every target's history query
        row.putObject(FLEET_STATUS).put("S.$", "$.status");
        row.putObject("execution").put("S.$", "$$.Execution.Id");
        row.putObject("failedcount").put("N.$", "States.Format('{}', $.failedCount)");
        row.putObject("targetcount").put("N.$", "States.Format('{}', $.total)");
        row.putObject("targets").put("S.$", "States.JsonToString($.results)");
        row.putObject("reason").put("S.$", "$.reason.text");

        ObjectNode publish = integration(states, NOTIFY, "arn:aws:states:::sns:publish", "outcome");
        publish.put("TopicArn", "${" + TOPIC + "}");
        publish.put("Subject.$", "States.Format('dbrefresh fleet {} {}', $.fleet.name, $.status)");
        publish.put("Message.$", "States.Format('Fleet {} {}: {}. Every target: {}',"
                + " $.fleet.name, $.status, $.reason.text, States.JsonToString($.results))");

        ObjectNode outcome = states.putObject("outcome");
        outcome.put("Type", "Choice");
        ArrayNode outcomes = outcome.putArray("Choices");
        outcomes.addObject().put("Variable", "$.status").put("StringEquals", "SUCCEEDED").put("Next", "done");
        outcomes.addObject().put("Variable", "$.alignment").put("IsPresent", true).put("Next", "alignment-failed");
        outcome.put("Default", "too-many-failures");
        states.putObject("done").put("Type", "Succeed");
        ObjectNode fail = states.putObject("too-many-failures");
        fail.put("Type", "Fail");
        fail.put("Error", "FleetToleranceExceeded");
        fail.put("Cause", "more refreshes of the fleet failed than its tolerance allows; the history row and the message list every target");
        // the alignment's own error ends the fleet, as it would have without the catch, once the row and the message are out
        ObjectNode alignmentFailed = states.putObject("alignment-failed");
        alignmentFailed.put("Type", "Fail");
        alignmentFailed.put("ErrorPath", "$.alignment.Error");
        alignmentFailed.put("CausePath", "$.alignment.Cause");
        return root;
    }

    /**
     * One refresh: its file read from S3 first when the fleet stored it there (and aligned to the
     * common time), then a child execution; its end (success or caught failure, told in one line) as
     * a small result. The iteration's state is what the fleet's function takes: the fleet and one item.
     */
    private static ObjectNode refreshProcessor() {
        ObjectNode processor = Json.MAPPER.createObjectNode();
        processor.putObject("ProcessorConfig").put("Mode", "DISTRIBUTED").put("ExecutionType", "STANDARD");
        processor.put("StartAt", "stored?");
        ObjectNode item = processor.putObject("States");
        ObjectNode stored = item.putObject("stored?");
        stored.put("Type", "Choice");
        stored.putArray("Choices").addObject().put("Variable", "$.item.key").put("IsPresent", true).put("Next", READ_FILE);
        stored.put("Default", REFRESH);

        ObjectNode read = fleetFunction(item, READ_FILE, "$");
        read.put("Comment", "A large fleet's refresh file, read from S3 and aligned to the fleet's common time as the first step"
                + " would have aligned it.");
        caught(read, "$.item.failure", EXPLAIN_FAILURE);
        read.put("Next", REFRESH);

        ObjectNode refresh = item.putObject(REFRESH);
        refresh.put("Type", "Task");
        refresh.put("Resource", "arn:aws:states:::states:startExecution.sync:2");
        ObjectNode parameters = refresh.putObject("Parameters");
        parameters.put("StateMachineArn", "${" + REFRESH_ARN + "}");
        parameters.put("Input.$", "$.item.input");
        refresh.put("ResultPath", "$.child");
        // a child is bounded by its own execution timeout; this only outlasts it, so the child's own end is what is seen
        refresh.put("TimeoutSeconds", StateNames.EXECUTION_TIMEOUT_SECONDS + 600);
        caught(refresh, "$.item.failure", EXPLAIN_FAILURE);
        refresh.put("Next", "succeeded");
        // the child's name, not its ARN (the refresh state machine's ARN and it): a fleet's state holds every result
        outcome(item, "succeeded", "SUCCEEDED", "execution.$", "$.child.Name");

        // the caught failure holds the child's whole description (its input included) and a Lambda stack trace: the
        // result keeps one line of it, the error's name and its message's first line
        ObjectNode explainPayload = Json.MAPPER.createObjectNode();
        explainPayload.put("fleet.$", "$.fleet");
        explainPayload.put("maxConcurrency.$", "$.maxConcurrency");
        explainPayload.putObject("item").put("target.$", "$.item.target").put("failure.$", "$.item.failure");
        ObjectNode explain = fleetFunction(item, EXPLAIN_FAILURE, null);
        ((ObjectNode) explain.get("Parameters")).set("Payload", explainPayload);
        caught(explain, "$.unexplained", "failed-unexplained");
        explain.put("Next", "failed");
        outcome(item, "failed", "FAILED", "error.$", "$.item.reason");
        outcome(item, "failed-unexplained", "FAILED", "error.$", "$.item.failure.Error");
        return processor;
    }

    /** A Task invoking the fleet's function ({@code AlignFleet}) with the state at {@code payloadPath} (null: set by the caller); its answer is the state. */
    private static ObjectNode fleetFunction(ObjectNode states, String name, String payloadPath) {
        ObjectNode task = states.putObject(name);
        task.put("Type", "Task");
        task.put("Resource", "arn:aws:states:::lambda:invoke");
        ObjectNode invoke = task.putObject("Parameters");
        invoke.put("FunctionName", "${" + ALIGN_ARN + "}");
        if (payloadPath != null) {
            invoke.put("Payload.$", payloadPath);
        }
        task.put("OutputPath", "$.Payload");
        task.put("TimeoutSeconds", StepRegistry.ALIGN_FLEET.timeoutSeconds() + 30);
        lambdaRetry(task);
        return task;
    }

    private static void lambdaRetry(ObjectNode task) {
        ObjectNode lambdaRetry = task.putArray("Retry").addObject();
        lambdaRetry.putArray("ErrorEquals").add("Lambda.ServiceException").add("Lambda.AWSLambdaException")
                .add("Lambda.SdkClientException").add("Lambda.TooManyRequestsException").add(ThrottledException.class.getName());
        lambdaRetry.put("IntervalSeconds", 2);
        lambdaRetry.put("MaxAttempts", 6);
        lambdaRetry.put("BackoffRate", 2.0);
    }

    /** Every error of {@code task} caught into {@code resultPath}, then {@code next}. */
    private static void caught(ObjectNode task, String resultPath, String next) {
        ObjectNode c = task.putArray("Catch").addObject();
        c.putArray("ErrorEquals").add("States.ALL");
        c.put("ResultPath", resultPath);
        c.put("Next", next);
    }

    /** One wave after the tolerance was passed: its refreshes NOT_STARTED if it had not begun, else nothing. */
    private static ObjectNode notStartedProcessor() {
        ObjectNode processor = Json.MAPPER.createObjectNode();
        processor.putObject("ProcessorConfig").put("Mode", "INLINE");
        processor.put("StartAt", "reached?");
        ObjectNode states = processor.putObject("States");
        ObjectNode reached = states.putObject("reached?");
        reached.put("Type", "Choice");
        reached.putArray("Choices").addObject().put("Variable", "$.index").put("NumericGreaterThanEqualsPath", "$.from")
                .put("Next", "skip-wave");
        reached.put("Default", "ran");
        ObjectNode ran = states.putObject("ran");
        ran.put("Type", "Pass");
        ran.putArray("Result");
        ran.put("End", true);
        states.set("skip-wave", skipWave("skip"));
        return processor;
    }

    /** A Map over one wave's refreshes, each NOT_STARTED; state names are unique in a whole definition, so each use names its own. */
    private static ObjectNode skipWave(String itemState) {
        ObjectNode wave = Json.MAPPER.createObjectNode();
        wave.put("Type", "Map");
        wave.put("ItemsPath", "$.items");
        ObjectNode inner = wave.putObject("ItemProcessor");
        inner.putObject("ProcessorConfig").put("Mode", "INLINE");
        inner.put("StartAt", itemState);
        ObjectNode skip = inner.putObject("States").putObject(itemState);
        skip.put("Type", "Pass");
        ObjectNode result = skip.putObject("Parameters");
        result.put("target.$", "$.target");
        result.put("status", "NOT_STARTED");
        skip.put("End", true);
        wave.put("End", true);
        return wave;
    }

    /** A last Pass of a refresh: its item's target, its status and one more field from its path. */
    private static void outcome(ObjectNode states, String name, String status, String field, String path) {
        ObjectNode s = states.putObject(name);
        s.put("Type", "Pass");
        fields(s.putObject("Parameters"), "target.$", "$.item.target", "status", status, field, path);
        s.put("End", true);
    }

    private static ObjectNode pass(ObjectNode states, String name, String next) {
        ObjectNode s = states.putObject(name);
        s.put("Type", "Pass");
        s.put("Next", next);
        return s;
    }

    /**
     * A Pass at a wave's end: its Parameters carry what the state carries from wave to wave, then
     * the wave, the results and one more field (none when null), each from its path.
     */
    private static void carried(ObjectNode states, String name, String next, String wave, String results, String field,
                                String path) {
        ObjectNode parameters = fields(carry(pass(states, name, next)), "wave.$", wave, "results.$", results);
        if (field != null) {
            parameters.put(field, path);
        }
    }

    /** Puts {@code namesAndValues} (name, value, name, value, ...) into {@code parameters}, in that order. */
    private static ObjectNode fields(ObjectNode parameters, String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }

    /** The Parameters of a Pass, first copying what the state carries from wave to wave. */
    private static ObjectNode carry(ObjectNode pass) {
        ObjectNode parameters = pass.putObject("Parameters");
        for (String field : CARRIED) {
            parameters.put(field + ".$", "$." + field);
        }
        return parameters;
    }

    private static void status(ObjectNode states, String name, String status) {
        ObjectNode s = pass(states, name, "summary");
        s.put("Result", status);
        s.put("ResultPath", "$.status");
    }

    /**
     * A Task of a service integration whose answer the fleet does not keep, bounded and retried
     * when the call fails; its Parameters, for the caller to fill.
     */
    private static ObjectNode integration(ObjectNode states, String name, String resource, String next) {
        ObjectNode task = states.putObject(name);
        task.put("Type", "Task");
        task.put("Resource", resource);
        ObjectNode parameters = task.putObject("Parameters");
        task.putNull("ResultPath");
        task.put("TimeoutSeconds", 60);
        retry(task);
        task.put("Next", next);
        return parameters;
    }

    private static void retry(ObjectNode task) {
        ObjectNode r = task.putArray("Retry").addObject();
        r.putArray("ErrorEquals").add("States.TaskFailed");
        r.put("IntervalSeconds", 2);
        r.put("MaxAttempts", 3);
        r.put("BackoffRate", 2.0);
    }
}
