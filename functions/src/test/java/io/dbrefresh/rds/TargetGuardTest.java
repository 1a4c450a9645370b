package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dbrefresh.refreshfile.PlannedStep;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.testing.Plans;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.StopDbInstanceRequest;

class TargetGuardTest {

    private final RdsClient rds = RdsStubs.rds();

    @Test
    void ordinaryTarget_isCleared() {
        RdsStubs.describes(rds, RdsStubs.instance("qa", "available").build());
        RdsStubs.tags(rds, RdsStubs.arn("qa"), Map.of("env", "qa", RefreshTags.MANAGED, "true"));

        assertThat(new TargetGuard(rds).refusals(plan("prod", "qa", "qa", false))).isEmpty();
        verify(rds, never()).stopDBInstance(any(StopDbInstanceRequest.class));
        verify(rds, never()).deleteDBInstance(any(DeleteDbInstanceRequest.class));
        verify(rds, never()).modifyDBInstance(any(ModifyDbInstanceRequest.class));
    }

    @Test
    void targetTaggedProtected_isRefused() {
        RdsStubs.describes(rds, RdsStubs.instance("qa", "available").build());
        RdsStubs.tags(rds, RdsStubs.arn("qa"), Map.of(TargetGuard.PROTECTED_TAG, "true"));

        assertThat(new TargetGuard(rds).refusals(plan("prod", "qa", "qa", false)))
                .singleElement().asString().contains("dbrefresh:protected=true");
    }

    @Test
    void targetTaggedProduction_isRefused() {
        RdsStubs.describes(rds, RdsStubs.instance("qa", "available").build());
        RdsStubs.tags(rds, RdsStubs.arn("qa"), Map.of("Environment", "Production"));

        assertThat(new TargetGuard(rds).refusals(plan("prod", "qa", "qa", false)))
                .singleElement().asString().contains("Environment=Production");
    }

    @Test
    void fileWhoseEnvironmentIsProduction_isRefusedEvenWhenTheTargetDoesNotExist() {
        assertThat(new TargetGuard(rds).refusals(plan("prod", "qa", "prod", false)))
                .singleElement().asString().contains("environment is prod");
    }

    @Test
    void targetThatIsTheSourceByArn_isRefused() {
        assertThat(new TargetGuard(rds).refusals(plan(RdsStubs.arn("qa"), "qa", "qa", false)))
                .anySatisfy(r -> assertThat(r).contains("is the refresh's source"));
    }

    @Test
    void targetThatIsAReplicaOfTheSource_isRefused() {
        RdsStubs.describes(rds, RdsStubs.instance("qa", "available").readReplicaSourceDBInstanceIdentifier("prod").build());
        adopted("qa");

        assertThat(new TargetGuard(rds).refusals(plan("prod", "qa", "qa", false)))
                .singleElement().asString().contains("read replica of the source");
    }

    @Test
    void sourceListingTheTargetAmongItsReplicas_isRefused() {
        RdsStubs.describes(rds, RdsStubs.instance("prod", "available").readReplicaDBInstanceIdentifiers("qa").build());

        assertThat(new TargetGuard(rds).refusals(plan("prod", "qa", "qa", false)))
                .singleElement().asString().contains("read replica of the source");
    }

    @Test
    void deletionProtectedTarget_isRefusedUnlessTheFileLiftsIt() {
        RdsStubs.describes(rds, RdsStubs.instance("qa", "available").deletionProtection(true).build());
        adopted("qa");

        assertThat(new TargetGuard(rds).refusals(plan("prod", "qa", "qa", false)))
                .singleElement().asString().contains("deletion protection");
        assertThat(new TargetGuard(rds).refusals(plan("prod", "qa", "qa", true))).isEmpty();
    }

    @Test
    void deletingWithoutSnapshotOrRestore_isRefused() {
        RefreshPlan p = plan("prod", "qa", "qa", false);
        Map<StepId, PlannedStep> steps = new EnumMap<>(p.steps());
        steps.put(StepId.PERFORM_RESTORE, new PlannedStep(StepId.PERFORM_RESTORE, false, 30, 5, false));
        RefreshPlan noRestore = new RefreshPlan(p.service(), p.source(), p.target(), p.instance(), p.application(), p.environment(),
                null, steps, p.restore(), null, Plans.delete("qa", false, false), p.replicas(), null, null, null, null, List.of());

        assertThat(new TargetGuard(rds).refusals(noRestore)).singleElement().asString().contains("no final snapshot");
    }

    @Test
    void untaggedTarget_isRefusedNamingTheManagedTagAndTheAdoptCommand() {
        RdsStubs.describes(rds, RdsStubs.instance("qa", "available").build());
        RdsStubs.tags(rds, RdsStubs.arn("qa"), Map.of("env", "qa"));

        assertThat(new TargetGuard(rds).refusals(plan("prod", "qa", "qa", false))).singleElement().asString()
                .contains("qa is not adopted").contains("dbrefresh:managed=true").contains("run `dbrefresh adopt qa`");
        verify(rds, never()).addTagsToResource(any(AddTagsToResourceRequest.class));
    }

    @Test
    void managedTagWithAnotherValue_isNotAdopted_asIamComparesItExactly() {
        RdsStubs.describes(rds, RdsStubs.instance("qa", "available").build());
        RdsStubs.tags(rds, RdsStubs.arn("qa"), Map.of(RefreshTags.MANAGED, "yes"));

        assertThat(new TargetGuard(rds).refusals(plan("prod", "qa", "qa", false))).singleElement().asString()
                .contains("not adopted");
    }

    @Test
    void productionTaggedTarget_isRefusedAsProduction_withoutOfferingAdoption() {
        RdsStubs.describes(rds, RdsStubs.instance("qa", "available").build());
        RdsStubs.tags(rds, RdsStubs.arn("qa"), Map.of("env", "prd"));

        assertThat(new TargetGuard(rds).refusals(plan("prod", "qa", "qa", false))).singleElement().asString()
                .contains("tagged env=prd").doesNotContain("dbrefresh adopt");
    }

    @Test
    void productionTaggedTarget_isRefusedEvenWhenSomeoneTaggedItManaged() {
        RdsStubs.describes(rds, RdsStubs.instance("qa", "available").build());
        RdsStubs.tags(rds, RdsStubs.arn("qa"), Map.of("environment", "production", RefreshTags.MANAGED, "true"));

        assertThat(new TargetGuard(rds).refusals(plan("prod", "qa", "qa", false))).singleElement().asString()
                .contains("tagged environment=production");
    }

    @Test
    void absentTarget_needsNoAdoption_theCopyIsBornManaged() {
        assertThat(new TargetGuard(rds).refusals(plan("prod", "qa", "qa", false))).isEmpty();
    }

    @Test
    void replicaTheRefreshDeletes_notAdopted_isRefusedNamingTheTargetsAdoption() {
        RdsStubs.describes(rds, RdsStubs.instance("qa", "available").readReplicaDBInstanceIdentifiers("qa-r1", "qa-r2").build());
        adopted("qa");
        RdsStubs.describes(rds, RdsStubs.instance("qa-r1", "available").build());
        adopted("qa-r1");
        RdsStubs.describes(rds, RdsStubs.instance("qa-r2", "available").build());

        assertThat(new TargetGuard(rds).refusals(plan("prod", "qa", "qa", false))).singleElement().asString()
                .contains("read replica qa-r2 of qa is not adopted").contains("run `dbrefresh adopt qa`");
    }

    @Test
    void replicaTaggedProduction_isRefused() {
        RdsStubs.describes(rds, RdsStubs.instance("qa", "available").readReplicaDBInstanceIdentifiers(RdsStubs.arn("qa-r1")).build());
        adopted("qa");
        RdsStubs.describes(rds, RdsStubs.instance("qa-r1", "available").build());
        RdsStubs.tags(rds, RdsStubs.arn("qa-r1"), Map.of("env", "prod", RefreshTags.MANAGED, "true"));

        assertThat(new TargetGuard(rds).refusals(plan("prod", "qa", "qa", false))).singleElement().asString()
                .contains("qa-r1 is tagged env=prod");
    }

    @Test
    void judge_clearsOnlyAManagedNonProductionDatabase() {
        assertThat(TargetGuard.judge("qa", Map.of(RefreshTags.MANAGED, "true")).cleared()).isTrue();
        TargetGuard.Verdict untagged = TargetGuard.judge("qa", Map.of());
        assertThat(untagged.cleared()).isFalse();
        assertThat(untagged.needsAdoption()).isTrue();
        TargetGuard.Verdict protectedOne = TargetGuard.judge("qa", Map.of(TargetGuard.PROTECTED_TAG, "TRUE", RefreshTags.MANAGED, "true"));
        assertThat(protectedOne.cleared()).isFalse();
        assertThat(protectedOne.needsAdoption()).isFalse();
    }

    private void adopted(String id) {
        RdsStubs.tags(rds, RdsStubs.arn(id), Map.of(RefreshTags.MANAGED, "true"));
    }

    private static RefreshPlan plan(String source, String target, String environment, boolean lift) {
        RefreshPlan p = Plans.plan(source, target, Plans.restore(RestoreType.LATEST_POINT, source, target),
                Plans.delete(target, true, lift), Plans.replicasAsBefore());
        return new RefreshPlan(p.service(), p.source(), p.target(), p.instance(), p.application(), environment, null,
                p.steps(), p.restore(), null, p.delete(), p.replicas(), null, null, null, null, List.of());
    }
}
