package io.dbrefresh.refreshfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads createreplicas: the replicas (rds) or reader instances (aurora) of the new target. */
final class CreateReplicasBlock {

    private CreateReplicasBlock() {
    }

    static ReplicaSpec read(Block b, boolean runs, boolean deleteReplicasRuns, Reference ref) {
        if (b == null) {
            return null;
        }
        List<Replica> replicas = replicas(b, ref);
        if (runs && !b.has("replicas") && !deleteReplicasRuns) {
            b.error("replicas", "missing: name the replicas to create (name_class,name_class), or run deletereplicas so that the replicas it removes are recreated");
        }
        Block check = b.check();
        List<String> listed = check == null ? null : check.list("replicas");
        if (listed != null && replicas != null) {
            Set<String> names = new HashSet<>();
            replicas.forEach(r -> names.add(r.name().toLowerCase(Locale.ROOT)));
            if (!names.equals(new HashSet<>(listed.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList()))) {
                check.error("replicas", "lists " + String.join(",", listed) + " but " + b.pathOf("replicas")
                        + " creates " + String.join(",", replicas.stream().map(Replica::name).toList()) + ": they must name the same replicas");
            }
        }
        String engine = b.choice("engine", RestoreBlock.ENGINES);
        if (engine != null && ref.service() != null && engine.startsWith("aurora-") != ref.aurora()) {
            b.error("engine", "is " + engine + ", which is not an engine of dbservice " + ref.service().json());
            engine = null;
        }
        if (engine != null && ref.engine() != null && !engine.equals(ref.engine())) {
            b.error("engine", "is " + engine + " but the file's engine is " + ref.engine() + " (/restore/engine or /createinstance/engine): replicas run their primary's engine");
            engine = null;
        }
        return new ReplicaSpec(
                replicas == null ? List.of() : replicas,
                engine != null ? engine : ref.engine(),
                b.text("subgrp"),
                b.text("dbparamgrp"),
                b.bool("autominor"),
                b.bool("copytagstosnap"),
                b.choice("replicamode", EngineRules.REPLICA_MODES));
    }

    /** {@code name_class,name_class}; null when absent (recreate what delete-replicas removed) or wrong. */
    private static List<Replica> replicas(Block b, Reference ref) {
        List<String> items = b.list("replicas");
        if (items == null) {
            return null;
        }
        List<Replica> replicas = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String item : items) {
            String[] parts = item.split("_", -1);
            if (parts.length != 2) {
                b.error("replicas", "must be name_class pairs separated by commas, such as \"mysqlinstd-r1_db.t3.micro,mysqlinstd-r2_db.t3.small\"; found \"" + item + "\"");
                return null;
            }
            String name = parts[0];
            String problem = RdsIdentifier.problem(name);
            if (problem != null) {
                b.error("replicas", "replica name " + problem);
                return null;
            }
            if (!RestoreBlock.DB_CLASS.matcher(parts[1]).matches()) {
                b.error("replicas", "the class of replica " + name + " must be " + RestoreBlock.DB_CLASS_SHAPE + "; found \"" + parts[1] + "\"");
                return null;
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                b.error("replicas", "names replica " + name + " twice");
                return null;
            }
            for (String taken : new String[] {ref.target(), ref.instance(), ref.temp(), ref.tempInstance()}) {
                if (RdsIdentifier.same(name, taken)) {
                    b.error("replicas", "replica " + name + " has the name of the target or its temporary copy");
                    return null;
                }
            }
            if (ref.source() != null && RdsIdentifier.same(name, RdsArn.nameOf(ref.source()))) {
                b.error("replicas", "replica " + name + " has the name of the production source: RDS would refuse to create it,"
                        + " after the old target was deleted");
                return null;
            }
            replicas.add(new Replica(RdsIdentifier.normal(name), parts[1]));
        }
        return List.copyOf(replicas);
    }
}
