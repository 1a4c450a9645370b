package io.dbrefresh.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RdsArn;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;

/**
 * What an emulated account holds, as written in an account description file for
 * {@code dbrefresh run --local --account FILE}: its RDS instances (engine, class, tags, read
 * replicas) and its snapshots. A local run then seeds exactly these instead of what the
 * refresh file expects, so the refresh is rehearsed against the account as it is; a refresh
 * file naming a database or snapshot the account lacks fails before anything starts, naming it.
 * See docs/local-engine.md for the format.
 */
public record AccountDescription(Path file, List<Instance> instances, List<Snapshot> snapshots) {

    /** An RDS instance of the account. */
    public record Instance(String id, String engine, String dbClass, Map<String, String> tags, List<Replica> replicas) {
    }

    /** A read replica of an instance. */
    public record Replica(String id, String dbClass) {
    }

    /** A manual snapshot of an instance. */
    public record Snapshot(String id, String instance) {
    }

    private static final Set<String> TOP = Set.of("comment", "instances", "snapshots");
    private static final Set<String> INSTANCE = Set.of("id", "engine", "class", "tags", "replicas");

    /** Reads and checks the file; every problem is reported at once, by JSON path. */
    public static AccountDescription read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new LocalRefresh.LocalRunException("account file " + file + " cannot be read: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        List<Instance> instances = new ArrayList<>();
        List<Snapshot> snapshots = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new LocalRefresh.LocalRunException("account file " + file + ": must be a JSON object with instances and snapshots");
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!TOP.contains(k)) {
                problems.add("/" + k + ": unknown key (known: comment, instances, snapshots)");
            }
        });
        JsonNode list = root.path("instances");
        if (!list.isArray() || list.isEmpty()) {
            problems.add("/instances: must list the account's instances (at least the refresh's source)");
        } else {
            for (int i = 0; i < list.size(); i++) {
                instances.add(instance(list.get(i), "/instances/" + i, problems));
            }
        }
        JsonNode snaps = root.path("snapshots");
        if (!snaps.isMissingNode() && !snaps.isArray()) {
            problems.add("/snapshots: must be a list");
        } else {
            for (int i = 0; i < snaps.size(); i++) {
                String at = "/snapshots/" + i;
                String id = text(snaps.get(i), "id", at, problems);
                String of = text(snaps.get(i), "instance", at, problems);
                if (of != null && instances.stream().noneMatch(x -> of.equals(x.id()))) {
                    problems.add(at + "/instance: " + of + " is not one of the account's instances");
                }
                snapshots.add(new Snapshot(id, of));
            }
        }
        if (!problems.isEmpty()) {
            throw new LocalRefresh.LocalRunException("account file " + file + " is invalid:" + System.lineSeparator() + "  "
                    + String.join(System.lineSeparator() + "  ", problems));
        }
        return new AccountDescription(file, List.copyOf(instances), List.copyOf(snapshots));
    }

    private static Instance instance(JsonNode node, String at, List<String> problems) {
        node.fieldNames().forEachRemaining(k -> {
            if (!INSTANCE.contains(k)) {
                problems.add(at + "/" + k + ": unknown key (known: id, engine, class, tags, replicas)");
            }
        });
        String id = text(node, "id", at, problems);
        String engine = text(node, "engine", at, problems);
        String dbClass = node.path("class").isTextual() ? node.path("class").asText() : "db.t3.medium";
        Map<String, String> tags = new LinkedHashMap<>();
        node.path("tags").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                tags.put(e.getKey(), e.getValue().asText());
            } else {
                problems.add(at + "/tags/" + e.getKey() + ": must be a string");
            }
        });
        List<Replica> replicas = new ArrayList<>();
        JsonNode rs = node.path("replicas");
        for (int i = 0; i < rs.size(); i++) {
            String rid = text(rs.get(i), "id", at + "/replicas/" + i, problems);
            replicas.add(new Replica(rid, rs.get(i).path("class").isTextual() ? rs.get(i).path("class").asText() : dbClass));
        }
        return new Instance(id, engine, dbClass, Map.copyOf(tags), List.copyOf(replicas));
    }

    private static String text(JsonNode node, String key, String at, List<String> problems) {
        JsonNode v = node.path(key);
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(at + "/" + key + ": required (a string)");
            return null;
        }
        return v.asText();
    }

    /**
     * Refuses a refresh file that names what this account does not hold: its source, its
     * current target when the steps expect one, the snapshot it names, or for a newest-snapshot
     * restore any snapshot of the source. Every missing thing is named.
     */
    public void refuseWhatItLacks(RefreshPlan plan) {
        if (plan.service() == DbService.AURORA) {
            throw new LocalRefresh.LocalRunException("account file " + file + ": describes RDS instances; an Aurora refresh file "
                    + "runs locally without --account (its account is seeded from the file)");
        }
        List<String> missing = new ArrayList<>();
        String source = RdsArn.nameOf(plan.source());
        if (instance(source) == null) {
            missing.add("the source instance " + source);
        }
        boolean targetExpected = plan.runs(StepId.STOP_OLD_DATABASE) || plan.runs(StepId.DELETE_OLD_DATABASE)
                || plan.runs(StepId.DELETE_REPLICAS);
        if (targetExpected && instance(plan.target()) == null) {
            missing.add("the current target instance " + plan.target());
        }
        if (plan.restore().restoreType() == RestoreType.FROM_SNAPSHOT) {
            String named = plan.restore().snapshot();
            if (named != null && snapshots.stream().noneMatch(s -> s.id().equals(RdsArn.nameOf(named)))) {
                missing.add("snapshot " + RdsArn.nameOf(named));
            } else if (named == null && snapshots.stream().noneMatch(s -> s.instance().equals(source))) {
                missing.add("a snapshot of " + source + " (the file restores its newest)");
            }
        }
        if (!missing.isEmpty()) {
            Set<String> held = new TreeSet<>();
            instances.forEach(i -> held.add(i.id()));
            snapshots.forEach(s -> held.add("snapshot " + s.id()));
            throw new LocalRefresh.LocalRunException("local run: the refresh file names " + String.join(", ", missing)
                    + ", which account file " + file + " does not hold (it holds " + String.join(", ", held) + ")");
        }
    }

    /** The instance named {@code id}, or null. */
    public Instance instance(String id) {
        return instances.stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
    }
}
