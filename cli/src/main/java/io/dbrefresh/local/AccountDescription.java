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
 * replicas) and their snapshots, its Aurora clusters (engine, tags, writer, readers) and theirs. A local run then seeds exactly these instead of what the
 * refresh file expects, so the refresh is rehearsed against the account as it is; a refresh
 * file naming a database or snapshot the account lacks fails before anything starts, naming it.
 * See docs/local-engine.md for the format.
 */
public record AccountDescription(Path file, List<Instance> instances, List<Snapshot> snapshots, List<Cluster> clusters,
                                 List<ClusterSnapshot> clusterSnapshots) {

    /** An RDS instance of the account. */
    public record Instance(String id, String engine, String dbClass, Map<String, String> tags, List<Replica> replicas) {
    }

    /** A read replica of an instance. */
    public record Replica(String id, String dbClass) {
    }

    /** A manual snapshot of an instance. */
    public record Snapshot(String id, String instance) {
    }

    /** An Aurora cluster of the account: its writer and readers are instances of it. */
    public record Cluster(String id, String engine, Map<String, String> tags, Member writer, List<Member> readers) {
    }

    /** An instance of a cluster. */
    public record Member(String id, String dbClass) {
    }

    /** A manual snapshot of a cluster. */
    public record ClusterSnapshot(String id, String cluster) {
    }

    // in the order an unknown key's message lists them
    private static final List<String> TOP = List.of("comment", "instances", "snapshots", "clusters", "clustersnapshots");
    private static final List<String> INSTANCE = List.of("id", "engine", "class", "tags", "replicas");
    private static final List<String> CLUSTER = List.of("id", "engine", "tags", "writer", "readers");
    private static final String DEFAULT_CLASS = "db.t3.medium";
    private static final String DEFAULT_CLUSTER_CLASS = "db.r6g.large";

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
        List<Cluster> clusters = new ArrayList<>();
        List<ClusterSnapshot> clusterSnapshots = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new LocalRefresh.LocalRunException("account file " + file + ": must be a JSON object with instances or clusters");
        }
        unknownKeys(root, "", TOP, problems);
        JsonNode list = root.path("instances");
        JsonNode clusterList = root.path("clusters");
        if (!list.isMissingNode() && !list.isArray()) {
            problems.add("/instances: must be a list");
        }
        if (!clusterList.isMissingNode() && !clusterList.isArray()) {
            problems.add("/clusters: must be a list");
        }
        if (list.isEmpty() && clusterList.isEmpty()) {
            problems.add("/instances: must list the account's instances, or /clusters its clusters (at least the refresh's source)");
        }
        for (int i = 0; list.isArray() && i < list.size(); i++) {
            instances.add(instance(list.get(i), "/instances/" + i, problems));
        }
        for (int i = 0; clusterList.isArray() && i < clusterList.size(); i++) {
            clusters.add(cluster(clusterList.get(i), "/clusters/" + i, problems));
        }
        List<String> instanceIds = instances.stream().map(Instance::id).toList();
        forEachSnapshot(root, "snapshots", "instance", instanceIds, problems, (id, of) -> snapshots.add(new Snapshot(id, of)));
        List<String> clusterIds = clusters.stream().map(Cluster::id).toList();
        forEachSnapshot(root, "clustersnapshots", "cluster", clusterIds, problems,
                (id, of) -> clusterSnapshots.add(new ClusterSnapshot(id, of)));
        if (!problems.isEmpty()) {
            throw new LocalRefresh.LocalRunException("account file " + file + " is invalid:" + System.lineSeparator() + "  "
                    + String.join(System.lineSeparator() + "  ", problems));
        }
        return new AccountDescription(file, List.copyOf(instances), List.copyOf(snapshots), List.copyOf(clusters),
                List.copyOf(clusterSnapshots));
    }

    /** Reads the snapshots listed under {@code key}, each of one of {@code owners} named by {@code ownerKey}. */
    private static void forEachSnapshot(JsonNode root, String key, String ownerKey, List<String> owners, List<String> problems,
                                        java.util.function.BiConsumer<String, String> each) {
        JsonNode snaps = root.path(key);
        if (!snaps.isMissingNode() && !snaps.isArray()) {
            problems.add("/" + key + ": must be a list");
            return;
        }
        for (int i = 0; i < snaps.size(); i++) {
            String at = "/" + key + "/" + i;
            String id = text(snaps.get(i), "id", at, problems);
            String of = text(snaps.get(i), ownerKey, at, problems);
            if (of != null && !owners.contains(of)) {
                problems.add(at + "/" + ownerKey + ": " + of + " is not one of the account's " + ownerKey + "s");
            }
            each.accept(id, of);
        }
    }

    private static void unknownKeys(JsonNode node, String at, List<String> known, List<String> problems) {
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                problems.add(at + "/" + k + ": unknown key (known: " + String.join(", ", known) + ")");
            }
        });
    }

    private static Cluster cluster(JsonNode node, String at, List<String> problems) {
        unknownKeys(node, at, CLUSTER, problems);
        String id = text(node, "id", at, problems);
        String engine = text(node, "engine", at, problems);
        if (engine != null && !engine.startsWith("aurora-")) {
            problems.add(at + "/engine: a cluster runs aurora-mysql or aurora-postgresql, not " + engine);
        }
        Member writer = node.has("writer") ? member(node.path("writer"), at + "/writer", DEFAULT_CLUSTER_CLASS, problems)
                : new Member(id + "-writer", DEFAULT_CLUSTER_CLASS);
        List<Member> readers = new ArrayList<>();
        JsonNode rs = node.path("readers");
        for (int i = 0; i < rs.size(); i++) {
            readers.add(member(rs.get(i), at + "/readers/" + i, writer.dbClass(), problems));
        }
        return new Cluster(id, engine, tags(node, at, problems), writer, List.copyOf(readers));
    }

    private static Member member(JsonNode node, String at, String defaultClass, List<String> problems) {
        return new Member(text(node, "id", at, problems), node.path("class").isTextual() ? node.path("class").asText() : defaultClass);
    }

    private static Map<String, String> tags(JsonNode node, String at, List<String> problems) {
        Map<String, String> tags = new LinkedHashMap<>();
        node.path("tags").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                tags.put(e.getKey(), e.getValue().asText());
            } else {
                problems.add(at + "/tags/" + e.getKey() + ": must be a string");
            }
        });
        return Map.copyOf(tags);
    }

    private static Instance instance(JsonNode node, String at, List<String> problems) {
        unknownKeys(node, at, INSTANCE, problems);
        String id = text(node, "id", at, problems);
        String engine = text(node, "engine", at, problems);
        String dbClass = node.path("class").isTextual() ? node.path("class").asText() : DEFAULT_CLASS;
        Map<String, String> tags = tags(node, at, problems);
        List<Replica> replicas = new ArrayList<>();
        JsonNode rs = node.path("replicas");
        for (int i = 0; i < rs.size(); i++) {
            String rid = text(rs.get(i), "id", at + "/replicas/" + i, problems);
            replicas.add(new Replica(rid, rs.get(i).path("class").isTextual() ? rs.get(i).path("class").asText() : dbClass));
        }
        return new Instance(id, engine, dbClass, tags, List.copyOf(replicas));
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
        boolean aurora = plan.service() == DbService.AURORA;
        String kind = aurora ? "cluster" : "instance";
        List<String> ids = aurora ? clusters.stream().map(Cluster::id).toList() : instances.stream().map(Instance::id).toList();
        // a snapshot and the database it is of, as the service keeps them
        Map<String, String> snapshotsOf = new LinkedHashMap<>();
        if (aurora) {
            clusterSnapshots.forEach(s -> snapshotsOf.put(s.id(), s.cluster()));
        } else {
            snapshots.forEach(s -> snapshotsOf.put(s.id(), s.instance()));
        }
        List<String> missing = new ArrayList<>();
        String source = RdsArn.nameOf(plan.source());
        if (!ids.contains(source)) {
            missing.add("the source " + kind + " " + source);
        }
        boolean targetExpected = plan.runs(StepId.STOP_OLD_DATABASE) || plan.runs(StepId.DELETE_OLD_DATABASE)
                || plan.runs(StepId.DELETE_OLD_CLUSTER) || plan.runs(StepId.DELETE_REPLICAS);
        if (targetExpected && !ids.contains(plan.target())) {
            missing.add("the current target " + kind + " " + plan.target());
        }
        if (plan.restore().restoreType() == RestoreType.FROM_SNAPSHOT) {
            String named = plan.restore().snapshot();
            String what = aurora ? "cluster snapshot " : "snapshot ";
            if (named != null && !snapshotsOf.containsKey(RdsArn.nameOf(named))) {
                missing.add(what + RdsArn.nameOf(named));
            } else if (named == null && !snapshotsOf.containsValue(source)) {
                missing.add("a " + what + "of " + source + " (the file restores its newest)");
            }
        }
        if (!missing.isEmpty()) {
            Set<String> held = new TreeSet<>(ids);
            snapshotsOf.keySet().forEach(s -> held.add((aurora ? "cluster snapshot " : "snapshot ") + s));
            throw new LocalRefresh.LocalRunException("local run: the refresh file names " + String.join(", ", missing)
                    + ", which account file " + file + " does not hold (it holds " + String.join(", ", held) + ")");
        }
    }

    /** The instance named {@code id}, or null. */
    public Instance instance(String id) {
        return instances.stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
    }
}
