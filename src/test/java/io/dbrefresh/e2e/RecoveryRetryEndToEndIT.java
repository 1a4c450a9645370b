package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.dbrefresh.execution.RecoveryReport;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.local.TimingOverrides;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.steps.Recover;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * Recovery is safe to retry: a refresh fails at a step where recovery acts (it starts the old
 * target, deletes the temp copy or the temp cluster), then the recovery task runs again with
 * the same input, as a Lambda retry or an operator would. The second run must not fail, must
 * make no call that changes anything, must leave the world as the first left it, and must say
 * the old data is where the first said.
 */
class RecoveryRetryEndToEndIT {

    /** A failure recovery acts on: the fixture, the fault, and the state whose check failing releases a status fault. */
    record Failure(String name, String fixture, Supplier<ExecutionInterceptor> fault, String check) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                // the old target was stopped and the temp copy restored: recovery starts one and deletes the other
                Arguments.of(new Failure("rds, restore ends in incompatible-restore", "rds-latestpoint.json",
                        () -> new StickyStatus("mysqlinstdtemp", "incompatible-restore")
                                .armedAfter("RestoreDBInstanceToPointInTime", "mysqlinstdtemp"), "perform-restore: check")),
                // the old target is deleted, its final snapshot holds its data: recovery deletes the temp copy
                Arguments.of(new Failure("rds, 5xx at rename-database", "rds-latestpoint.json",
                        () -> armed(new FaultInjector("ModifyDBInstance", "mysqlinstdtemp", FaultInjector.Kind.SERVER_ERROR, Integer.MAX_VALUE)),
                        null)),
                // the temp cluster has its writer, which failed: recovery deletes both
                Arguments.of(new Failure("aurora, writer ends in incompatible-parameters", "aurora-latestpoint.json",
                        () -> new StickyStatus("aumysinstdtemp", "incompatible-parameters")
                                .armedAfter("CreateDBInstance", "aumysinstdtemp"), "create-instance: check")),
                // the old cluster is deleted, its final snapshot holds its data: recovery deletes the temp cluster and writer
                Arguments.of(new Failure("aurora, 5xx at rename-cluster", "aurora-latestpoint.json",
                        () -> armed(new FaultInjector("ModifyDBCluster", "aumyscludtemp", FaultInjector.Kind.SERVER_ERROR, Integer.MAX_VALUE)),
                        null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void recoveryRunTwice_secondRunChangesNothingAndFindsTheOldDataWhereTheFirstDid(Failure failure) throws Exception {
        // each fault is picked by its request: seeding and the steps before the faulty one make none of these calls
        ExecutionInterceptor fault = failure.fault().get();
        String execution = "rr-" + failure.name().replaceAll("[^a-z0-9]+", "-");
        AtomicReference<String> recoverInput = new AtomicReference<>();
        AtomicReference<String> recoverOutput = new AtomicReference<>();
        try (LocalWorld world = LocalWorld.seeded(failure.fixture(), new InterceptorChain(fault, new ClusterRenameRepair()))) {
            ExecutionResult result = world.run(execution, TimingOverrides.NONE, e -> { }, (state, function, input, output) -> {
                if (fault instanceof StickyStatus sticky && state.equals(failure.check()) && !output.contains("IN_PROGRESS")) {
                    sticky.release();
                }
                if ("recover".equals(state)) {
                    recoverInput.set(input);
                    recoverOutput.set(output);
                }
            });
            assertThat(result.status()).isEqualTo("FAILED");
            RecoveryReport first = Json.MAPPER.readValue(recoverOutput.get(), RecoveryReport.class);
            assertThat(first.actions()).as("the first run of recovery acted, else its retry proves nothing").isNotEmpty();

            RdsClient plain = Emulators.clients().rds();
            List<String> before = world(plain);
            CallRecorder calls = new CallRecorder();
            Recover again = new Recover(new StepEnvironment(Emulators.clients(calls), Clock.systemUTC(), 0, LocalWorld.TABLE, null));
            RecoveryReport second = Json.MAPPER.readValue(again.handle(recoverInput.get()), RecoveryReport.class);

            assertThat(second.recoveryError()).isNull();
            assertThat(second.actions()).as("nothing left to do").isEmpty();
            assertThat(calls.operations()).as("the second run only looks").isNotEmpty()
                    .allSatisfy(op -> assertThat(op).matches("Describe.*|ListTagsForResource"));
            assertThat(world(plain)).isEqualTo(before);
            assertThat(second.oldDataAt()).isEqualTo(first.oldDataAt());
            assertThat(second.failedStep()).isEqualTo(first.failedStep());
        }
    }

    private static FaultInjector armed(FaultInjector injector) {
        injector.arm();
        return injector;
    }

    /** The instances, clusters and snapshots of the emulated account with their statuses. */
    private static List<String> world(RdsClient rds) {
        TreeSet<String> seen = new TreeSet<>();
        rds.describeDBInstances().dbInstances().forEach(i -> seen.add("instance " + i.dbInstanceIdentifier() + " " + i.dbInstanceStatus()));
        rds.describeDBClusters().dbClusters().forEach(c -> seen.add("cluster " + c.dbClusterIdentifier() + " " + c.status()));
        rds.describeDBSnapshots().dbSnapshots().forEach(s -> seen.add("snapshot " + s.dbSnapshotIdentifier() + " " + s.status()));
        rds.describeDBClusterSnapshots().dbClusterSnapshots().forEach(s -> seen.add("cluster snapshot " + s.dbClusterSnapshotIdentifier()
                + " " + s.status()));
        return new ArrayList<>(seen);
    }

    /** Every AWS operation the clients it is given make. */
    static final class CallRecorder implements ExecutionInterceptor {

        private final List<String> operations = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }

        List<String> operations() {
            return List.copyOf(operations);
        }
    }
}
