package io.dbrefresh.refreshfile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads one refresh file into a plan: structure first (blocks, unknown keys, placeholders),
 * then the restore block that everything else is checked against, then each step's block,
 * then the JSON Schema as a second opinion. Rules that depend on a value found wrong stay
 * silent, so each mistake is reported once.
 */
final class RefreshFileReader {

    /**
     * Step Functions refuses an execution input, and fails a state whose data passes, above
     * 262,144 bytes of UTF-8; the input travels from state to state with the plan beside it.
     */
    static final int MAX_INPUT_BYTES = 262_144;
    private static final List<String> MYSQL_FAMILY = List.of("mysql", "mariadb", "aurora-mysql");

    private final Clock clock;
    private final RefreshFileSchema schema = RefreshFileSchema.get();
    private final Problems problems = new Problems();

    RefreshFileReader(Clock clock) {
        this.clock = clock;
    }

    /** {@code inputBytes}: the size of the execution input this document is, in UTF-8. */
    RefreshFileResult read(JsonNode document, long inputBytes) {
        if (inputBytes > MAX_INPUT_BYTES) {
            problems.error("", "is " + inputBytes + " bytes (" + (inputBytes + 1023) / 1024 + " KiB): Step Functions carries at most "
                    + MAX_INPUT_BYTES + " bytes (256 KiB) from state to state, and the refresh would fail with States.DataLimitExceeded"
                    + " after it began; shorten the comment or other long values");
        }
        if (!document.isObject()) {
            problems.error("", "must be a JSON object holding one block per step (restore, rename, ...); found "
                    + (document.isArray() ? "an array" : Block.shown(document)));
            return result(null);
        }
        ObjectNode root = (ObjectNode) document;
        Blocks blocks = Blocks.find(root, schema, problems);
        Block top = new Block("the refresh file", "", root, schema.topLevelKeys(), problems, null);
        // read for its checks only: the comment stays in the input and is not copied into the plan (the data limit)
        top.freeText("comment");
        String schedule = schedule(top);
        top.text("$schema");

        Block restoreBlock = blocks.get(StepId.PERFORM_RESTORE);
        DbService service = null;
        if (restoreBlock != null) {
            String name = restoreBlock.choice("dbservice", RestoreBlock.SERVICES);
            service = name == null ? null : DbService.fromJson(name);
        }
        ServiceScope.check(blocks, service);
        RestoreBlock.Restored restored = RestoreBlock.read(restoreBlock, clock, problems,
                schema.keysOf(StepId.PERFORM_RESTORE.block(), "sourceaccount"));
        Reference ref = restored.reference();
        Map<StepId, PlannedStep> steps = StepPlanner.plan(blocks, ref.service(), schema);
        SharedFacts.checkService(blocks, ref.service());

        if (ref.aurora()) {
            ref = auroraWriter(blocks, steps, ref);
        }
        RedundantIds.check(blocks, ref);

        boolean mysqlFamily = mysqlFamily(blocks);
        InstanceSpec instance = CreateInstanceBlock.read(blocks.get(StepId.CREATE_INSTANCE), runs(steps, StepId.CREATE_INSTANCE), ref);
        DeleteSpec delete = DeleteBlocks.read(blocks, steps, ref, problems,
                schema.keysOf(ref.aurora() ? StepId.DELETE_OLD_CLUSTER.block() : StepId.DELETE_OLD_DATABASE.block(), "snapshotretention"));
        ReplicaSpec replicas = CreateReplicasBlock.read(blocks.get(StepId.CREATE_READ_REPLICAS),
                runs(steps, StepId.CREATE_READ_REPLICAS), runs(steps, StepId.DELETE_REPLICAS), ref);
        if (ref.aurora()) {
            clusterSubnetGroupOnly(blocks, restored.spec(), instance, replicas);
        }
        PasswordSpec password = PasswordBlocks.read(
                blocks.get(StepId.CHANGE_ADMIN_PWD), runs(steps, StepId.CHANGE_ADMIN_PWD),
                blocks.get(StepId.ROTATE_ADMIN_PWD), runs(steps, StepId.ROTATE_ADMIN_PWD), ref, mysqlFamily);
        EngineRules.check(blocks, steps, ref, restored.spec(), replicas);
        ScriptsSpec scripts = RunScriptsBlock.read(blocks.get(StepId.RUN_SCRIPTS), runs(steps, StepId.RUN_SCRIPTS), ref, mysqlFamily);
        SharedFacts.Labels labels = SharedFacts.labels(blocks, ref.aurora());
        Block history = blocks.get(StepId.UPDATE_DYNAMODB);
        Block message = blocks.get(StepId.SEND_MSG);
        HistoryBlocks.checkRepeatedFacts(history, ref);
        HistoryBlocks.checkRepeatedFacts(message, ref);
        String tableName = HistoryBlocks.tableName(history);
        String topicArn = HistoryBlocks.topicArn(message);
        EmailSpec email = HistoryBlocks.email(message, schema.keysOf(StepId.SEND_MSG.block(), "email"));
        productionKeepsAFinalSnapshot(blocks, steps, ref, delete, labels);

        mergeSchemaFindings(document);
        if (problems.hasErrors()) {
            return result(null);
        }
        List<String> warnings = problems.warnings().stream().map(Problem::toString).toList();
        return result(new RefreshPlan(ref.service(), ref.source(), ref.target(), ref.instance(),
                labels.application(), labels.environment(), schedule, steps,
                restored.spec(), instance, delete, replicas, password, scripts, tableName, topicArn, warnings, email));
    }

    private static String schedule(Block top) {
        String given = top.text("schedule");
        if (given == null) {
            return null;
        }
        String error = ScheduleExpression.error(given);
        if (error != null) {
            top.error("schedule", error);
            return null;
        }
        return given;
    }

    /**
     * Turning the final snapshot off is a warning, except in a production environment: there it
     * is an error here, before anything runs, rather than a refusal of guard-target at run time.
     */
    private static void productionKeepsAFinalSnapshot(Blocks blocks, Map<StepId, PlannedStep> steps, Reference ref,
                                                      DeleteSpec delete, SharedFacts.Labels labels) {
        if (delete == null || delete.finalSnapshot()) {
            return;
        }
        // rds: the instance holds the data; aurora: the cluster does
        StepId deletes = ref.aurora() ? StepId.DELETE_OLD_CLUSTER : StepId.DELETE_OLD_DATABASE;
        Block owner = blocks.get(deletes);
        if (runs(steps, deletes) && SharedFacts.production(labels.environment())) {
            owner.error("finalsnapshot", "is false but the environment is \"" + labels.environment()
                    + "\": a production database is never deleted without a final snapshot; leave finalsnapshot out or set it to true");
        } else {
            owner.warning("finalsnapshot", "the old target is deleted without a final snapshot: its data is gone if the refresh fails after the delete");
        }
    }

    RefreshFileResult notJson(String message) {
        problems.error("", message);
        return result(null);
    }

    /** Aurora: createinstance names the writer, which rename and delete address by name. */
    private Reference auroraWriter(Blocks blocks, Map<StepId, PlannedStep> steps, Reference ref) {
        Block create = blocks.get(StepId.CREATE_INSTANCE);
        String writer = CreateInstanceBlock.writer(create);
        if (writer == null) {
            for (StepId step : new StepId[] {StepId.CREATE_INSTANCE, StepId.RENAME_DATABASE, StepId.DELETE_OLD_DATABASE}) {
                if (runs(steps, step) && (create == null || !create.has("dbinstance"))) {
                    String why = "aurora names the writer instance of the target cluster here, and " + step.block() + " runs";
                    if (create == null) {
                        problems.error("/createinstance", "missing: " + why + " (give createinstance with dbinstance, torun may be false)");
                    } else {
                        create.require("dbinstance", why);
                    }
                    break;
                }
            }
        }
        String engine = ref.engine();
        if (engine == null && create != null) {
            String given = create.text("engine");
            engine = given != null && given.startsWith("aurora-") && RestoreBlock.ENGINES.contains(given) ? given : null;
        }
        return ref.withInstance(writer).withEngine(engine);
    }

    /**
     * AWS gives an Aurora instance its cluster's subnet group and refuses another in
     * CreateDBInstance: a writer's or reader's subgrp that is not the restore block's would
     * fail create-instance, or create-read-replicas after the swap, so it is refused here.
     */
    private static void clusterSubnetGroupOnly(Blocks blocks, RestoreSpec restore, InstanceSpec writer, ReplicaSpec readers) {
        String cluster = restore == null ? null : restore.subnetGroup();
        if (cluster == null) {
            return;
        }
        if (writer != null && writer.subnetGroup() != null && !writer.subnetGroup().equalsIgnoreCase(cluster)) {
            blocks.get(StepId.CREATE_INSTANCE).error("subgrp", "is " + writer.subnetGroup() + " but the cluster's is " + cluster
                    + " (/restore/subgrp): AWS gives an Aurora instance its cluster's subnet group and refuses another");
        }
        if (readers != null && readers.subnetGroup() != null && !readers.subnetGroup().equalsIgnoreCase(cluster)) {
            blocks.get(StepId.CREATE_READ_REPLICAS).error("subgrp", "is " + readers.subnetGroup() + " but the cluster's is " + cluster
                    + " (/restore/subgrp): AWS gives an Aurora reader its cluster's subnet group and refuses another");
        }
    }

    private static boolean mysqlFamily(Blocks blocks) {
        for (StepId step : new StepId[] {StepId.PERFORM_RESTORE, StepId.CREATE_INSTANCE, StepId.CREATE_READ_REPLICAS, StepId.RUN_SCRIPTS}) {
            Block b = blocks.get(step);
            if (b != null && b.usable("engine") && MYSQL_FAMILY.contains(b.text("engine"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean runs(Map<StepId, PlannedStep> steps, StepId step) {
        return steps.get(step).run();
    }

    /**
     * The schema's findings, except where this reader already said something about the same
     * value, above or below it: the reader's message is the more precise, and one mistake
     * should not be reported twice.
     */
    private void mergeSchemaFindings(JsonNode document) {
        List<Problem> told = problems.errors();
        List<String> paths = new ArrayList<>();
        told.forEach(p -> paths.add(p.path()));
        for (Problem finding : schema.validate(document)) {
            String at = finding.path();
            boolean covered = paths.stream().anyMatch(p -> p.equals(at) || p.startsWith(at + "/") || at.startsWith(p + "/"));
            if (!covered) {
                problems.error(at, finding.message());
                paths.add(at);
            }
        }
    }

    private RefreshFileResult result(RefreshPlan plan) {
        return new RefreshFileResult(plan, problems.errors(), problems.warnings());
    }
}
