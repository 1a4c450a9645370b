package io.dbrefresh.refreshfile;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads createinstance (aurora): the writer instance created in the restored cluster. Its
 * {@code dbinstance} is the writer's name, which rename and the later blocks refer to.
 */
final class CreateInstanceBlock {

    private static final List<Integer> MONITORING_INTERVALS = List.of(1, 5, 10, 15, 30, 60);
    private static final int DEFAULT_MONITORING_INTERVAL = 60;
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/.+");

    private CreateInstanceBlock() {
    }

    /** The writer's name, checked: it and its temp name must be valid identifiers. */
    static String writer(Block b) {
        if (b == null) {
            return null;
        }
        String writer = b.identifier("dbinstance");
        if (writer != null && writer.length() + RdsIdentifier.TEMP_SUFFIX.length() > RdsIdentifier.MAX_LENGTH) {
            b.error("dbinstance", "is too long: the writer is first created as \"" + writer + RdsIdentifier.TEMP_SUFFIX
                    + "\", which must fit " + RdsIdentifier.MAX_LENGTH + " characters, so the name has at most "
                    + (RdsIdentifier.MAX_LENGTH - RdsIdentifier.TEMP_SUFFIX.length()));
            return null;
        }
        return writer;
    }

    static InstanceSpec read(Block b, boolean runs, Reference ref) {
        if (b == null || !ref.aurora()) {
            return null;
        }
        if (runs) {
            b.require("dbinstance", "the name of the writer instance to create");
            b.require("dbclass", "the writer's instance class, such as db.r6g.large");
        }
        String engine = b.choice("engine", RestoreBlock.ENGINES);
        if (engine != null && !engine.startsWith("aurora-")) {
            b.error("engine", "must be aurora-mysql or aurora-postgresql for dbservice aurora; found \"" + engine + "\"");
            engine = null;
        }
        if (engine != null && ref.engine() != null && !engine.equals(ref.engine())) {
            b.error("engine", "is " + engine + " but /restore/engine is " + ref.engine() + ": the writer runs the cluster's engine");
            engine = null;
        }

        boolean insights = b.bool("perfinsights", false);
        Integer retention = b.number("retention", 7, 731);
        if (retention != null && !(retention == 7 || retention == 731 || retention % 31 == 0)) {
            b.error("retention", "must be 7, a multiple of 31 up to 713 (months), or 731; found " + retention);
            retention = null;
        }
        String insightsKey = b.matching("kmskeyid", RestoreBlock.KMS_KEY, RestoreBlock.KMS_KEY_SHAPE);
        if (!insights) {
            b.reject("retention", "applies only with perfinsights true");
            b.reject("kmskeyid", "applies only with perfinsights true");
        }

        boolean monitoring = b.bool("enhancedmon", false);
        Integer interval = b.number("interval", 1, 60);
        if (interval != null && !MONITORING_INTERVALS.contains(interval)) {
            b.error("interval", "must be one of 1, 5, 10, 15, 30, 60; found " + interval);
            interval = null;
        }
        String role = b.matching("rolearn", ROLE_ARN, "an IAM role ARN, arn:aws:iam::<account>:role/<name>");
        if (monitoring) {
            b.require("rolearn", "Enhanced Monitoring needs a role that lets RDS publish its metrics");
        } else {
            b.reject("interval", "applies only with enhancedmon true");
            b.reject("rolearn", "applies only with enhancedmon true");
        }

        String writer = ref.instance();
        return new InstanceSpec(
                ref.temp(),
                writer,
                writer == null ? null : writer + RdsIdentifier.TEMP_SUFFIX,
                b.matching("dbclass", RestoreBlock.DB_CLASS, RestoreBlock.DB_CLASS_SHAPE),
                engine != null ? engine : ref.engine(),
                b.text("subgrp"),
                b.text("dbparamgrp"),
                b.bool("autominor"),
                b.bool("copytagstosnap"),
                b.has("perfinsights") ? insights : null,
                insights ? (retention == null ? 7 : retention) : null,
                insights ? insightsKey : null,
                b.has("enhancedmon") ? monitoring : null,
                monitoring ? (interval == null ? DEFAULT_MONITORING_INTERVAL : interval) : null,
                monitoring ? role : null);
    }
}
