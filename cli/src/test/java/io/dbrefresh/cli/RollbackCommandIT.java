package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Tag;

/** {@code dbrefresh rollback} and {@code dbrefresh cleanup} against moto. */
class RollbackCommandIT {

    private RdsClient rds;

    @BeforeEach
    void aTarget() {
        Emulators.reset();
        rds = Emulators.clients().rds();
        instance("mysqlinstd", "old");
    }

    @Test
    void rollback_withoutAKeptCopy_refusesClearly_andChangesNothing() {
        CliRun run = CliRun.of("rollback", "--endpoint-url", Emulators.endpoint().toString(), "mysqlinstd");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("refused: no old copy of mysqlinstd is kept");
        assertThat(tags("mysqlinstd")).containsEntry("data", "old");
    }

    @Test
    void rollback_swapsTheKeptCopyBackUnderTheName() {
        keptAndRefreshed(Duration.ofDays(3));

        CliRun run = CliRun.of("rollback", "--endpoint-url", Emulators.endpoint().toString(), "MySQLInstD");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("mysqlinstd is the old copy again",
                "secrets unchanged: the admin secret still holds the refreshed copy's password; mysqlinstd now answers to the password it had");
        assertThat(tags("mysqlinstd")).containsEntry("data", "old").doesNotContainKey(RefreshTags.OLD_COPY_OF);
    }

    @Test
    void cleanup_deletesOnlyExpiredKeptCopies_andADryRunDeletesNothing() {
        String kept = keptAndRefreshed(Duration.ofHours(1).negated());
        instance("otherdb", "other");
        new OldCopies(new RdsInstances(rds)).keepAway("otherdb", null, Duration.ofDays(5), false, "exec-2", Instant.now());

        CliRun dry = CliRun.of("cleanup", "--endpoint-url", Emulators.endpoint().toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(dry.out()).contains(kept + ": old copy of mysqlinstd", "expired", "otherdb-old-", "kept until", "nothing deleted");
        assertThat(new OldCopies(new RdsInstances(rds)).answers(kept)).isTrue();

        CliRun run = CliRun.of("cleanup", "--endpoint-url", Emulators.endpoint().toString());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("deleting " + kept, "without a final snapshot");
        OldCopies copies = new OldCopies(new RdsInstances(rds));
        assertThat(copies.answers(kept)).isFalse();
        assertThat(copies.copiesOf("otherdb")).as("not expired: kept").hasSize(1);
        assertThat(copies.answers("mysqlinstd")).as("the live target is never removed").isTrue();
    }

    /** The old target kept (expiring after {@code grace}) and a refreshed copy under its name; returns the kept name. */
    private String keptAndRefreshed(Duration grace) {
        instance("mysqlinstdtemp", "new");
        OldCopies.Kept kept = new OldCopies(new RdsInstances(rds)).keepAway("mysqlinstd", "mysqlinstdtemp", grace, false, "exec-1",
                Instant.now().minus(Duration.ofMinutes(2)));
        rds.modifyDBInstance(b -> b.dbInstanceIdentifier("mysqlinstdtemp").newDBInstanceIdentifier("mysqlinstd").applyImmediately(true));
        return kept.keptAs();
    }

    private void instance(String id, String data) {
        rds.createDBInstance(b -> b.dbInstanceIdentifier(id).engine("mysql").dbInstanceClass("db.t3.medium")
                .masterUsername("admin").masterUserPassword("not-a-secret-1").allocatedStorage(20)
                .tags(List.of(Tag.builder().key(RefreshTags.MANAGED).value("true").build(), Tag.builder().key("data").value(data).build())));
    }

    private Map<String, String> tags(String id) {
        String arn = rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().get(0).dbInstanceArn();
        Map<String, String> tags = new HashMap<>();
        rds.listTagsForResource(b -> b.resourceName(arn)).tagList().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }
}
