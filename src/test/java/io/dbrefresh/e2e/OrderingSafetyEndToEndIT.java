package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.local.TimingOverrides;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * The ordering claim: the old target's data always exists (the instance or cluster, or its
 * final snapshot) until the new copy is verified available, in every ordering the refresh
 * file allows; and no old database is renamed out of the way. The steps always run in one
 * order; what a file chooses is which of them run. So for every choice of the steps from
 * delete to rename (each on or off), the run is failed at each chosen step, once before the
 * step acts (its AWS call fails) and, for the last rename, once after it acted (its check sees
 * a terminal status). Afterwards the old data exists, under its own name or as a final
 * snapshot, and every database the run did not create still carries the name it had. Where
 * the file deletes what holds the data, each case runs again with {@code finalsnapshot: false}:
 * then the old data goes with the old target by the file's choice, and the claim is that the
 * last copy stays (the old target, or the copy under either name). The source is untouched
 * after every run.
 */
class OrderingSafetyEndToEndIT {

    /** A step of the window, the call that makes it act, and (for a rename) what its check watches. */
    record WindowStep(String id, String block, String operation, String resource, String watched, boolean watchesCluster,
                      String terminal) {

        @Override
        public String toString() {
            return id;
        }

        /**
         * The call this step makes in a run of {@code chosen}: when the copy is renamed into the name
         * (rds: rename-database; aurora: rename-cluster), the old target is renamed away instead of
         * deleted in place (a ModifyDBInstance, or ModifyDBCluster, on its name); null when the step
         * then makes no call of its own (Aurora's delete-old-database: the writer goes with the cluster).
         */
        String operationIn(Path path, List<WindowStep> chosen) {
            boolean renamedIn = chosen.stream().anyMatch(s -> s.id().equals(path.aurora() ? "rename-cluster" : "rename-database"));
            if (!renamedIn) {
                return operation;
            }
            return switch (id) {
                case "delete-old-database" -> path.aurora() ? null : "ModifyDBInstance";
                case "delete-old-cluster" -> "ModifyDBCluster";
                default -> operation;
            };
        }
    }

    /**
     * One service's window and fixture; {@code dataOwner} is the step that deletes what holds the
     * data (the instance, or the Aurora cluster), whose block's final snapshot a file may turn off.
     */
    record Path(String fixture, String source, String target, String finalPrefix, boolean aurora, String dataOwner,
                List<WindowStep> steps) {
    }

    private static final Path RDS = new Path("rds-latestpoint.json", "mysqlinstp", "mysqlinstd", "mysqlinstd-final-", false,
            "delete-old-database", List.of(
            new WindowStep("delete-old-database", "delete", "DeleteDBInstance", "mysqlinstd", null, false, null),
            new WindowStep("rename-database", "rename", "ModifyDBInstance", "mysqlinstdtemp", "mysqlinstd", false, "failed")));

    private static final Path AURORA = new Path("aurora-latestpoint.json", "aumysclup", "aumysclud", "aumysclud-final-", true,
            "delete-old-cluster", List.of(
            new WindowStep("delete-old-database", "delete", "DeleteDBInstance", "aumysinstd", null, false, null),
            new WindowStep("delete-old-cluster", "deletecluster", "DeleteDBCluster", "aumysclud", null, false, null),
            new WindowStep("rename-cluster", "renamecluster", "ModifyDBCluster", "aumyscludtemp", "aumysclud", true,
                    "inaccessible-encryption-credentials"),
            new WindowStep("rename-database", "rename", "ModifyDBInstance", "aumysinstdtemp", "aumysinstd", false, "failed")));

    /** Where the run fails: at the step's own call, before it acts, or at its check, after it acted. */
    enum When { BEFORE_IT_ACTS, AFTER_IT_ACTED }

    static Stream<Arguments> orderings() {
        List<Arguments> cases = new ArrayList<>();
        for (Path path : List.of(RDS, AURORA)) {
            int n = path.steps().size();
            for (int mask = 1; mask < (1 << n); mask++) {
                List<WindowStep> chosen = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if ((mask & (1 << i)) != 0) {
                        chosen.add(path.steps().get(i));
                    }
                }
                if (!RefreshFiles.read(refreshFile(path, chosen)).valid()) {
                    // the file check refuses this choice before anything runs (deletecluster without delete)
                    continue;
                }
                // without a final snapshot only where the old data is deleted: elsewhere the setting changes nothing
                List<Boolean> snapshots = chosen.stream().anyMatch(s -> s.id().equals(path.dataOwner()))
                        ? List.of(true, false) : List.of(true);
                for (boolean finalSnapshot : snapshots) {
                    String service = (path.aurora() ? "aurora" : "rds") + (finalSnapshot ? "" : ", finalsnapshot false");
                    for (WindowStep failing : chosen) {
                        if (failing.operationIn(path, chosen) == null) {
                            continue;
                        }
                        cases.add(Arguments.of(service, names(chosen), path, chosen, failing, When.BEFORE_IT_ACTS, finalSnapshot));
                    }
                    WindowStep last = chosen.get(chosen.size() - 1);
                    if (last.watched() != null) {
                        cases.add(Arguments.of(service, names(chosen), path, chosen, last, When.AFTER_IT_ACTED, finalSnapshot));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} running {1}: fails at {4} {5}")
    @MethodSource("orderings")
    void failureInTheWindow_keepsTheOldDataAndRenamesNoOldDatabaseAway(String service, String running, Path path,
                                                                       List<WindowStep> chosen, WindowStep failing, When when,
                                                                       boolean finalSnapshot) {
        ExecutionInterceptor fault;
        StickyStatus sticky = null;
        if (when == When.BEFORE_IT_ACTS) {
            FaultInjector injector = new FaultInjector(failing.operationIn(path, chosen), failing.resource(), FaultInjector.Kind.SERVER_ERROR,
                    Integer.MAX_VALUE);
            fault = injector;
        } else {
            sticky = (failing.watchesCluster() ? StickyStatus.ofCluster(failing.watched(), failing.terminal())
                    : new StickyStatus(failing.watched(), failing.terminal())).armedAfter(failing.operation(), failing.resource());
            fault = sticky;
        }
        String execution = "os-" + (service + "-" + running + "-" + failing.id() + "-" + when).toLowerCase().replaceAll("[^a-z0-9]+", "-");
        String file = finalSnapshot ? refreshFile(path, chosen) : withoutFinalSnapshot(path, refreshFile(path, chosen));
        try (LocalWorld world = LocalWorld.seededWith(file, new InterceptorChain(fault, new ClusterRenameRepair()))) {
            if (fault instanceof FaultInjector injector) {
                // after seeding, which deletes and renames nothing: the step's call is the only one like it
                injector.arm();
            }
            RdsClient rds = Emulators.clients().rds();
            Set<String> instancesBefore = ids(rds.describeDBInstances().dbInstances().stream().map(DBInstance::dbInstanceIdentifier).toList());
            Set<String> clustersBefore = ids(rds.describeDBClusters().dbClusters().stream().map(DBCluster::dbClusterIdentifier).toList());
            StickyStatus release = sticky;
            ExecutionResult result = world.run(execution, TimingOverrides.NONE, e -> { }, (state, function, input, output) -> {
                if (release != null && state.equals(failing.id() + ": check") && !output.contains("IN_PROGRESS")) {
                    release.release();
                }
            });

            assertThat(result.status()).isEqualTo("FAILED");
            List<Map<String, AttributeValue>> rows = world.historyRows();
            assertThat(rows).hasSize(1);
            String failedStep = rows.get(0).get("failedstep").s();
            List<String> upToFailing = chosen.subList(0, chosen.indexOf(failing) + 1).stream().map(WindowStep::id).toList();
            assertThat(upToFailing).as("the run failed in the window, at the faulty step or before it").contains(failedStep);
            int reached = fault instanceof FaultInjector injector ? injector.injected() : sticky.shown();
            String error = rows.get(0).get("error").s();
            if (reached == 0) {
                // this ordering makes the step, or one before it, refuse on its own: the product refuses a
                // rename onto a name still in use, AWS a cluster deletion while the cluster has instances
                assertThat(error).as("a refusal, not an accident").containsAnyOf("UnsafeTargetException", "InvalidDbClusterStateException");
            } else {
                assertThat(failedStep).isEqualTo(failing.id());
            }

            if (finalSnapshot) {
                assertThat(oldDataExists(rds, path, execution)).as("the old target, not replaced by this run, or its final snapshot").isTrue();
            } else {
                // the file gave up the final snapshot: once the old target is gone, the copy is the last
                // copy of the data, under the temporary name or the target's, and recovery keeps it
                assertThat(oldDataExists(rds, path, execution) || copyExists(rds, path))
                        .as("the old target, or the copy when the old target went without a snapshot").isTrue();
            }
            assertSourceUntouched(rds, path);
            // an old database renamed out of the way would show up under a name it did not have: the swap renames it away,
            // and recovery brings it back, or, once the copy holds the name, deletes it. Only when the copy took the name but
            // looked failed to the run (a terminal status after the rename) does it stay renamed away, kept and marked as
            // the old copy of its name, rather than deleted beside a copy that may not serve
            boolean keptByDesign = when == When.AFTER_IT_ACTED && failing.id().equals(path.aurora() ? "rename-cluster" : "rename-database");
            for (DBInstance i : rds.describeDBInstances().dbInstances()) {
                Map<String, String> t = tags(rds, i.dbInstanceArn());
                if (keptByDesign && i.dbInstanceIdentifier().equals(t.get(RefreshTags.KEPT_AS))
                        && instancesBefore.contains(t.get(RefreshTags.OLD_COPY_OF))) {
                    continue;
                }
                if (!execution.equals(t.get(RefreshTags.EXECUTION))) {
                    assertThat(instancesBefore).as("instance " + i.dbInstanceIdentifier() + ", not created by this run, had this name")
                            .contains(i.dbInstanceIdentifier());
                }
            }
            for (DBCluster c : rds.describeDBClusters().dbClusters()) {
                Map<String, String> t = tags(rds, c.dbClusterArn());
                if (keptByDesign && c.dbClusterIdentifier().equals(t.get(RefreshTags.KEPT_AS))
                        && clustersBefore.contains(t.get(RefreshTags.OLD_COPY_OF))) {
                    continue;
                }
                if (!execution.equals(t.get(RefreshTags.EXECUTION))) {
                    assertThat(clustersBefore).as("cluster " + c.dbClusterIdentifier() + ", not created by this run, had this name")
                            .contains(c.dbClusterIdentifier());
                }
            }
        }
    }

    /** A database under the target's name or the temporary one (this run's copy, which holds production's data). */
    private static boolean copyExists(RdsClient rds, Path path) {
        List<String> names = List.of(path.target(), path.target() + "temp");
        if (path.aurora()) {
            return rds.describeDBClusters().dbClusters().stream()
                    .anyMatch(c -> names.contains(c.dbClusterIdentifier()) && !"deleting".equals(c.status()));
        }
        return rds.describeDBInstances().dbInstances().stream()
                .anyMatch(i -> names.contains(i.dbInstanceIdentifier()) && !"deleting".equals(i.dbInstanceStatus()));
    }

    /** Production is only ever read: the source is there, available, and no refresh marked it. */
    private static void assertSourceUntouched(RdsClient rds, Path path) {
        if (path.aurora()) {
            DBCluster source = rds.describeDBClusters(b -> b.dbClusterIdentifier(path.source())).dbClusters().get(0);
            assertThat(source.status()).as("the source runs").isEqualTo("available");
            assertThat(tags(rds, source.dbClusterArn()).keySet()).as("no refresh marked the source")
                    .noneMatch(k -> k.startsWith("dbrefresh:"));
        } else {
            DBInstance source = rds.describeDBInstances(b -> b.dbInstanceIdentifier(path.source())).dbInstances().get(0);
            assertThat(source.dbInstanceStatus()).as("the source runs").isEqualTo("available");
            assertThat(tags(rds, source.dbInstanceArn()).keySet()).as("no refresh marked the source")
                    .noneMatch(k -> k.startsWith("dbrefresh:"));
        }
    }

    /** The file with the final snapshot of the block that deletes the data turned off. */
    private static String withoutFinalSnapshot(Path path, String json) {
        try {
            JsonNode root = Json.MAPPER.readTree(json);
            ((ObjectNode) root.get(path.aurora() ? "deletecluster" : "delete")).put("finalsnapshot", false);
            return Json.MAPPER.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The old target itself (its name, not this run's copy), or an available final snapshot of it. */
    private static boolean oldDataExists(RdsClient rds, Path path, String execution) {
        // renamed away by the swap and not deleted: the old target under its kept name
        boolean kept = path.aurora()
                ? rds.describeDBClusters().dbClusters().stream().anyMatch(c -> path.target().equals(tags(rds, c.dbClusterArn())
                        .get(RefreshTags.OLD_COPY_OF)) && !c.dbClusterIdentifier().equals(path.target()) && !"deleting".equals(c.status()))
                : rds.describeDBInstances().dbInstances().stream().anyMatch(i -> path.target().equals(tags(rds, i.dbInstanceArn())
                        .get(RefreshTags.OLD_COPY_OF)) && !i.dbInstanceIdentifier().equals(path.target())
                        && !"deleting".equals(i.dbInstanceStatus()));
        if (kept) {
            return true;
        }
        if (path.aurora()) {
            boolean old = rds.describeDBClusters().dbClusters().stream().anyMatch(c -> c.dbClusterIdentifier().equals(path.target())
                    && !execution.equals(tags(rds, c.dbClusterArn()).get(RefreshTags.EXECUTION)));
            return old || rds.describeDBClusterSnapshots(b -> b.snapshotType("manual")).dbClusterSnapshots().stream()
                    .anyMatch(s -> s.dbClusterSnapshotIdentifier().startsWith(path.finalPrefix()) && "available".equals(s.status()));
        }
        boolean old = rds.describeDBInstances().dbInstances().stream().anyMatch(i -> i.dbInstanceIdentifier().equals(path.target())
                && !execution.equals(tags(rds, i.dbInstanceArn()).get(RefreshTags.EXECUTION)));
        return old || rds.describeDBSnapshots(b -> b.snapshotType("manual")).dbSnapshots().stream()
                .anyMatch(s -> s.dbSnapshotIdentifier().startsWith(path.finalPrefix()) && "available".equals(s.status()));
    }

    /** The fixture with only the chosen steps of the window running. */
    private static String refreshFile(Path path, List<WindowStep> chosen) {
        try {
            JsonNode root = Json.MAPPER.readTree(LocalWorld.fixture(path.fixture()));
            for (WindowStep s : path.steps()) {
                ((ObjectNode) root.get(s.block())).put("torun", chosen.contains(s));
            }
            return Json.MAPPER.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> tags(RdsClient rds, String arn) {
        Map<String, String> tags = new HashMap<>();
        rds.listTagsForResource(b -> b.resourceName(arn)).tagList().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    private static Set<String> ids(List<String> ids) {
        return new HashSet<>(ids);
    }

    private static String names(List<WindowStep> steps) {
        return String.join("+", steps.stream().map(WindowStep::block).toList());
    }
}
