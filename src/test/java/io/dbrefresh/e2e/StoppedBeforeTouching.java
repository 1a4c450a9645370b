package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import io.dbrefresh.local.ExecutionEvent;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * What a run stopped by one of the checks before the first change (guard-target, preflight)
 * must leave: only the states of its stopping path entered, and the seeded RDS target
 * {@code mysqlinstd} with its two replicas exactly as the world made them.
 */
final class StoppedBeforeTouching {

    private StoppedBeforeTouching() {
    }

    /** Every state the run entered is on {@code path}, and {@code stoppingState} was one of them. */
    static void assertOnlyThePathRan(LocalWorld world, String stoppingState, Set<String> path) {
        List<String> entered;
        synchronized (world.events) {
            entered = world.events.stream().filter(e -> "StateEntered".equals(e.type())).map(ExecutionEvent::state).toList();
        }
        assertThat(entered).contains(stoppingState).allMatch(path::contains);
    }

    /** mysqlinstd available with its own data and replicas, no other database, no final snapshot taken. */
    static void assertTheOldTargetIsUntouched() {
        RdsClient rds = Emulators.clients().rds();
        DBInstance target = describe(rds, "mysqlinstd");
        assertThat(target.dbInstanceStatus()).isEqualTo("available");
        assertThat(target.allocatedStorage()).as("still the old target's own data").isEqualTo(50);
        assertThat(target.readReplicaDBInstanceIdentifiers()).containsExactlyInAnyOrder("mysqlinstd-r1", "mysqlinstd-r2");
        assertThat(rds.describeDBInstances().dbInstances()).extracting(DBInstance::dbInstanceIdentifier)
                .containsExactlyInAnyOrder("mysqlinstp", "mysqlinstd", "mysqlinstd-r1", "mysqlinstd-r2");
        assertThat(rds.describeDBSnapshots(b -> b.snapshotType("manual")).dbSnapshots())
                .as("no final snapshot: nothing was deleted").noneMatch(s -> s.dbSnapshotIdentifier().startsWith("mysqlinstd-final-"));
    }

    static DBInstance describe(RdsClient rds, String id) {
        return rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().get(0);
    }
}
