package io.dbrefresh.e2e;

import static io.dbrefresh.e2e.StoppedBeforeTouching.describe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * guard-target refuses before anything is touched: no step starts, the target and its
 * replicas are as they were, no copy or snapshot is made, and the refusal is recorded and sent.
 */
class GuardTargetEndToEndIT {

    /** The states a refused run may pass through; any other would be a step touching something. */
    private static final Set<String> REFUSAL_PATH = Set.of("validate-refresh-file", "acquire-lock", "guard-target",
            "guard-target: failed", "recover",
            "update-dynamodb-failure", "send-msg-failure", "failure-cause?", "refresh-failed");

    @Test
    void targetTaggedProtected_isRefusedAndNothingIsTouched() {
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", null)) {
            tag(world, "dbrefresh:protected", "true");

            ExecutionResult result = world.run("e2e-guard-protected");

            assertRefusedUntouched(world, result, "tagged dbrefresh:protected=true");
        }
    }

    @Test
    void targetTaggedProduction_isRefusedAndNothingIsTouched() {
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", null)) {
            tag(world, "env", "prod");

            ExecutionResult result = world.run("e2e-guard-production");

            assertRefusedUntouched(world, result, "tagged env=prod");
        }
    }

    @Test
    void targetNotAdopted_isRefusedNamingTheTagAndTheAdoptCommand_andNothingIsTouched() {
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", null)) {
            String arn = describe(world.aws.rds(), "mysqlinstd").dbInstanceArn();
            world.aws.rds().removeTagsFromResource(b -> b.resourceName(arn).tagKeys(RefreshTags.MANAGED));

            ExecutionResult result = world.run("e2e-guard-not-adopted");

            assertRefusedUntouched(world, result, "run `dbrefresh adopt mysqlinstd`");
            assertThat(world.historyRows().get(0).get("error").s()).contains("mysqlinstd is not adopted")
                    .contains("dbrefresh:managed=true");
            assertThat(describe(Emulators.clients().rds(), "mysqlinstd").tagList()).extracting(Tag::key)
                    .as("the guard tags nothing").doesNotContain(RefreshTags.MANAGED);
        }
    }

    @Test
    void replicaNotAdopted_isRefusedBeforeAnythingChanges_asAwsWouldRefuseItsDeletionLater() {
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", null)) {
            String arn = describe(world.aws.rds(), "mysqlinstd-r2").dbInstanceArn();
            world.aws.rds().removeTagsFromResource(b -> b.resourceName(arn).tagKeys(RefreshTags.MANAGED));

            ExecutionResult result = world.run("e2e-guard-replica-not-adopted");

            assertRefusedUntouched(world, result, "read replica mysqlinstd-r2 of mysqlinstd is not adopted");
        }
    }

    @Test
    void productionTarget_evenTaggedManaged_isRefusedAndNothingIsTouched() {
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", null)) {
            tag(world, "environment", "live");
            tag(world, "env", "production");

            ExecutionResult result = world.run("e2e-guard-production-managed");

            assertRefusedUntouched(world, result, "tagged env=production");
        }
    }

    @Test
    void targetWithDeletionProtection_theFileNotLiftingIt_isRefusedAndNothingIsTouched() {
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", null)) {
            world.aws.rds().modifyDBInstance(b -> b.dbInstanceIdentifier("mysqlinstd").deletionProtection(true).applyImmediately(true));

            ExecutionResult result = world.run("e2e-guard-deletion-protection");

            assertRefusedUntouched(world, result, "has deletion protection");
            assertThat(describe(Emulators.clients().rds(), "mysqlinstd").deletionProtection()).isTrue();
        }
    }

    @Test
    void targetThatIsAReplicaOfTheSource_isRefusedAndNothingIsTouched() {
        try (LocalWorld world = LocalWorld.seeded("rds-latestpoint.json", null)) {
            RdsClient rds = world.aws.rds();
            // make the target a read replica of production, the worst name a typo can reach
            for (String id : List.of("mysqlinstd-r1", "mysqlinstd-r2", "mysqlinstd")) {
                rds.deleteDBInstance(b -> b.dbInstanceIdentifier(id).skipFinalSnapshot(true));
            }
            rds.createDBInstanceReadReplica(b -> b.dbInstanceIdentifier("mysqlinstd").sourceDBInstanceIdentifier("mysqlinstp"));

            ExecutionResult result = world.run("e2e-guard-source-replica");

            assertThat(result.status()).isEqualTo("FAILED");
            assertOnlyTheRefusalPathRan(world);
            DBInstance target = describe(Emulators.clients().rds(), "mysqlinstd");
            assertThat(target.dbInstanceStatus()).isEqualTo("available");
            assertThat(target.readReplicaSourceDBInstanceIdentifier()).isEqualTo("mysqlinstp");
            assertThat(describe(Emulators.clients().rds(), "mysqlinstp").dbInstanceStatus()).isEqualTo("available");
            assertRecordedAndSent(world, "read replica of the source");
        }
    }

    private static void tag(LocalWorld world, String key, String value) {
        String arn = describe(world.aws.rds(), "mysqlinstd").dbInstanceArn();
        world.aws.rds().addTagsToResource(b -> b.resourceName(arn).tags(Tag.builder().key(key).value(value).build()));
    }

    private static void assertRefusedUntouched(LocalWorld world, ExecutionResult result, String reason) {
        assertThat(result.status()).isEqualTo("FAILED");
        assertOnlyTheRefusalPathRan(world);
        StoppedBeforeTouching.assertTheOldTargetIsUntouched();
        assertRecordedAndSent(world, reason);
    }

    private static void assertOnlyTheRefusalPathRan(LocalWorld world) {
        StoppedBeforeTouching.assertOnlyThePathRan(world, "guard-target", REFUSAL_PATH);
    }

    private static void assertRecordedAndSent(LocalWorld world, String reason) {
        List<Map<String, AttributeValue>> rows = world.historyRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("status").s()).isEqualTo("FAILED");
        assertThat(rows.get(0).get("failedstep").s()).isEqualTo("guard-target");
        assertThat(rows.get(0).get("error").s()).contains("TargetRefusedException").contains(reason);
        assertThat(world.account.notifications()).singleElement().asString().contains("Status: FAILED").contains(reason);
    }
}
