package io.dbrefresh.infra;

import static io.dbrefresh.steps.StateNames.*;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.aws.ThrottledException;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.steps.ShareSource;
import io.dbrefresh.steps.StepFunction;
import io.dbrefresh.steps.StepRegistry;

/**
 * Builds {@code statemachine/refresh.asl.json} from {@link StepRegistry}, so the step list
 * is declared once. Every polled step is the job poller: Task(start) → Wait(SecondsPath) →
 * Task(check) → Choice(done | failed | again), the wait back before the check while under way.
 * A step the refresh file does not run enters no state: each {@code done?} Choice goes, once
 * its step succeeded, straight to the next step the file runs (it tests their {@code run}
 * flags), and where a Task must name one next state (after pre-flight, verify-copy, a single
 * task, remove-source-copies) a {@code X?} Choice picks the first step from X on that runs.
 * Results go to {@code $.results.<step>}; the input stays untouched. Every Task has an
 * explicit timeout, Retry for Lambda service errors and throttling (by error name), and a
 * Catch to the one recovery path. A test keeps the committed file equal to this output.
 */
public final class StateMachineDefinition {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StateMachineDefinition() {
    }

    /** The definition as pretty JSON, with {@code ${...}} placeholders for the function ARNs. */
    public static String json() {
        return pretty(build());
    }

    /** A definition as the committed files hold it: two-space indents, one field a line, a final newline. */
    static String pretty(ObjectNode definition) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return Json.MAPPER.writer(printer).writeValueAsString(definition) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode build() {
        List<StepFunction> steps = StepRegistry.steps();
        ObjectNode root = F.objectNode();
        root.put("Comment", "dbrefresh: recreate a non-production RDS instance or Aurora cluster from production. "
                + "Generated from the step registry; do not edit by hand.");
        root.put("StartAt", VALIDATE);
        root.put("TimeoutSeconds", EXECUTION_TIMEOUT_SECONDS);
        ObjectNode states = root.putObject("States");

        ObjectNode validate = task(StepRegistry.VALIDATE, validatePayload(), "$.plan", null);
        validate.put("Comment", "Parse and check the refresh file; fail before any database is touched.");
        validate.set("Catch", catchAll("$.error", INVALID));
        validate.put("Next", ACQUIRE_LOCK);
        states.set(VALIDATE, validate);

        // the lock's answer stays in the execution's history; what it leaves in the state is the
        // empty results map every step writes under (one state fewer than a Pass making it)
        ObjectNode lock = task(StepRegistry.ACQUIRE_LOCK, basePayloadWithoutResults(), "$.results", null);
        lock.put("Comment", "One refresh per target: a target another execution holds fails here, nothing touched. "
                + "Results of each step go under $.results, which this state starts empty.");
        lock.set("ResultSelector", F.objectNode());
        lock.set("Catch", catchAll("$.error", LOCKED));
        lock.put("Next", GUARD);
        states.set(ACQUIRE_LOCK, lock);

        ObjectNode guard = task(states, GUARD, StepRegistry.GUARD, basePayload(), "$.guard");
        guard.put("Comment", "Refuse a source, a replica of it, a protected or production target before anything is touched.");
        guard.put("Next", PREFLIGHT);
        states.set(GUARD, guard);

        ObjectNode preflight = task(states, PREFLIGHT, StepRegistry.PREFLIGHT, basePayload(), "$.preflight");
        preflight.put("Comment", "Read-only: the live account has what the file names (source, snapshot, groups, names, "
                + "secrets, scripts, table, topic); every problem at once, before anything is touched.");
        preflight.put("Next", entry(states, steps, 0));
        states.set(PREFLIGHT, preflight);

        for (int i = 0; i < steps.size(); i++) {
            addStep(states, steps, i);
            if (steps.get(i).step() == StepId.PERFORM_RESTORE) {
                addSourceAccount(states, steps, i);
            }
            if (i + 1 < steps.size() && steps.get(i + 1).step() == SWAP_STARTS_AT) {
                addVerification(states, entry(states, steps, i + 1));
            }
        }
        states.set(SUCCEEDED, F.objectNode().put("Type", "Succeed"));
        addFailurePath(states);
        return root;
    }

    /**
     * A refresh from another account (restore.sourceaccount), folded into perform-restore's own
     * Choices so that any other refresh enters no extra state: its run Choice first sends such a
     * refresh to share-source, which makes through the source account's role the copy
     * perform-restore restores, checked again after each wait until it is shared (a job poller
     * whose start may find the copy shared at once, so its {@code done?} follows the start), then
     * starts perform-restore; its done Choice sends it, once the restored copy is available, to
     * remove-source-copies before the next step that runs.
     */
    private static void addSourceAccount(ObjectNode states, List<StepFunction> steps, int at) {
        StepFunction restore = steps.get(at);
        String name = restore.step().displayName();
        ObjectNode shareFirst = sourceAccountGiven(SHARE_SOURCE);
        ((ArrayNode) shareFirst.get("And")).add(F.objectNode()
                .put("Variable", "$.plan.steps." + restore.step().id() + ".run").put("BooleanEquals", true));
        ((ArrayNode) states.get(entry(restore)).get("Choices")).insert(0, shareFirst);

        // the first call finds no result of its own: it passes none
        ObjectNode share = task(states, SHARE_SOURCE, StepRegistry.SHARE_SOURCE, basePayloadWithoutResults(), "$.sourceShare");
        share.put("Comment", "In the source account, through its role: a copy re-encrypted with the sharing key, shared with this one.");
        share.put("Next", SHARE_SOURCE + ": done?");
        states.set(SHARE_SOURCE, share);
        ObjectNode done = F.objectNode().put("Type", "Choice");
        done.set("Choices", F.arrayNode().add(F.objectNode().put("Variable", "$.sourceShare.status")
                .put("StringEquals", "SUCCEEDED").put("Next", name)));
        done.put("Default", SHARE_SOURCE + ": wait");
        states.set(SHARE_SOURCE + ": done?", done);
        states.set(SHARE_SOURCE + ": wait", F.objectNode().put("Type", "Wait")
                .put("SecondsPath", "$.sourceShare.waitSeconds").put("Next", SHARE_SOURCE + ": check"));
        ObjectNode payload = basePayloadWithoutResults();
        payload.put("previous.$", "$.sourceShare");
        ObjectNode again = task(states, SHARE_SOURCE, StepRegistry.SHARE_SOURCE, payload, "$.sourceShare");
        again.put("Comment", "share-source again, from what it made so far.");
        again.put("Next", SHARE_SOURCE + ": done?");
        states.set(SHARE_SOURCE + ": check", again);

        ObjectNode removeFirst = sourceAccountGiven(REMOVE_SOURCE_COPIES);
        ((ArrayNode) removeFirst.get("And")).add(F.objectNode()
                .put("Variable", "$.results." + restore.step().id() + ".status").put("StringEquals", "SUCCEEDED"));
        ((ArrayNode) states.get(name + ": done?").get("Choices")).insert(0, removeFirst);
        ObjectNode remove = task(states, REMOVE_SOURCE_COPIES, StepRegistry.REMOVE_SOURCE_COPIES, basePayload(),
                "$.sourceCopiesRemoved");
        remove.put("Comment", "Unshare and delete, in the source account, every snapshot this execution made there.");
        remove.put("Next", after(states, steps, at));
        states.set(REMOVE_SOURCE_COPIES, remove);
    }

    /** The plan names a source account ({@code $.plan.restore.sourceAccount} present and not null). */
    private static ObjectNode sourceAccountGiven(String next) {
        ObjectNode rule = F.objectNode();
        rule.putArray("And")
                .add(F.objectNode().put("Variable", "$.plan.restore.sourceAccount").put("IsPresent", true))
                .add(F.objectNode().put("Variable", "$.plan.restore.sourceAccount").put("IsNull", false));
        rule.put("Next", next);
        return rule;
    }

    /** The first step of the swap: verify-copy runs right before it, after the scripts. */
    static final StepId SWAP_STARTS_AT = StepId.SWAP_STARTS_AT;

    /**
     * verify-copy, between the copy's scripts and the swap: a copy not fit to take the name (not
     * available, scripts not succeeded, new password refused) fails here, so recovery removes it
     * and the old target was never touched. It runs in every execution; with no copy it says so.
     */
    private static void addVerification(ObjectNode states, String next) {
        ObjectNode payload = basePayload();
        payload.put("refreshFile.$", "$$.Execution.Input");
        ObjectNode verify = task(states, VERIFY_COPY, StepRegistry.VERIFY_COPY, payload, "$.verification");
        verify.put("Comment", "Fail closed before the swap: the copy is available, its scripts succeeded and "
                + "its new admin password logs in; else recovery removes it and the old target is untouched.");
        verify.put("Next", next);
        states.set(VERIFY_COPY, verify);
    }

    /**
     * Step {@code at}: a single task goes on to the next step that runs; a polled step's start
     * goes straight to its wait (every start answers IN_PROGRESS, with a wait of 0 when it left
     * nothing pending, so its first check finds it done), and its {@code done?} goes, once the
     * step succeeded, straight to the next step that runs.
     */
    private static void addStep(ObjectNode states, List<StepFunction> steps, int at) {
        StepFunction fn = steps.get(at);
        String name = fn.step().displayName();
        String id = fn.step().id();
        String resultPath = "$.results." + id;

        if (!fn.step().polled()) {
            ObjectNode task = task(states, name, fn, stepPayload(id, "SUCCEEDED"), resultPath);
            task.put("Next", after(states, steps, at));
            states.set(name, task);
            return;
        }
        ObjectNode start = task(states, name, fn, stepPayload(id, null), resultPath);
        start.put("Next", name + ": wait");
        states.set(name, start);

        ObjectNode done = F.objectNode().put("Type", "Choice");
        done.put("Comment", "Once " + name + " succeeded, the next step the refresh file runs; skipped steps enter no state.");
        ArrayNode choices = done.putArray("Choices");
        for (int j = at + 1; j < segmentEnd(steps, at); j++) {
            ObjectNode rule = F.objectNode();
            rule.putArray("And")
                    .add(F.objectNode().put("Variable", resultPath + ".status").put("StringEquals", "SUCCEEDED"))
                    .add(runs(steps.get(j)));
            rule.put("Next", steps.get(j).step().displayName());
            choices.add(rule);
        }
        choices.add(F.objectNode().put("Variable", resultPath + ".status").put("StringEquals", "SUCCEEDED")
                .put("Next", afterSegment(steps, at)));
        choices.add(F.objectNode().put("Variable", resultPath + ".status").put("StringEquals", "FAILED").put("Next", STEP_FAILED));
        done.put("Default", name + ": wait");
        states.set(name + ": done?", done);

        states.set(name + ": wait", F.objectNode().put("Type", "Wait")
                .put("SecondsPath", resultPath + ".waitSeconds").put("Next", name + ": check"));

        ObjectNode check = task(states, name, StepRegistry.CHECK, stepPayload(id, null), resultPath);
        check.put("Next", name + ": done?");
        states.set(name + ": check", check);
    }

    /** Where a state that names one next state goes after step {@code at}: the next step that runs, or past the segment. */
    private static String after(ObjectNode states, List<StepFunction> steps, int at) {
        return at + 1 < segmentEnd(steps, at) ? entry(states, steps, at + 1) : afterSegment(steps, at);
    }

    /**
     * Where a state that names one next state goes to reach step {@code at} or, when the file does
     * not run it, the first step after it in its segment that runs: that step's {@code X?} Choice
     * (made here the first time).
     */
    private static String entry(ObjectNode states, List<StepFunction> steps, int at) {
        String name = entry(steps.get(at));
        if (states.has(name)) {
            return name;
        }
        ObjectNode choice = F.objectNode().put("Type", "Choice")
                .put("Comment", "The first step from " + steps.get(at).step().displayName() + " on that the refresh file runs.");
        ArrayNode choices = choice.putArray("Choices");
        for (int j = at; j < segmentEnd(steps, at); j++) {
            choices.add(runs(steps.get(j)).put("Next", steps.get(j).step().displayName()));
        }
        choice.put("Default", afterSegment(steps, at));
        states.set(name, choice);
        return name;
    }

    /** The step runs: {@code $.plan.steps.<id>.run} is true. */
    private static ObjectNode runs(StepFunction fn) {
        return F.objectNode().put("Variable", "$.plan.steps." + fn.step().id() + ".run").put("BooleanEquals", true);
    }

    /**
     * The end (exclusive) of the segment step {@code at} is in: the copy is built up to
     * verify-copy, which every execution enters before the swap; the swap and what follows it
     * run to the end.
     */
    private static int segmentEnd(List<StepFunction> steps, int at) {
        for (int j = at + 1; j < steps.size(); j++) {
            if (steps.get(j).step() == SWAP_STARTS_AT) {
                return j;
            }
        }
        return steps.size();
    }

    /** What follows the last step of {@code at}'s segment: verify-copy before the swap, else the end. */
    private static String afterSegment(List<StepFunction> steps, int at) {
        return segmentEnd(steps, at) < steps.size() ? VERIFY_COPY : SUCCEEDED;
    }

    private static void addFailurePath(ObjectNode states) {
        states.set(STEP_FAILED, F.objectNode().put("Type", "Pass")
                .put("Comment", "A check reported a terminal failure; recovery reads which step from $.results.")
                .<ObjectNode>set("Result", F.objectNode().put("Error", "StepFailed")
                        .put("Cause", "a step reported FAILED: see its result"))
                .put("ResultPath", "$.error").put("Next", RECOVER));

        ObjectNode recoverPayload = basePayload();
        recoverPayload.put("error.$", "$.error");
        ObjectNode recover = task(StepRegistry.RECOVER, recoverPayload, "$.recovery", RECORD_FAILURE);
        recover.put("Comment", "Put the world back in a safe state from what the results say this run did.");
        recover.put("Next", RECORD_FAILURE);
        states.set(RECOVER, recover);

        ObjectNode record = StepRegistry.forStep(io.dbrefresh.refreshfile.StepId.UPDATE_DYNAMODB)
                .map(fn -> task(fn, failurePayload("updateDynamoDb"), "$.failureRecord", NOTIFY_FAILURE))
                .orElseThrow();
        record.put("Next", NOTIFY_FAILURE);
        states.set(RECORD_FAILURE, record);

        ObjectNode notify = StepRegistry.forStep(io.dbrefresh.refreshfile.StepId.SEND_MSG)
                .map(fn -> task(fn, failurePayload("sendMsg"), "$.failureMessage", FAILURE_CAUSE))
                .orElseThrow();
        notify.put("Next", FAILURE_CAUSE);
        states.set(NOTIFY_FAILURE, notify);

        // a step that reported FAILED ends the execution with that step's own message (the failing
        // statement, the terminal status...) as its cause, not the generic one of step-failed
        ObjectNode cause = F.objectNode().put("Type", "Choice");
        cause.put("Comment", "When a check reported the failure, the execution's cause is the step's message.");
        ObjectNode stepFailed = F.objectNode();
        stepFailed.putArray("And")
                .add(F.objectNode().put("Variable", "$.error.Error").put("StringEquals", "StepFailed"))
                .add(F.objectNode().put("Variable", "$.recovery.error").put("IsPresent", true))
                .add(F.objectNode().put("Variable", "$.recovery.error").put("IsString", true));
        stepFailed.put("Next", STEP_CAUSE);
        cause.putArray("Choices").add(stepFailed);
        cause.put("Default", FAILED);
        states.set(FAILURE_CAUSE, cause);
        states.set(STEP_CAUSE, F.objectNode().put("Type", "Pass")
                .<ObjectNode>set("Parameters", F.objectNode().put("Error", "StepFailed").put("Cause.$", "$.recovery.error"))
                .put("ResultPath", "$.error").put("Next", FAILED));

        states.set(FAILED, F.objectNode().put("Type", "Fail")
                .put("ErrorPath", "$.error.Error").put("CausePath", "$.error.Cause"));
        states.set(INVALID, F.objectNode().put("Type", "Fail").put("Comment", "Nothing was touched.")
                .put("ErrorPath", "$.error.Error").put("CausePath", "$.error.Cause"));
        states.set(LOCKED, F.objectNode().put("Type", "Fail")
                .put("Comment", "Another execution holds the target, or the lock could not be taken; nothing was touched.")
                .put("ErrorPath", "$.error.Error").put("CausePath", "$.error.Cause"));
    }

    /** The entry state of a step: its run-or-skip Choice. */
    static String entry(StepFunction fn) {
        return fn.step().displayName() + "?";
    }

    /**
     * A Task of the refresh whose failure goes to recovery through its step's own Pass, which
     * adds the step's name to the caught error ({@code $.error.State}): a server error or an
     * exception carries no step result, so without it recovery, the history row and the message
     * could only guess where the run stopped.
     */
    private static ObjectNode task(ObjectNode states, String step, StepFunction fn, ObjectNode payload, String resultPath) {
        String caught = step + FAILED_AT;
        if (!states.has(caught)) {
            states.set(caught, F.objectNode().put("Type", "Pass")
                    .put("Comment", "Name the state that failed beside its Error and Cause, for recovery.")
                    .put("Result", step).put("ResultPath", "$.error.State").put("Next", RECOVER));
        }
        ObjectNode t = task(fn, payload, resultPath, RECOVER);
        ((ObjectNode) t.get("Catch").get(0)).put("Next", caught);
        return t;
    }

    /**
     * A Task calling the function's ARN directly, so the handler's answer is the Task result
     * as it is (no lambda:invoke envelope to unwrap).
     */
    private static ObjectNode task(StepFunction fn, ObjectNode payload, String resultPath, String catchTo) {
        ObjectNode t = F.objectNode().put("Type", "Task").put("Resource", "${" + fn.placeholder() + "}");
        t.set("Parameters", payload);
        t.put("ResultPath", resultPath);
        t.put("TimeoutSeconds", fn.timeoutSeconds() + 30);
        t.set("Retry", retries());
        if (catchTo != null && !(fn == StepRegistry.VALIDATE)) {
            t.set("Catch", catchAll(catchTo.equals(RECOVER) ? "$.error" : resultPath, catchTo));
        }
        return t;
    }

    /** One Catch of every error, put at {@code resultPath}, going on to {@code next}. */
    private static ArrayNode catchAll(String resultPath, String next) {
        return F.arrayNode().add(F.objectNode()
                .<ObjectNode>set("ErrorEquals", F.arrayNode().add("States.ALL"))
                .put("ResultPath", resultPath)
                .put("Next", next));
    }

    /** Transient Lambda service errors and AWS throttling, matched by error name. */
    static ArrayNode retries() {
        ArrayNode r = F.arrayNode();
        r.add(retry(List.of("Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
                "Lambda.TooManyRequestsException"), 2, 6));
        r.add(retry(List.of(ThrottledException.class.getName()), 5, 5));
        return r;
    }

    private static ObjectNode retry(List<String> errors, int interval, int attempts) {
        ObjectNode n = F.objectNode();
        ArrayNode eq = n.putArray("ErrorEquals");
        errors.forEach(eq::add);
        n.put("IntervalSeconds", interval).put("MaxAttempts", attempts).put("BackoffRate", 2.0)
                .put("MaxDelaySeconds", 60).put("JitterStrategy", "FULL");
        return n;
    }

    private static ObjectNode validatePayload() {
        ObjectNode p = F.objectNode();
        p.put("refreshFile.$", "$");
        p.set("execution", execution());
        return p;
    }

    private static ObjectNode basePayload() {
        ObjectNode p = F.objectNode();
        p.put("plan.$", "$.plan");
        p.put("results.$", "$.results");
        p.set("execution", execution());
        return p;
    }

    /** Steps that may need a legacy password, which only the execution input holds. */
    private static final java.util.Set<String> NEEDS_REFRESH_FILE = java.util.Set.of(
            io.dbrefresh.refreshfile.StepId.CHANGE_ADMIN_PWD.id(), io.dbrefresh.refreshfile.StepId.RUN_SCRIPTS.id());
    /** acquire-lock runs before $.results exists. */
    private static ObjectNode basePayloadWithoutResults() {
        ObjectNode p = F.objectNode();
        p.put("plan.$", "$.plan");
        p.set("execution", execution());
        return p;
    }

    private static ObjectNode stepPayload(String stepId, String outcome) {
        ObjectNode p = basePayload();
        p.put("step", stepId);
        if (NEEDS_REFRESH_FILE.contains(stepId)) {
            p.put("refreshFile.$", "$$.Execution.Input");
        }
        if (outcome != null) {
            p.put("outcome", outcome);
        }
        return p;
    }

    private static ObjectNode failurePayload(String stepId) {
        ObjectNode p = stepPayload(stepId, "FAILED");
        p.put("error.$", "$.error");
        p.put("recovery.$", "$.recovery");
        return p;
    }

    private static ObjectNode execution() {
        return F.objectNode().put("id.$", "$$.Execution.Id").put("name.$", "$$.Execution.Name")
                .put("startTime.$", "$$.Execution.StartTime");
    }

    /** The placeholders the definition uses, one per function. */
    public static List<String> placeholders() {
        List<String> names = new ArrayList<>();
        StepRegistry.all().forEach(f -> names.add(f.placeholder()));
        return names;
    }
}
