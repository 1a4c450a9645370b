package io.dbrefresh.refreshfile;

import java.util.List;
import java.util.function.Function;

/**
 * The original solution made the DBA repeat the target's names in almost every block
 * ({@code rename.dbinstance} = target + "temp", {@code fixtags.dbarn}, the check blocks...).
 * They are accepted, since they cost nothing to read, and they must agree with the restore
 * block: a contradiction is a mistake in the file, and guessing which side is right would
 * rename or delete the wrong database.
 */
final class RedundantIds {

    /** What a repeated id must be, and the path(s) it follows from, for the message. */
    private record Expected(String value, String from) {
    }

    private record Id(String block, String key, Function<Reference, Expected> expected) {
    }

    private static Expected target(Reference r) {
        return new Expected(r.target(), r.aurora() ? "/restore/targetcluster" : "/restore/target");
    }

    private static Expected temp(Reference r) {
        return new Expected(r.temp(), (r.aurora() ? "/restore/targetcluster" : "/restore/target") + " + \"temp\"");
    }

    private static Expected instance(Reference r) {
        return r.aurora() ? new Expected(r.instance(), "/createinstance/dbinstance") : target(r);
    }

    private static Expected tempInstance(Reference r) {
        return r.aurora() ? new Expected(r.tempInstance(), "/createinstance/dbinstance + \"temp\"") : temp(r);
    }

    private static final List<Id> IDS = List.of(
            new Id("deletereplicas", "dbinstance", RedundantIds::target),
            new Id("deletereplicas", "cluster", RedundantIds::target),
            new Id("deletereplicas.check", "dbinstance", RedundantIds::target),
            new Id("deletereplicas.check", "cluster", RedundantIds::target),
            new Id("stopdb", "dbinstance", RedundantIds::target),
            new Id("stopdb.check", "dbinstance", RedundantIds::target),
            new Id("restore.check", "dbinstance", RedundantIds::temp),
            new Id("restore.check", "cluster", RedundantIds::temp),
            new Id("createinstance", "cluster", RedundantIds::temp),
            new Id("createinstance.check", "dbinstance", RedundantIds::tempInstance),
            new Id("delete", "dbinstance", RedundantIds::instance),
            new Id("delete.check", "dbinstance", RedundantIds::instance),
            new Id("deletecluster", "cluster", RedundantIds::target),
            new Id("deletecluster.check", "cluster", RedundantIds::target),
            new Id("renamecluster", "cluster", RedundantIds::temp),
            new Id("renamecluster.check", "cluster", RedundantIds::target),
            new Id("rename", "dbinstance", RedundantIds::tempInstance),
            new Id("rename.check", "dbinstance", RedundantIds::instance),
            new Id("fixtags", "dbinstance", RedundantIds::instance),
            new Id("fixtags", "cluster", RedundantIds::target),
            new Id("fixtags", "dbarn", RedundantIds::instance),
            new Id("fixtags", "cluarn", RedundantIds::target),
            new Id("fixtags.check", "dbinstance", RedundantIds::instance),
            new Id("fixtags.check", "cluster", RedundantIds::target),
            new Id("fixtags.check", "dbarn", RedundantIds::instance),
            new Id("fixtags.check", "cluarn", RedundantIds::target),
            new Id("createreplicas", "dbinstance", RedundantIds::instance),
            new Id("createreplicas", "cluster", RedundantIds::target),
            new Id("changemasterpwd", "dbinstance", RedundantIds::target),
            new Id("changemasterpwd", "cluster", RedundantIds::target),
            new Id("changemasterpwd.check", "dbinstance", RedundantIds::target),
            new Id("changemasterpwd.check", "cluster", RedundantIds::target),
            new Id("rotatemasterpwd", "dbinstance", RedundantIds::instance),
            new Id("rotatemasterpwd", "cluster", RedundantIds::target),
            new Id("runscripts", "dbinstance", RedundantIds::instance),
            new Id("runscripts", "cluster", RedundantIds::target),
            new Id("updatedynamodb", "dbinstance", RedundantIds::instance),
            new Id("sendmsg", "dbinstance", RedundantIds::instance));

    private RedundantIds() {
    }

    static void check(Blocks blocks, Reference ref) {
        for (StepId step : StepId.values()) {
            Block b = blocks.get(step);
            if (b == null || !ServiceScope.applies(step, ref.service())) {
                continue;
            }
            for (Id id : IDS) {
                Block where = id.block().equals(step.block()) ? b
                        : id.block().equals(step.block() + ".check") ? b.check() : null;
                if (where != null && where.has(id.key())) {
                    check(where, id.key(), ref.service() == null ? null : id.expected().apply(ref));
                }
            }
        }
    }

    private static void check(Block b, String key, Expected expected) {
        boolean arn = key.endsWith("arn");
        String given = arn ? b.text(key) : b.identifier(key);
        if (given == null) {
            return;
        }
        String name = given;
        if (arn) {
            String type = key.equals("cluarn") ? RdsArn.CLUSTER : RdsArn.DB;
            RdsArn parsed = RdsArn.parse(given);
            if (parsed == null || !parsed.type().equals(type)) {
                b.error(key, "must be an ARN of the form " + RdsArn.shape(type) + "; found \"" + given + "\"");
                return;
            }
            name = parsed.name();
        }
        if (expected == null || expected.value() == null) {
            return;  // the restore block's side is missing or wrong, and was reported there
        }
        if (!RdsIdentifier.same(name, expected.value())) {
            b.error(key, "contradicts " + expected.from() + ": " + (arn ? "its name " : "") + "must be \"" + expected.value()
                    + "\", found \"" + name + "\"");
        }
    }
}
